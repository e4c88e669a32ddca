import { parseApiTime } from '../../transport/apiTime';
import { getTranscript } from '../../transport/assemblyAi';
import { LIST_PAGE_SIZE, scanTranscriptList } from '../../transport/transcriptList';
import type { ApiContext, TranscriptJson } from '../../transport/types';
import { isFinished } from '../../transport/wait';

/** What AssemblyAI says of an execution's transcripts. */
export type BatchStatus =
	/** This one (not the caller's) is still queued or processing: the list says so, and its own GET too. */
	| { kind: 'running'; transcriptId: string }
	/** The list shows this one (not the caller's) as running, but its own GET says it finished: the list lags. */
	| { kind: 'listLags'; transcriptId: string }
	/** Only the caller's own transcript is listed as still running: the list lags behind the call. */
	| { kind: 'callerNotListedFinished' }
	/** All finished; when each finished, where the list tells (`completed`), and any read whole on the way. */
	| { kind: 'finished'; finishedAt: Map<string, string>; fetched: Map<string, TranscriptJson> };

/** Transcripts the list may fail to show (it covers 90 days) that are still asked for one by one. */
const MAX_UNLISTED = 4;
/** List pages read at most: the batch's transcripts and up to 10,000 others created since. */
const MAX_PAGES = 50;

/**
 * Whether every transcript of the execution is finished, from AssemblyAI's transcript list; the
 * transcript a callback came for (`caller`) does not count as running, unless it is the only one.
 * First one page of the account's processing transcripts: while a batch runs, that one request
 * almost always shows one of its transcripts, and that one's own GET confirms it (confirmRunning).
 * Only when it shows
 * none is the whole list read, newest first, back to the batch's oldest transcript (200 per request,
 * ending as soon as one is still running): every status, and when each finished. Throws when
 * AssemblyAI cannot be asked.
 */
export async function checkBatch(ctx: ApiContext, awaited: string[], caller?: string): Promise<BatchStatus> {
	const wanted = new Set(awaited);
	let running: string | undefined;
	let callerRunning = false;
	/** Notes a transcript that still runs; true once one other than the caller's does (the scan can end). */
	const stillRuns = (id: string) => {
		if (id === caller) callerRunning = true;
		else running ??= id;
		return running !== undefined;
	};

	await scanTranscriptList(ctx, wanted, { status: 'processing', maxPages: 1, onListed: ({ id }) => stillRuns(id) });
	if (running) return await confirmRunning(ctx, running);

	const finishedAt = new Map<string, string>();
	const listed = new Set<string>();
	await scanTranscriptList(ctx, wanted, {
		maxPages: Math.max(MAX_PAGES, Math.ceil(wanted.size / LIST_PAGE_SIZE) + 1),
		onListed: ({ id, status, completed }) => {
			listed.add(id);
			if (!isFinished(status)) return stillRuns(id);
			if (completed) finishedAt.set(id, completed);
			return false;
		},
	});
	if (running) return await confirmRunning(ctx, running);

	const unlisted = awaited.filter((id) => !listed.has(id));
	if (unlisted.length > MAX_UNLISTED) {
		throw new Error(`AssemblyAI's transcript list does not show ${unlisted.length} of this execution's ${awaited.length} transcripts`);
	}
	const fetched = new Map<string, TranscriptJson>();
	for (const id of unlisted) {
		const transcript = await getTranscript(ctx, id);
		if (isFinished(transcript.status)) fetched.set(id, transcript);
		else if (stillRuns(id)) return { kind: 'running', transcriptId: id };
	}
	if (callerRunning) return { kind: 'callerNotListedFinished' };
	return { kind: 'finished', finishedAt, fetched };
}

/**
 * What the list said of a transcript other than the caller's, checked with its own GET. AssemblyAI's
 * list can show a transcript as running moments after it finished; a call that took that for the
 * truth would be acknowledged while its execution had nothing left to wait for, and when two
 * recordings finish together each call could see the other still running: no call would resume it.
 * A lagging list is answered 503 (receive.ts), so AssemblyAI calls again. One more request per call.
 */
async function confirmRunning(ctx: ApiContext, transcriptId: string): Promise<BatchStatus> {
	const transcript = await getTranscript(ctx, transcriptId);
	return isFinished(transcript.status) ? { kind: 'listLags', transcriptId } : { kind: 'running', transcriptId };
}

/**
 * The transcript that finished last (the latest `completed`, then the greatest ID; one without a
 * finish time only when none has one): the call for it is the one that resumes the execution, so two
 * calls that both find everything finished do not both resume it.
 */
export function lastToFinish(ids: string[], finishedAt: ReadonlyMap<string, string>): string {
	const timed = ids.filter((id) => finishedAt.has(id));
	const candidates = timed.length ? timed : ids;
	const at = (id: string) => parseApiTime(finishedAt.get(id)) || 0;
	return candidates.reduce((last, id) => (at(id) > at(last) || (at(id) === at(last) && id > last) ? id : last));
}

/**
 * Which call resumes the execution once every transcript is finished: the one for the transcript
 * that finished last. AssemblyAI keeps the status it got for each call (`webhook_status_code`), and
 * a resuming call is answered 202, so another call resumes only when the call for that transcript
 * did not and will not: it was answered 200 (it came while others still ran) or refused with a 4xx
 * (before the execution waited, say; AssemblyAI does not call again after a 4xx). Without a status
 * yet, or after a 5xx, that call is still to come. n8n 2.x refuses a second resume by itself; n8n 1.x
 * would run the rest of the workflow twice.
 */
export async function whoResumes(
	ctx: ApiContext,
	caller: string,
	awaited: string[],
	status: Extract<BatchStatus, { kind: 'finished' }>,
): Promise<string> {
	const last = lastToFinish(awaited, status.finishedAt);
	if (last === caller) return caller;
	const transcript = status.fetched.get(last) ?? (await getTranscript(ctx, last));
	// Read whole anyway: kept, so the resume does not fetch it again.
	status.fetched.set(last, transcript);
	const code = transcript.webhook_status_code;
	const settledWithoutResuming = code === 200 || (typeof code === 'number' && code >= 400 && code < 500);
	return settledWithoutResuming ? caller : last;
}
