import { pause } from './pause';

/**
 * AssemblyAI allows 20,000 requests per 5 minutes per account (about 66 per second), shared by all of
 * a user's workflows. One execution's waiting stays well under a sixth of that, whatever the batch size.
 */
export const MAX_REQUESTS_PER_SECOND = 8;
/**
 * Requests that may start at once after a quiet spell, so a batch that finished together is fetched
 * quickly. Any window of T seconds then holds at most BURST_REQUESTS + MAX_REQUESTS_PER_SECOND × T
 * requests: 96 in 10 s.
 */
export const BURST_REQUESTS = 16;

export interface RateLimits {
	perSecond: number;
	burst: number;
}

/**
 * A token bucket for request starts: one token every 1/perSecond s, at most `burst` saved up (by
 * default MAX_REQUESTS_PER_SECOND and BURST_REQUESTS). Callers get their turn in the order they
 * asked; cancelling the execution ends every wait.
 */
export class RequestRate {
	private tokens: number;
	private refilledAt = Date.now();
	private lastTurn: Promise<void> = Promise.resolve();

	constructor(
		private readonly signal?: AbortSignal,
		private readonly limits: RateLimits = { perSecond: MAX_REQUESTS_PER_SECOND, burst: BURST_REQUESTS },
	) {
		this.tokens = limits.burst;
	}

	/** Resolves when the caller may send one request. */
	async take(): Promise<void> {
		const turn = this.lastTurn.then(async () => await this.nextToken());
		this.lastTurn = turn.catch(() => undefined);
		await turn;
	}

	private async nextToken(): Promise<void> {
		if (this.signal?.aborted) await pause(0, this.signal); // throws the cancellation
		for (this.refill(); this.tokens < 1; this.refill()) {
			await pause(Math.ceil(((1 - this.tokens) * 1000) / this.limits.perSecond), this.signal);
		}
		this.tokens -= 1;
	}

	private refill(): void {
		const now = Date.now();
		this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.refilledAt) * this.limits.perSecond) / 1000);
		this.refilledAt = now;
	}
}
