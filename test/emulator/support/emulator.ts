/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/** Typed access to the JS emulator plus a small fetch helper for the emulator tests. */
import { startEmulator } from '../index';

export { startEmulator };
export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** parsed body, or undefined when it is not JSON */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
	json: any;
}

export interface CallOptions {
	/** JSON-serialized unless a string or Buffer */
	body?: unknown;
	/** Authorization header value; null sends none. Default: the emulator's key. */
	key?: string | null;
	headers?: Record<string, string>;
}

export async function call(emu: Emulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	const key = options.key === undefined ? emu.apiKey : options.key;
	if (key !== null) headers.authorization = key;
	const { body } = options;
	const payload =
		body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
	const res = await fetch(`${emu.url}${path}`, { method, headers, body: payload });
	const text = await res.text();
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** A clock the emulator reads instead of Date.now, moved by hand. */
export function manualClock(start = Date.parse('2026-03-01T12:00:00Z')) {
	let now = start;
	return {
		now: () => now,
		advance(ms: number) {
			now += ms;
		},
	};
}

export interface RawAnswer {
	status: number;
	headers: import('http').IncomingHttpHeaders;
	text: string;
	/** ms from sending the request to the end of the answer */
	ms: number;
}

export interface RawOptions {
	/** JSON-serialized unless a string or Buffer; sent with Content-Length */
	body?: unknown;
	/** sent with Transfer-Encoding: chunked, one write per chunk, `chunkGapMs` apart */
	chunks?: Buffer[];
	chunkGapMs?: number;
	/** Authorization header value; null sends none. Default: the emulator's key. */
	key?: string | null;
	/** abort the request after this many ms (rejects with code 'ABORTED') */
	abortAfterMs?: number;
}

/**
 * One request over a fresh connection with node:http, the way axios (n8n's HTTP client) talks: a dropped
 * connection rejects with the socket error (`ECONNRESET` "socket hang up", or `EPIPE` while still writing).
 */
export function raw(emu: Emulator, method: string, path: string, options: RawOptions = {}): Promise<RawAnswer> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const http = require('http') as typeof import('http');
	const started = Date.now();
	const headers: Record<string, string> = {};
	const key = options.key === undefined ? emu.apiKey : options.key;
	if (key !== null) headers.authorization = key;
	let payload: Buffer | undefined;
	if (options.body !== undefined) {
		const b = options.body;
		payload = Buffer.isBuffer(b) ? b : Buffer.from(typeof b === 'string' ? b : JSON.stringify(b));
		headers['content-length'] = String(payload.length);
		if (!Buffer.isBuffer(b) && typeof b !== 'string') headers['content-type'] = 'application/json';
	}
	return new Promise((resolve, reject) => {
		const req = http.request(`${emu.url}${path}`, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		if (options.abortAfterMs !== undefined) {
			const timer = setTimeout(() => {
				const err = Object.assign(new Error('aborted by the test'), { code: 'ABORTED' });
				req.destroy(err);
			}, options.abortAfterMs);
			req.on('close', () => clearTimeout(timer));
		}
		if (options.chunks) {
			const chunks = [...options.chunks];
			const writeNext = () => {
				if (req.destroyed) return;
				const chunk = chunks.shift();
				if (!chunk) {
					req.end();
					return;
				}
				req.write(chunk);
				setTimeout(writeNext, options.chunkGapMs ?? 0);
			};
			writeNext();
		} else {
			req.end(payload);
		}
	});
}

/** Resolves with the error of a request that must fail; rejects when it got an answer. */
export async function failure(promise: Promise<unknown>): Promise<NodeJS.ErrnoException> {
	try {
		const answer = await promise;
		throw Object.assign(new Error(`expected the request to fail, got ${JSON.stringify(answer)}`), { unexpected: true });
	} catch (err) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a test helper, not node code
		if ((err as { unexpected?: boolean }).unexpected) throw err;
		return err as NodeJS.ErrnoException;
	}
}
