import { getTranscript } from './assemblyAi';
import { pause } from './pause';
import type { RateLimits } from './requestRate';
import { RequestRate } from './requestRate';
import { scanTranscriptList } from './transcriptList';
import type { ApiContext, TranscriptJson, TranscriptStatus } from './types';
import { mapWithConcurrency } from '../utils/concurrency';

export interface WaitSettings {
	pollIntervalMs: number;
	maxWaitMs: number;
}

/** Where one transcript ended up: finished, still running at the deadline, or a lookup that failed. */
export type WaitResult =
	| { kind: 'finished'; transcript: TranscriptJson }
	| { kind: 'timedOut'; transcript: TranscriptJson }
	| { kind: 'lookupFailed'; error: Error };

/**
 * Finished transcripts fetched at once. A 3-hour recording with speaker labels is about 7 MB of JSON
 * (its words, and utterances that repeat them), so only a few are held at a time.
 */
export const FETCH_CONCURRENCY = 4;
/** From this many transcripts of unknown status on, list requests (200 statuses each) replace a GET per transcript. */
export const LIST_POLLING_FROM = 4;
/** List pages read per round: the statuses of up to 1,000 transcripts. */
const LIST_PAGES_PER_ROUND = 5;

export const isFinished = (status: TranscriptStatus): boolean => status === 'completed' || status === 'error';

/**
 * Waits for transcripts together, until all are finished or the deadline passes; cancelling the
 * execution ends the wait. Rounds start one poll interval apart (the first one at once with
 * `checkAtOnce`, else one interval from now; the last one at the deadline), and each round:
 *  1. asks for the status of every transcript still running: with a few, a GET each (a GET of a
 *     finished one is also its fetch); with more, the transcript list (200 statuses per request);
 *  2. fetches the ones that finished, FETCH_CONCURRENCY at a time.
 * Every transcript is handed to `settle` once, as soon as it is finished (or its lookup failed, or it
 * still runs at the deadline), and only what `settle` returns is kept: however large the batch, at
 * most FETCH_CONCURRENCY transcripts' JSON is held at once. Every request waits for its turn in one
 * RequestRate (8 per second, bursts of 16).
 */
export async function waitForTranscripts<T>(
	ctx: ApiContext,
	ids: Iterable<string>,
	settings: WaitSettings & { checkAtOnce: boolean },
	signal: AbortSignal | undefined,
	settle: (id: string, result: WaitResult) => T,
): Promise<Map<string, T>> {
	const rate = new RequestRate(signal);
	const settled = new Map<string, T>();
	/** The transcripts still running, and their last known status. */
	const running = new Map<string, TranscriptStatus>([...ids].map((id) => [id, 'queued']));
	const finish = (id: string, result: WaitResult) => {
		running.delete(id);
		settled.set(id, settle(id, result));
	};
	const fetch = async (fetchIds: string[]) =>
		await fetchEach(ctx, fetchIds, rate, signal, (id, transcript) => {
			if (transcript instanceof Error) finish(id, { kind: 'lookupFailed', error: transcript });
			else if (isFinished(transcript.status)) finish(id, { kind: 'finished', transcript });
			else running.set(id, transcript.status);
		});

	const deadline = Date.now() + settings.maxWaitMs;
	let roundAt = settings.checkAtOnce ? Date.now() : Date.now() + settings.pollIntervalMs;
	while (running.size > 0) {
		roundAt = Math.min(roundAt, deadline);
		await pause(Math.max(0, roundAt - Date.now()), signal);
		const ids = [...running.keys()];
		if (ids.length < LIST_POLLING_FROM) {
			await fetch(ids);
		} else {
			const listed = await listStatuses(ctx, ids, rate);
			for (const [id, status] of listed) running.set(id, status);
			// The finished ones, and any the list did not show (the list only saves requests).
			await fetch(ids.filter((id) => !listed.has(id) || isFinished(listed.get(id)!)));
		}
		if (Date.now() >= deadline) break;
		roundAt = Math.max(Date.now(), roundAt + settings.pollIntervalMs);
	}
	for (const [id, status] of running) finish(id, { kind: 'timedOut', transcript: { id, status } });
	return settled;
}

/**
 * GETs each transcript, FETCH_CONCURRENCY at a time, each request in its turn of `rate`, and hands it
 * (or the error of its lookup) to `onFetched` as it arrives; nothing else keeps it. Cancelling the
 * execution rejects.
 */
export async function fetchEach(
	ctx: ApiContext,
	ids: readonly string[],
	rate: RequestRate,
	signal: AbortSignal | undefined,
	onFetched: (id: string, transcript: TranscriptJson | Error) => void,
	concurrency = FETCH_CONCURRENCY,
): Promise<void> {
	await mapWithConcurrency(ids, concurrency, async (id) => {
		await rate.take();
		let transcript: TranscriptJson | Error;
		try {
			transcript = await getTranscript(ctx, id);
		} catch (error) {
			if (signal?.aborted) await pause(0, signal); // throws the cancellation
			transcript = error as Error;
		}
		onFetched(id, transcript);
	});
}

/** The statuses the transcript list shows for these transcripts; none when it cannot be read. */
async function listStatuses(ctx: ApiContext, ids: string[], rate: RequestRate): Promise<Map<string, TranscriptStatus>> {
	const statuses = new Map<string, TranscriptStatus>();
	try {
		await scanTranscriptList(ctx, new Set(ids), {
			maxPages: LIST_PAGES_PER_ROUND,
			rate,
			onListed: ({ id, status }) => void statuses.set(id, status),
		});
	} catch {
		// Keeps what the pages read so far showed; the rest is asked for one by one.
	}
	return statuses;
}

/**
 * Transcripts known to be finished: each is settled as it arrives, those in `fetched` at once, the
 * others fetched `pace.concurrency` at a time within `pace`'s rate (by default FETCH_CONCURRENCY,
 * 8 requests per second, bursts of 16).
 */
export async function readFinishedTranscripts<T>(
	ctx: ApiContext,
	ids: readonly string[],
	fetched: ReadonlyMap<string, TranscriptJson>,
	signal: AbortSignal | undefined,
	settle: (id: string, result: WaitResult) => T,
	pace?: RateLimits & { concurrency: number },
): Promise<Map<string, T>> {
	const settled = new Map<string, T>();
	for (const id of ids) {
		const transcript = fetched.get(id);
		if (transcript) settled.set(id, settle(id, { kind: 'finished', transcript }));
	}
	const toFetch = ids.filter((id) => !settled.has(id));
	const rate = new RequestRate(signal, pace);
	await fetchEach(
		ctx,
		toFetch,
		rate,
		signal,
		(id, transcript) => settled.set(id, settle(id, transcript instanceof Error ? { kind: 'lookupFailed', error: transcript } : { kind: 'finished', transcript })),
		pace?.concurrency,
	);
	return settled;
}
