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
 * AssemblyAI allows 20,000 requests per 5 minutes per account (about 66 per second), shared by all of
 * a user's workflows. One execution stays well under a sixth of that, whatever the batch size.
 */
export const MAX_REQUESTS_PER_SECOND = 8;
/**
 * Requests that may start at once after a quiet spell (a batch that finished together is fetched in
 * about half a second). With the sustained rate, any window of T seconds holds at most
 * BURST_REQUESTS + MAX_REQUESTS_PER_SECOND × T requests: 96 in 10 s, under 10 per second on average.
 */
export const BURST_REQUESTS = 16;
/** Lookups of finished transcripts in flight at once (status checks are not held back by it). */
export const LOOKUP_CONCURRENCY = 6;
/** From this many transcripts of unknown status on, one list request per round replaces a GET per transcript. */
export const LIST_POLLING_FROM = 4;
const LIST_PAGE_SIZE = 200;
const LIST_PAGES_PER_ROUND = 5;

export function isFinished(transcript: TranscriptJson): boolean {
	return transcript.status === 'completed' || transcript.status === 'error';
}

interface Waiter {
	urgent: boolean;
	go: () => void;
	stop: (error: unknown) => void;
}

/**
 * A token bucket for request starts: one token every `gapMs`, at most `burst` saved up, so any window
 * of T ms holds at most burst + T / gapMs starts. `new Pacer(gapMs, signal)` (burst 1) spaces requests
 * gapMs apart. `turn(true)` is for status checks: they go before waiting lookups, and when burst > 1
 * and `statusChecksAhead()` says more are coming, lookups leave one token for them, so a status check
 * does not wait behind a batch of lookups. When status checks come faster than tokens, they take turns
 * with the lookups (every other token), so lookups are never starved. Cancelling the signal rejects
 * every waiting turn.
 */
export class Pacer {
	private tokens: number;
	private refilledAt = Date.now();
	/** Waiting turns, in arrival order. */
	private readonly queue: Waiter[] = [];
	private lastWasUrgent = false;
	/** When the earliest pending wake-up is due (Infinity: none). */
	private wakeAt = Infinity;
	/** Whether status checks are still to come, so that lookups keep a token for them. */
	statusChecksAhead: () => boolean = () => true;

	constructor(
		private readonly gapMs: number,
		private readonly signal?: AbortSignal,
		private readonly burst = 1,
	) {
		this.tokens = burst;
	}

	async turn(urgent = false): Promise<void> {
		if (this.signal?.aborted) await pause(0, this.signal); // throws the cancellation
		await new Promise<void>((go, stop) => {
			this.queue.push({ urgent, go, stop });
			this.serve();
		});
	}

	/** The waiter served next, and the tokens the bucket must hold before it may take one. */
	private next(): { index: number; needs: number } {
		const urgent = this.queue.findIndex((w) => w.urgent);
		const normal = this.queue.findIndex((w) => !w.urgent);
		if (urgent >= 0 && (normal < 0 || !this.lastWasUrgent)) return { index: urgent, needs: 1 };
		const keepOne = urgent < 0 && this.burst >= 2 && this.statusChecksAhead();
		return { index: normal, needs: keepOne ? 2 : 1 };
	}

	private serve(): void {
		const now = Date.now();
		this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) / this.gapMs);
		this.refilledAt = now;
		for (;;) {
			if (this.queue.length === 0) return;
			const { index, needs } = this.next();
			if (this.tokens < needs) {
				const due = now + Math.max(1, Math.ceil((needs - this.tokens) * this.gapMs));
				if (due < this.wakeAt) this.wakeUpAt(due, now);
				return;
			}
			this.tokens -= 1;
			const [waiter] = this.queue.splice(index, 1);
			this.lastWasUrgent = waiter.urgent;
			waiter.go();
		}
	}

	private wakeUpAt(due: number, now: number): void {
		this.wakeAt = due;
		void pause(due - now, this.signal).then(
			() => {
				if (this.wakeAt === due) this.wakeAt = Infinity;
				this.serve();
			},
			(error: unknown) => {
				this.wakeAt = Infinity;
				for (const waiter of this.queue.splice(0)) waiter.stop(error);
			},
		);
	}
}

/**
 * Transcript lookups: each id at most once at a time; lookups of finished transcripts at most
 * `limit` in flight, status checks (urgent) at once. A lookup that throws (the execution was
 * cancelled) stops the queue, and `settled()` rethrows it.
 */
class Lookups {
	private readonly queued: string[] = [];
	private readonly pending = new Set<string>();
	private inFlight = 0;
	private inFlightNormal = 0;
	private failure: { error: unknown } | undefined;
	private readonly idle: Array<() => void> = [];

	constructor(
		private readonly limit: number,
		private readonly lookUp: (id: string, urgent: boolean) => Promise<void>,
	) {}

	has(id: string): boolean {
		return this.pending.has(id);
	}

	add(id: string, urgent = false): void {
		if (this.pending.has(id) || this.failure) return;
		this.pending.add(id);
		if (urgent) this.run(id, true);
		else {
			this.queued.push(id);
			this.startQueued();
		}
	}

	/** Resolves when nothing is queued or in flight; rejects if a lookup threw. */
	async settled(): Promise<void> {
		if (!this.isIdle()) await new Promise<void>((resolve) => this.idle.push(resolve));
		if (this.failure) throw this.failure.error;
	}

	private isIdle(): boolean {
		return this.inFlight === 0 && (this.queued.length === 0 || this.failure !== undefined);
	}

	private startQueued(): void {
		while (this.inFlightNormal < this.limit && this.queued.length > 0 && !this.failure) this.run(this.queued.shift()!, false);
	}

	private run(id: string, urgent: boolean): void {
		this.inFlight++;
		if (!urgent) this.inFlightNormal++;
		void this.lookUp(id, urgent)
			.catch((error: unknown) => {
				this.failure ??= { error };
			})
			.finally(() => {
				this.inFlight--;
				if (!urgent) this.inFlightNormal--;
				this.pending.delete(id);
				this.startQueued();
				if (this.isIdle()) for (const resolve of this.idle.splice(0)) resolve();
			})
			.catch(() => undefined);
	}
}

/**
 * Waits for many transcripts together until all are finished or the deadline passes; cancelling the
 * execution ends the wait. Once per poll interval, the transcripts whose status is unknown are
 * checked: a few with one GET each (which also fetches a finished one), many with the transcript
 * list, which tells the status of up to 200 at once. A transcript the list shows finished is then
 * fetched with one GET; these lookups run alongside the next rounds' status checks, several at once.
 * All requests share one token bucket (MAX_REQUESTS_PER_SECOND, BURST_REQUESTS).
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
	const pacer = new Pacer(1000 / MAX_REQUESTS_PER_SECOND, signal, BURST_REQUESTS);
	const lookups = new Lookups(LOOKUP_CONCURRENCY, async (id, urgent) => {
		await pacer.turn(urgent);
		try {
			const transcript = await getTranscript(ctx, id);
			if (isFinished(transcript)) {
				running.delete(id);
				results.set(id, { kind: 'finished', transcript });
			} else {
				running.set(id, transcript);
			}
		} catch (error) {
			if (signal?.aborted) await pause(0, signal); // throws the cancellation
			running.delete(id);
			results.set(id, { kind: 'lookupFailed', error: error as Error });
		}
	});
	/** Running transcripts not being looked up: their status is to be checked. */
	const unknownStatus = () => [...running.keys()].filter((id) => !lookups.has(id));
	pacer.statusChecksAhead = () => [...running.keys()].some((id) => !lookups.has(id));

	const deadline = Date.now() + settings.maxWaitMs;
	// Rounds start one poll interval apart (from start to start), the last one at the deadline.
	let roundAt = Date.now();
	while (running.size > 0) {
		if (unknownStatus().length === 0) {
			// Every running transcript is being looked up: nothing to check until they are back.
			await lookups.settled();
			continue;
		}
		if (Date.now() >= deadline) break;
		roundAt = Math.max(Date.now(), Math.min(roundAt + settings.pollIntervalMs, deadline));
		await pause(roundAt - Date.now(), signal);

		const unknown = unknownStatus();
		if (unknown.length >= LIST_POLLING_FROM) {
			const listed = await listStatuses(ctx, new Set(unknown), pacer);
			for (const id of unknown) {
				const status = listed?.get(id);
				if (status) running.set(id, { ...running.get(id)!, status });
				// Looked up now: the finished ones, and any the list did not show (it is only an optimisation).
				if (!status || isFinished(running.get(id)!)) lookups.add(id);
			}
		} else {
			for (const id of unknown) lookups.add(id, true);
		}
	}
	await lookups.settled();
	for (const [id, transcript] of running) results.set(id, { kind: 'timedOut', transcript });
	return results;
}

/**
 * The status of the wanted transcripts from the transcript list (newest first), paging back until
 * all are seen. Undefined when the list cannot be read: the caller then asks for each one.
 * Each page is a status check: `pacer.turn(true)`.
 */
export async function listStatuses(
	ctx: ApiContext,
	wanted: Set<string>,
	pacer: Pacer,
	/** Sees each wanted list item whole (it has `completed`, the time it finished). */
	seen?: (item: IDataObject) => void,
): Promise<Map<string, TranscriptStatus> | undefined> {
	const statuses = new Map<string, TranscriptStatus>();
	let beforeId: string | undefined;
	try {
		for (let page = 0; page < LIST_PAGES_PER_ROUND && statuses.size < wanted.size; page++) {
			await pacer.turn(true);
			const qs: IDataObject = { limit: LIST_PAGE_SIZE };
			if (beforeId) qs.before_id = beforeId;
			const list = await listTranscripts(ctx, qs);
			const transcripts = (list.transcripts as IDataObject[]) ?? [];
			for (const t of transcripts) {
				if (typeof t.id === 'string' && wanted.has(t.id) && typeof t.status === 'string') {
					statuses.set(t.id, t.status as TranscriptStatus);
					seen?.(t);
				}
			}
			if (transcripts.length < LIST_PAGE_SIZE) break;
			beforeId = transcripts[transcripts.length - 1].id as string;
		}
	} catch {
		return undefined;
	}
	return statuses;
}
