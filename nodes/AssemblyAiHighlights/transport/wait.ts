import type { IDataObject } from 'n8n-workflow';
import { getTranscript, listTranscripts } from './assemblyAi';
import { pause } from './pause';
import type { ApiContext, TranscriptJson, TranscriptStatus } from './types';

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
 * AssemblyAI allows 20,000 requests per 5 minutes per account, shared by all of a user's workflows.
 * One execution stays well under a tenth of that, whatever the batch size.
 */
export const MAX_REQUESTS_PER_SECOND = 8;
/** From this many running transcripts on, one list request per round replaces a GET per transcript. */
export const LIST_POLLING_FROM = 4;
const LIST_PAGE_SIZE = 200;
const LIST_PAGES_PER_ROUND = 5;

export function isFinished(transcript: TranscriptJson): boolean {
	return transcript.status === 'completed' || transcript.status === 'error';
}

/** Spaces request starts so that the execution never sends more than MAX_REQUESTS_PER_SECOND. */
export class Pacer {
	private next = 0;
	constructor(
		private readonly gapMs: number,
		private readonly signal?: AbortSignal,
	) {}
	async turn(): Promise<void> {
		const now = Date.now();
		const at = Math.max(now, this.next);
		this.next = at + this.gapMs;
		if (at > now) await pause(at - now, this.signal);
	}
}

/**
 * Waits for many transcripts together, one round per poll interval, until all are finished or the
 * deadline passes; cancelling the execution ends the wait. A small batch is polled with one GET per
 * transcript; a large one with the transcript list, which tells the status of up to 200 at once, and
 * then one GET per transcript when it finishes. Requests are paced (MAX_REQUESTS_PER_SECOND).
 */
export async function waitForTranscripts(
	ctx: ApiContext,
	lastKnown: ReadonlyMap<string, TranscriptJson>,
	settings: WaitSettings,
	signal?: AbortSignal,
): Promise<Map<string, WaitResult>> {
	const results = new Map<string, WaitResult>();
	const running = new Map<string, TranscriptJson>();
	for (const [id, transcript] of lastKnown) {
		if (isFinished(transcript)) results.set(id, { kind: 'finished', transcript });
		else running.set(id, transcript);
	}
	const pacer = new Pacer(1000 / MAX_REQUESTS_PER_SECOND, signal);
	const fetchOne = async (id: string) => {
		await pacer.turn();
		try {
			const transcript = await getTranscript(ctx, id);
			if (isFinished(transcript)) {
				running.delete(id);
				results.set(id, { kind: 'finished', transcript });
			} else {
				running.set(id, transcript);
			}
		} catch (error) {
			running.delete(id);
			results.set(id, { kind: 'lookupFailed', error: error as Error });
		}
	};

	const deadline = Date.now() + settings.maxWaitMs;
	while (running.size > 0) {
		const roundStart = Date.now();
		const left = deadline - roundStart;
		if (left <= 0) break;
		await pause(Math.min(settings.pollIntervalMs, left), signal);

		let toFetch = [...running.keys()];
		if (running.size >= LIST_POLLING_FROM) {
			const listed = await listStatuses(ctx, new Set(running.keys()), pacer);
			if (listed) {
				for (const [id, status] of listed) running.set(id, { ...running.get(id)!, status });
				// Fetched now: the finished ones, and any the list did not show (it is only an optimisation).
				toFetch = toFetch.filter((id) => !listed.has(id) || isFinished(running.get(id)!));
			}
		}
		for (const id of toFetch) await fetchOne(id);
	}
	for (const [id, transcript] of running) results.set(id, { kind: 'timedOut', transcript });
	return results;
}

/**
 * The status of the wanted transcripts from the transcript list (newest first), paging back until
 * all are seen. Undefined when the list cannot be read: the caller then asks for each one.
 */
export async function listStatuses(
	ctx: ApiContext,
	wanted: Set<string>,
	pacer: Pacer,
): Promise<Map<string, TranscriptStatus> | undefined> {
	const statuses = new Map<string, TranscriptStatus>();
	let beforeId: string | undefined;
	try {
		for (let page = 0; page < LIST_PAGES_PER_ROUND && statuses.size < wanted.size; page++) {
			await pacer.turn();
			const qs: IDataObject = { limit: LIST_PAGE_SIZE };
			if (beforeId) qs.before_id = beforeId;
			const list = await listTranscripts(ctx, qs);
			const transcripts = (list.transcripts as IDataObject[]) ?? [];
			for (const t of transcripts) {
				if (typeof t.id === 'string' && wanted.has(t.id) && typeof t.status === 'string') statuses.set(t.id, t.status as TranscriptStatus);
			}
			if (transcripts.length < LIST_PAGE_SIZE) break;
			beforeId = transcripts[transcripts.length - 1].id as string;
		}
	} catch {
		return undefined;
	}
	return statuses;
}
