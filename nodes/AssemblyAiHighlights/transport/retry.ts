import type { HttpFailure } from './errors';
import type { RetryPolicy } from './policy';
import { RETRY_POLICY } from './policy';

/**
 * Which requests may be sent again after a failure:
 * - `idempotent`: GETs and uploads; a second upload at worst stores the file twice, free of charge.
 * - `create`: POST /v2/transcript makes a paid transcript. It is sent again directly only when the
 *   failure proves nothing was created (see REFUSED_*); after any other failure the transcripts that
 *   exist are looked at first ("checkCreated"), also before giving up.
 */
export type RetryMode = 'idempotent' | 'create';

export type RetryDecision =
	| { action: 'retry'; delayMs: number }
	| { action: 'checkCreated'; delayMs: number }
	/** `mayHaveCreated`: a create that failed this way may still have made the transcript: look before failing. */
	| { action: 'fail'; mayHaveCreated: boolean };

/**
 * Answers that prove the request did nothing. AssemblyAI documents its 4xx as refusals of the request
 * (API-NOTES §7, from its docs' overview: 400 invalid request, 401 missing or invalid key, 404 missing
 * resource, 429 too many requests; the spec adds 403 for an upload of another project and 422 for an
 * empty upload, openapi-2026-08.yml /v2/upload). Of these only 429 is worth sending again.
 * A 5xx does not prove it: a load balancer or proxy in front of AssemblyAI answers 502, 503 or 504
 * when the API behind it was slow, possibly after the transcript was made.
 */
const REFUSAL_STATUSES = new Set([400, 401, 403, 404, 422, 429]);
const RETRIED_REFUSAL_STATUSES = new Set([429]);
/** The connection never opened, so nothing was sent. */
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND']);
/** Worth sending again (after a look, for a create). */
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_MALFORMED_RESPONSE',
]);

/** The failure proves the request did nothing, and sending it again may help: 429, a connection refused. */
export function isRefused(failure: HttpFailure): boolean {
	if (failure.status !== undefined) return RETRIED_REFUSAL_STATUSES.has(failure.status);
	return REFUSED_CODES.has(failure.code ?? '');
}

/** The failure proves the request did nothing (whether or not sending it again helps). */
export function provesNothingDone(failure: HttpFailure): boolean {
	if (failure.status !== undefined) return REFUSAL_STATUSES.has(failure.status);
	return REFUSED_CODES.has(failure.code ?? '');
}

/** Worth sending again, though the request may have been processed: any 5xx, a reset, a time-out, a garbled answer. */
export function isTransient(failure: HttpFailure): boolean {
	if (failure.status !== undefined) return failure.status >= 500 && failure.status <= 599;
	return TRANSIENT_CODES.has(failure.code ?? '') || /socket hang up/i.test(failure.message);
}

/** Exponential backoff with full jitter; Retry-After wins when the server sends it. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
	if (retryAfterMs !== undefined) return retryAfterMs;
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** What to do after attempt number `attempt` (from 1) failed. Pure: the caller sleeps and sends. */
export function decideRetry(
	failure: HttpFailure,
	mode: RetryMode,
	attempt: number,
	policy: RetryPolicy = RETRY_POLICY,
	random = Math.random,
): RetryDecision {
	const fail: RetryDecision = { action: 'fail', mayHaveCreated: mode === 'create' && !provesNothingDone(failure) };
	if (attempt >= policy.maxAttempts) return fail;
	if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) return fail;
	const refused = isRefused(failure);
	if (!refused && !isTransient(failure)) return fail;
	const delayMs = backoffMs(attempt, policy, failure.retryAfterMs, random);
	if (mode === 'create' && !refused) return { action: 'checkCreated', delayMs };
	return { action: 'retry', delayMs };
}
