/*
 * How patient the transport is: retries and time limits, in one module of data that imports nothing
 * (retry.ts, request.ts and assemblyAi.ts read it). The tests run with these values; only the fault
 * storm test (test/node/faults.test.ts) raises maxAttempts, as it says why.
 */

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error is shown instead. */
	maxRetryAfterMs: number;
}

export const RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 60_000,
};

/** Lookups and lists should answer quickly. */
export const LOOKUP_TIMEOUT_MS = 60_000;

/**
 * POST /v2/transcript answers at once with a queued transcript. A connection that hangs longer is an
 * ambiguous failure like a lost answer: the transcript list then tells whether it was created.
 */
export const CREATE_TIMEOUT_MS = 60_000;

/**
 * Clocks differ between n8n and AssemblyAI: after a lost answer, transcripts created from this long
 * before the request was sent are looked at.
 */
export const CLOCK_SLACK_MS = 5 * 60_000;
