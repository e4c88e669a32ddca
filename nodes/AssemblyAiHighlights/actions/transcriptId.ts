import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * AssemblyAI's transcript IDs: UUIDs today; older ones start with 5 to 12 letters and digits
 * ("64nygnr62k-405c-4ae8-8a6b-d90b40ff3cce" in AssemblyAI's spec), so the first group is loose.
 */
const ID = '[0-9a-zA-Z]{5,12}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A link on assemblyai.com (the dashboard, or the API's resource_url) that names a transcript. */
const LINK = `https?://(?:[a-z0-9-]+\\.)*assemblyai\\.com/[^\\s]*?(${ID})(?:[/?#][^\\s]*)?`;

/**
 * The Transcript parameter, shared by every operation that reads an existing transcript. A resource
 * locator; saved workflows' plain strings and expressions (`{{ $json.transcriptId }}`) keep working.
 */
export const transcriptIdProperty: INodeProperties = {
	displayName: 'Transcript',
	name: 'transcriptId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	hint: "Or map an ID: {{ $json.transcriptId }} after 'Don't Wait', {{ $json.body.transcript_id }} from an AssemblyAI webhook",
	description: 'A transcript created with key phrases',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a transcript...',
			typeOptions: { searchListMethod: 'searchTranscripts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3c3bdee9-764f-45b1-82b8-d01a24a9c1bc',
			validation: [{ type: 'regex', properties: { regex: `\\s*${ID}\\s*`, errorMessage: 'Not a transcript ID: 36 characters like 3c3bdee9-764f-45b1-82b8-d01a24a9c1bc' } }],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://www.assemblyai.com/app/transcripts/3c3bdee9-764f-45b1-82b8-d01a24a9c1bc',
			extractValue: { type: 'regex', regex: LINK },
			validation: [
				{ type: 'regex', properties: { regex: `\\s*${LINK}\\s*`, errorMessage: 'Not a link to a transcript on assemblyai.com' } },
			],
		},
	],
};

/** An item's transcript ID (any mode, or a plain string), trimmed; a NodeOperationError that says what to map when it is empty. */
export function readTranscriptId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('transcriptId', itemIndex, '', { extractValue: true });
	const transcriptId = String(value ?? '').trim();
	if (!transcriptId) {
		throw new NodeOperationError(ctx.getNode(), 'Transcript ID is empty', {
			itemIndex,
			description:
				'Choose a transcript from the list, or map its ID, e.g. {{ $json.transcriptId }} after a "Don\'t Wait" transcription or {{ $json.body.transcript_id }} from an AssemblyAI webhook.',
		});
	}
	return transcriptId;
}
