import type { INodeProperties } from 'n8n-workflow';
import { callbackNotice, optionsProperty, outputProperties, waitModeProperties } from './common.properties';
import { deleteTranscriptProperties } from './deleteTranscript/description';
import { getHighlightsProperties } from './getHighlights/description';
import { transcribeInputProperties, transcribeOptionProperties, transcribeWebhookAuthProperties } from './transcribe/description';

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

export const nodeProperties: INodeProperties[] = [
	operationProperty,
	...transcribeInputProperties,
	...getHighlightsProperties,
	...deleteTranscriptProperties,
	...waitModeProperties,
	callbackNotice,
	...outputProperties,
	...transcribeOptionProperties,
	...transcribeWebhookAuthProperties,
	// Options shape a finished transcript: Get Highlights shapes one even without waiting, Transcribe
	// only when it waits. Delete Transcript and Transcribe with Don't Wait shape nothing.
	{ ...optionsProperty, displayOptions: { show: { operation: ['getHighlights'] } } },
	{ ...optionsProperty, displayOptions: { show: { operation: ['transcribe'], waitMode: ['poll', 'callback'] } } },
];
