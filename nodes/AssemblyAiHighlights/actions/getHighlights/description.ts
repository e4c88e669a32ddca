import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

const properties: INodeProperties[] = [
	{
		displayName: 'Transcript ID',
		name: 'transcriptId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5552493-16d8-42d8-8feb-c2a16b56f6e8',
		hint: 'From a "Don\'t Wait" run ({{ $json.transcriptId }}) or an AssemblyAI webhook ({{ $json.body.transcript_id }})',
		description: 'The ID of a transcript created with key phrases',
	},
];

export const getHighlightsProperties = updateDisplayOptions({ show: { operation: ['getHighlights'] } }, properties);
