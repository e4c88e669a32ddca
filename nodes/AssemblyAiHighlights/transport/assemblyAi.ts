import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { TranscriptClaims } from './claims';
import type { Candidate } from './createdTranscript';
import { readListPage, requestDifferences } from './createdTranscript';
import { CLOCK_SLACK_MS, CREATE_TIMEOUT_MS, LOOKUP_TIMEOUT_MS } from './policy';
import { apiRequest, isJsonObject } from './request';
import type { ApiContext, BinaryStream, TranscriptJson, TranscriptParams } from './types';

const UNKNOWN_ID_HINT =
	'Check the transcript ID. Transcripts are only found with a key of the AssemblyAI project and region that created them.';

const isTranscript = (response: unknown): boolean =>
	isJsonObject(response) &&
	typeof (response as IDataObject).id === 'string' &&
	typeof (response as IDataObject).status === 'string';

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

/** The largest file POST /v2/upload accepts (2.2 GB); a URL may point to up to 5 GB. */
export const MAX_UPLOAD_BYTES = 2.2e9;

/**
 * POST /v2/transcript. Never sent twice for one recording: after a failure that may have created the
 * transcript (a dropped connection, a timeout, a 5xx, a garbled answer), the recent transcripts are
 * searched for it first. `claims` is shared by the items of one execution, so two items with the
 * same request never end up with one transcript (see TranscriptClaims).
 */
export async function createTranscript(
	ctx: ApiContext,
	params: TranscriptParams,
	itemIndex: number,
	claims: TranscriptClaims = new TranscriptClaims(),
): Promise<TranscriptJson> {
	return await apiRequest<TranscriptJson>(ctx, {
		method: 'POST',
		path: '/v2/transcript',
		body: params,
		what: 'transcript request',
		itemIndex,
		retry: 'create',
		isValid: isTranscript,
		timeoutMs: CREATE_TIMEOUT_MS,
		sendThrough: async (send) =>
			await claims.send(async () => {
				const response = await send();
				if (isTranscript(response)) claims.claim((response as TranscriptJson).id);
				return response;
			}),
		findCreated: async (sentAt) =>
			await claims.search(async () => await findCreatedTranscript(ctx, params, sentAt, claims, itemIndex)),
	});
}

const LIST_PAGE_SIZE = 200;
/** How far back the transcript list is read for a created transcript: 1,000 transcripts. */
const SEARCH_PAGES = 5;
/** Candidates read whole to compare with the request; more than that and the search gives up. */
const SEARCH_CANDIDATES = 10;

/**
 * The transcript a lost answer was about, or undefined when the request surely created none (then it
 * is sent again). Adopts only a transcript created since `sentAt` (less the clock slack) whose audio
 * URL and request fields are the ones sent, and that no other item claimed. Fails closed: when that
 * cannot be told (the list or a lookup fails, a creation time is unreadable, too many transcripts to
 * look through), or when a transcript of the audio URL was created in that time but shows fields
 * other than sent (AssemblyAI may echo a field in another form), it throws naming the transcripts
 * rather than send the request again or take a stranger's transcript.
 */
async function findCreatedTranscript(
	ctx: ApiContext,
	params: TranscriptParams,
	sentAt: number,
	claims: TranscriptClaims,
	itemIndex: number,
): Promise<TranscriptJson | undefined> {
	const audioUrl = params.audio_url;
	const windowStart = sentAt - CLOCK_SLACK_MS;
	const candidates: Candidate[] = [];
	const unsure: string[] = [];
	const differing: string[] = [];
	let complete = false;
	let found: TranscriptJson | undefined;
	try {
		let beforeId: string | undefined;
		for (let page = 0; page < SEARCH_PAGES && !complete; page++) {
			const qs: IDataObject = { limit: LIST_PAGE_SIZE };
			if (beforeId) qs.before_id = beforeId;
			const items = ((await listTranscripts(ctx, qs)).transcripts as IDataObject[] | undefined) ?? [];
			const reading = readListPage(items, audioUrl, windowStart, (id) => claims.has(id));
			candidates.push(...reading.candidates);
			beforeId = items.at(-1)?.id as string | undefined;
			complete = reading.reachesBefore || items.length < LIST_PAGE_SIZE || !beforeId;
		}
		// The one created closest to when the request was sent first; unreadable times last.
		const distance = (c: Candidate) => (Number.isNaN(c.created) ? Infinity : Math.abs(c.created - sentAt));
		candidates.sort((a, b) => distance(a) - distance(b));
		if (candidates.length > SEARCH_CANDIDATES) complete = false;
		for (const candidate of candidates.slice(0, SEARCH_CANDIDATES)) {
			const transcript = await getTranscript(ctx, candidate.id, itemIndex);
			const differences = requestDifferences(transcript, params);
			if (differences.length) {
				differing.push(`${candidate.id} (${differences.join('; ')})`);
				continue;
			}
			if (Number.isNaN(candidate.created)) {
				unsure.push(candidate.id);
				continue;
			}
			found = transcript;
			break;
		}
	} catch (error) {
		throw new NodeApiError(
			ctx.getNode(),
			{ message: (error as Error).message },
			{
				itemIndex,
				message: `AssemblyAI may have created the transcript of ${audioUrl}, and checking whether it did failed too`,
				description: `To avoid paying for it twice, the request was not sent again. ${CHECK_DASHBOARD}`,
			},
		);
	}
	if (found) {
		claims.claim(found.id);
		return found;
	}
	// Sent again only when no transcript of this audio URL, not another item's, was created in the window.
	if (complete && candidates.length === 0) return undefined;
	const maybe = (unsure.length ? unsure : candidates.map((c) => c.id)).slice(0, SEARCH_CANDIDATES);
	const shows = differing.length
		? ` AssemblyAI shows ${differing.join(', ')}: it may report a field in another form than it was sent, so this does not prove it is another request.`
		: '';
	const error = new NodeOperationError(ctx.getNode(), `AssemblyAI may have created the transcript of ${audioUrl}, and which transcript it is cannot be told for sure`, {
		itemIndex,
		description: `To avoid paying for it twice, the request was not sent again.${maybe.length ? ` It may be ${maybe.join(' or ')}.` : ''}${shows} ${CHECK_DASHBOARD}`,
	});
	error.context.possibleTranscriptIds = maybe;
	throw error;
}

const CHECK_DASHBOARD =
	"Look for this audio URL in the transcript list of your AssemblyAI dashboard: if it is there, use 'Get Highlights' with its ID; if not, run the node again.";

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

/**
 * DELETE /v2/transcript/{id}: AssemblyAI scrubs the transcript and deletes a file uploaded for it
 * (answering with the scrubbed transcript). Sent again after a failure: deleting twice is harmless.
 */
export async function deleteTranscript(ctx: ApiContext, transcriptId: string, itemIndex?: number): Promise<TranscriptJson> {
	return await apiRequest<TranscriptJson>(ctx, {
		method: 'DELETE',
		path: `/v2/transcript/${encodeURIComponent(transcriptId)}`,
		what: `deletion of transcript ${transcriptId}`,
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
