import type { HttpFailure } from '../../nodes/AssemblyAiHighlights/transport/errors';
import { RETRY_POLICY } from '../../nodes/AssemblyAiHighlights/transport/policy';
import { backoffMs, decideRetry } from '../../nodes/AssemblyAiHighlights/transport/retry';
import { parseRetryAfter } from '../../nodes/AssemblyAiHighlights/transport/retryAfter';

const status = (s: number, retryAfterMs?: number): HttpFailure => ({ status: s, message: `HTTP ${s}`, retryAfterMs });
const network = (code: string): HttpFailure => ({ code, message: code });
const fixedRandom = () => 0.5;

describe('which failures are retried, and how a create is never sent twice blindly', () => {
	test.each([
		[status(429), 'retry', 'retry'],
		[network('ECONNREFUSED'), 'retry', 'retry'],
		// A 503 may come from a proxy in front, after the transcript was made: looked for first.
		[status(503), 'retry', 'checkCreated'],
		[status(520), 'retry', 'checkCreated'],
		[status(500), 'retry', 'checkCreated'],
		[status(502), 'retry', 'checkCreated'],
		[status(504), 'retry', 'checkCreated'],
		[network('ECONNRESET'), 'retry', 'checkCreated'],
		[network('ETIMEDOUT'), 'retry', 'checkCreated'],
		[network('ERR_MALFORMED_RESPONSE'), 'retry', 'checkCreated'],
		[{ message: 'socket hang up' }, 'retry', 'checkCreated'],
		[status(400), 'fail', 'fail'],
		[status(401), 'fail', 'fail'],
		[status(403), 'fail', 'fail'],
		[status(404), 'fail', 'fail'],
	] as Array<[HttpFailure, string, string]>)('%j: idempotent %s, create %s', (failure, idempotent, create) => {
		expect(decideRetry(failure, 'idempotent', 1, RETRY_POLICY, fixedRandom).action).toBe(idempotent);
		expect(decideRetry(failure, 'create', 1, RETRY_POLICY, fixedRandom).action).toBe(create);
	});

	test('a create that gives up after a failure that proves nothing still has the transcripts looked at first', () => {
		const last = RETRY_POLICY.maxAttempts;
		expect(decideRetry(status(503), 'create', last)).toEqual({ action: 'fail', mayHaveCreated: true });
		expect(decideRetry(network('ECONNRESET'), 'create', last)).toEqual({ action: 'fail', mayHaveCreated: true });
		expect(decideRetry(status(408), 'create', 1)).toEqual({ action: 'fail', mayHaveCreated: true });
		expect(decideRetry({ code: 'ESOMETHINGNEW', message: 'new' }, 'create', 1)).toEqual({ action: 'fail', mayHaveCreated: true });
		for (const refusal of [400, 401, 403, 404, 422]) expect(decideRetry(status(refusal), 'create', 1)).toEqual({ action: 'fail', mayHaveCreated: false });
		expect(decideRetry(status(429, 120_000), 'create', 1)).toEqual({ action: 'fail', mayHaveCreated: false });
		expect(decideRetry(status(503), 'idempotent', last)).toEqual({ action: 'fail', mayHaveCreated: false });
	});

	test('bounded: the last attempt fails whatever the error', () => {
		expect(decideRetry(status(503), 'idempotent', RETRY_POLICY.maxAttempts).action).toBe('fail');
		expect(decideRetry(status(503), 'idempotent', RETRY_POLICY.maxAttempts - 1).action).toBe('retry');
	});

	test('Retry-After is honoured, and one longer than a minute is not waited for', () => {
		expect(decideRetry(status(429, 2000), 'idempotent', 1)).toEqual({ action: 'retry', delayMs: 2000 });
		expect(decideRetry(status(429, 120_000), 'idempotent', 1).action).toBe('fail');
	});

	test('backoff doubles per attempt up to the cap, with jitter between half and all of it', () => {
		const p = RETRY_POLICY;
		expect(backoffMs(1, p, undefined, () => 0)).toBe(p.baseDelayMs / 2);
		expect(backoffMs(1, p, undefined, () => 1)).toBe(p.baseDelayMs);
		expect(backoffMs(3, p, undefined, () => 1)).toBe(p.baseDelayMs * 4);
		expect(backoffMs(20, p, undefined, () => 1)).toBe(p.maxDelayMs);
	});

	test('Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('1.5')).toBe(1500);
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:10 GMT', Date.parse('Sun, 22 Nov 2026 10:00:00 GMT'))).toBe(10_000);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});
