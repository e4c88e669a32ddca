import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { apiRequest, isJsonObject } from './request';
import type { ApiContext, BinaryStream, TranscriptJson, TranscriptParams } from './types';

const UNKNOWN_ID_HINT =
	'Check the transcript ID. Transcripts are only found with a key of the AssemblyAI project and region that created them.';

const isTranscript = (response: unknown): boolean =>
	isJsonObject(response) &&
	typeof (response as IDataObject).id === 'string' &&
	typeof (response as IDataObject).status === 'string';

/** Uploads and transcript requests have no timeout of their own; lookups should answer quickly. */
const LOOKUP_TIMEOUT_MS = 60_000;

/**
 * POST /v2/upload: the raw bytes, answered with an upload_url. `openBody` gives the bytes afresh for
 * each attempt (a stream is read once), so a failed upload can be sent again.
 */
export async function uploadAudio(
	ctx: ApiContext,
	openBody: () => Promise<Buffer | BinaryStream>,
	byteLength: number | undefined,
	itemIndex: number,
): Promise<string> {
	const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
	if (byteLength !== undefined) headers['Content-Length'] = String(byteLength);
	const response = await apiRequest<{ upload_url: string }>(ctx, {
		method: 'POST',
		path: '/v2/upload',
		body: openBody,
		headers,
		what: 'upload',
		itemIndex,
		streamBody: true,
		retry: 'idempotent',
		isValid: (r) => isJsonObject(r) && typeof (r as IDataObject).upload_url === 'string',
	});
	return response.upload_url;
}

/**
 * POST /v2/transcript. Never sent twice for one recording: after a failure that may have created the
 * transcript (a dropped connection, a 5xx, a garbled answer), the recent transcripts are searched for
 * it first; `claimed` holds the IDs this execution already owns, so two items with one URL stay apart.
 */
export async function createTranscript(
	ctx: ApiContext,
	params: TranscriptParams,
	itemIndex: number,
	claimed: Set<string> = new Set(),
): Promise<TranscriptJson> {
	const transcript = await apiRequest<TranscriptJson>(ctx, {
		method: 'POST',
		path: '/v2/transcript',
		body: params,
		what: 'transcript request',
		itemIndex,
		retry: 'create',
		isValid: isTranscript,
		findCreated: async (sentAt) => await findCreatedTranscript(ctx, params.audio_url, sentAt, claimed, itemIndex),
	});
	claimed.add(transcript.id);
	return transcript;
}

/** Clocks differ between n8n and AssemblyAI: look a little before the request was sent. */
const CLOCK_SLACK_MS = 5 * 60_000;

async function findCreatedTranscript(
	ctx: ApiContext,
	audioUrl: string,
	sentAt: number,
	claimed: Set<string>,
	itemIndex: number,
): Promise<TranscriptJson | undefined> {
	let list: IDataObject;
	try {
		list = await listTranscripts(ctx, { limit: 100 });
	} catch (error) {
		throw new NodeApiError(
			ctx.getNode(),
			{ message: (error as Error).message },
			{
				itemIndex,
				message: `AssemblyAI may have created the transcript of ${audioUrl}, and checking whether it did failed too`,
				description:
					'To avoid paying for it twice, the request was not sent again. Look for this audio URL in the transcript list of your AssemblyAI dashboard: if it is there, use Get Highlights with its ID; if not, run the node again.',
			},
		);
	}
	const transcripts = (list.transcripts as IDataObject[] | undefined) ?? [];
	const found = transcripts.find(
		(t) =>
			t.audio_url === audioUrl &&
			typeof t.id === 'string' &&
			!claimed.has(t.id) &&
			Date.parse(String(t.created ?? '')) >= sentAt - CLOCK_SLACK_MS,
	);
	if (!found) return undefined;
	return await getTranscript(ctx, found.id as string, itemIndex);
}

export async function getTranscript(ctx: ApiContext, transcriptId: string, itemIndex?: number): Promise<TranscriptJson> {
	return await apiRequest<TranscriptJson>(ctx, {
		method: 'GET',
		path: `/v2/transcript/${encodeURIComponent(transcriptId)}`,
		what: `lookup of transcript ${transcriptId}`,
		itemIndex,
		hints: { 400: UNKNOWN_ID_HINT, 404: UNKNOWN_ID_HINT },
		retry: 'idempotent',
		isValid: isTranscript,
		timeoutMs: LOOKUP_TIMEOUT_MS,
	});
}

export async function listTranscripts(ctx: ApiContext, qs: IDataObject): Promise<IDataObject> {
	return await apiRequest<IDataObject>(ctx, {
		method: 'GET',
		path: '/v2/transcript',
		qs,
		what: 'transcript list',
		retry: 'idempotent',
		isValid: (r) => isJsonObject(r) && Array.isArray((r as IDataObject).transcripts),
		timeoutMs: LOOKUP_TIMEOUT_MS,
	});
}
