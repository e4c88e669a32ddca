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
			name: 'Transcribe with Key Phrases',
			value: 'transcribe',
			action: 'Transcribe a recording and get its key phrases',
			description: 'Upload a recording or give its URL, transcribe it with Key Phrases, and output the phrases',
		},
		{
			name: 'Get Highlights',
			value: 'getHighlights',
			action: 'Get the key phrases of a transcript',
			description: 'Output the key phrases of a transcript created earlier, by its ID',
		},
		{
			name: 'Delete Transcript',
			value: 'deleteTranscript',
			action: 'Delete a transcript',
			description: 'Delete a transcript and the recording uploaded for it at AssemblyAI, by its ID',
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
	// Delete Transcript shapes nothing, so it has no options.
	{ ...optionsProperty, displayOptions: { hide: { operation: ['deleteTranscript'] } } },
];
