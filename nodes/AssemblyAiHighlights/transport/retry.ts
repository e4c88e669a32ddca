import type { HttpFailure } from './errors';
import type { RetryPolicy } from './policy';
import { RETRY_POLICY } from './policy';

/**
 * Which requests may be sent again after a failure:
 * - `idempotent`: GETs and uploads; a second upload at worst stores the file twice, free of charge.
 * - `create`: POST /v2/transcript makes a paid transcript. It is re-sent only when the failure proves
 *   nothing was created; other failures are "ambiguous" and need a look at what exists first.
 */
export type RetryMode = 'idempotent' | 'create';

export type RetryDecision =
	| { action: 'retry'; delayMs: number }
	| { action: 'checkCreated'; delayMs: number }
	| { action: 'fail' };

/** The server refused before doing anything: safe to send again, even a create. */
const REFUSED_STATUSES = new Set([429, 503]);
const REFUSED_CODES = new Set(['ECONNREFUSED']);
/** The request may have been processed: only idempotent requests are simply sent again. */
const TRANSIENT_STATUSES = new Set([500, 502, 504]);
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_MALFORMED_RESPONSE',
]);

export function isRefused(failure: HttpFailure): boolean {
	return (failure.status !== undefined && REFUSED_STATUSES.has(failure.status)) || REFUSED_CODES.has(failure.code ?? '');
}

export function isTransient(failure: HttpFailure): boolean {
	if (failure.status !== undefined) return TRANSIENT_STATUSES.has(failure.status);
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
	if (attempt >= policy.maxAttempts) return { action: 'fail' };
	if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) return { action: 'fail' };
	const refused = isRefused(failure);
	const transient = isTransient(failure);
	if (!refused && !transient) return { action: 'fail' };
	const delayMs = backoffMs(attempt, policy, failure.retryAfterMs, random);
	if (mode === 'create' && !refused) return { action: 'checkCreated', delayMs };
	return { action: 'retry', delayMs };
}
