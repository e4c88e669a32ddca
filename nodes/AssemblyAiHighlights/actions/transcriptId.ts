import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The Transcript ID parameter, shared by every operation that reads an existing transcript. */
export const transcriptIdProperty: INodeProperties = {
	displayName: 'Transcript ID',
	name: 'transcriptId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5552493-16d8-42d8-8feb-c2a16b56f6e8',
	hint: 'From a "Don\'t Wait" run ({{ $json.transcriptId }}) or an AssemblyAI webhook ({{ $json.body.transcript_id }})',
	description: 'The ID of a transcript created with key phrases',
};

/** An item's transcript ID, trimmed; a NodeOperationError that says what to map when it is empty. */
export function readTranscriptId(ctx: IExecuteFunctions, itemIndex: number): string {
	const transcriptId = String(ctx.getNodeParameter('transcriptId', itemIndex, '') ?? '').trim();
	if (!transcriptId) {
		throw new NodeOperationError(ctx.getNode(), 'Transcript ID is empty', {
			itemIndex,
			description:
				'Map the ID from the node before, e.g. {{ $json.transcriptId }} after a "Don\'t Wait" transcription or {{ $json.body.transcript_id }} from an AssemblyAI webhook.',
		});
	}
	return transcriptId;
}
