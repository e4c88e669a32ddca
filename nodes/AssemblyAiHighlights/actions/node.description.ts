import type { INodeProperties } from 'n8n-workflow';
import { callbackNotice, optionsProperty, outputProperties, waitModeProperties } from './common.properties';
import { deleteTranscriptProperties } from './deleteTranscript/description';
import { getHighlightsProperties } from './getHighlights/description';
import { transcribeInputProperties, transcribeOptionProperties, transcribeWebhookAuthProperties } from './transcribe/description';
import { notInTool, toolProperties as tool } from './tool/description';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'transcribe',
	options: [
		{
			name: 'Delete Transcript',
			value: 'deleteTranscript',
			action: 'Delete transcript',
			description: 'Delete a transcript and the recording uploaded for it at AssemblyAI',
		},
		{
			// The user's name for it (DESIGN.md); what it outputs are the key phrases.
			name: 'Get Highlights',
			value: 'getHighlights',
			action: 'Get highlights of transcript',
			description: 'Output the key phrases of a transcript created earlier',
		},
		{
			name: 'Transcribe with Key Phrases',
			value: 'transcribe',
			action: 'Transcribe recording with key phrases',
			description: 'Upload a recording or give its URL, transcribe it with Key Phrases, and output the phrases',
		},
	],
};

/**
 * One list for the node and for the tool n8n makes of it ("AssemblyAI Highlights Tool"): the
 * parameters that differ are declared twice, once hidden in the tool (notInTool) and once shown
 * only there (tool.*, see tool/description.ts). The node's parameters and defaults are unchanged.
 */
export const nodeProperties: INodeProperties[] = [
	operationProperty,
	...tool.descriptions,
	...notInTool(transcribeInputProperties),
	...tool.source,
	...notInTool(getHighlightsProperties),
	...notInTool(deleteTranscriptProperties),
	...tool.transcriptIds,
	...notInTool(waitModeProperties),
	...tool.waitMode,
	callbackNotice,
	...notInTool(outputProperties),
	...tool.output,
	...tool.maxAnswerKb,
	...transcribeOptionProperties,
	...transcribeWebhookAuthProperties,
	// Options shape a finished transcript: Get Highlights shapes one even without waiting, Transcribe
	// only when it waits. Delete Transcript and Transcribe with Don't Wait shape nothing.
	...notInTool([
		{ ...optionsProperty, displayOptions: { show: { operation: ['getHighlights'] } } },
		{ ...optionsProperty, displayOptions: { show: { operation: ['transcribe'], waitMode: ['poll', 'callback'] } } },
	]),
	...tool.options,
];
