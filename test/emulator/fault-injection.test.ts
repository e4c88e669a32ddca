/**
 * `emu.setFaults([...])` makes chosen requests fail the way a flaky network or an overloaded AssemblyAI does, seen
 * from a plain HTTP client: 429 with Retry-After, 5xx with or without a body, a connection dropped before the
 * request took effect (nothing happened) or after it (it happened, the answer is lost), a slow answer, a truncated
 * JSON body. Rules pick requests by route, deterministically (every / times) or at random from a seeded PRNG.
 */
import { call, failure, raw, startEmulator, type Emulator } from './support/emulator';

const WILDFIRES = 'https://assembly.ai/wildfires.mp3';
const RESET = /^(ECONNRESET|EPIPE)$/;
type Route = 'upload' | 'create' | 'get' | 'list' | 'delete';

describe('Answering faults (429, 5xx) answer in place of the emulator and change nothing', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('429 has the spec body and Retry-After: 1 by default, the configured seconds, or none', async () => {
		emu.setFaults([{ route: 'create', kind: '429', times: 1 }]);
		let answer = await raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } });
		expect(answer.status).toBe(429);
		expect(answer.headers['retry-after']).toBe('1');
		expect(JSON.parse(answer.text)).toEqual({ error: 'Too Many Requests' });

		emu.setFaults([{ route: 'create', kind: '429', retryAfterSeconds: 7, times: 1 }]);
		answer = await raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } });
		expect(answer.headers['retry-after']).toBe('7');

		emu.setFaults([{ route: 'create', kind: '429', retryAfterSeconds: null, times: 1 }]);
		answer = await raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } });
		expect(answer.status).toBe(429);
		expect(answer.headers).not.toHaveProperty('retry-after');
		expect(emu.createdCount()).toBe(0);
	});

	it('500 has the 2026-08 spec body, or none with withBody: false', async () => {
		emu.setFaults([{ route: 'get', kind: '500', times: 1 }]);
		let answer = await raw(emu, 'GET', '/v2/transcript/anything');
		expect(answer.status).toBe(500);
		expect(answer.headers['content-type']).toBe('application/json');
		expect(JSON.parse(answer.text)).toEqual({
			error: 'Internal server error. Please retry your request. If the error persists, please contact support@assemblyai.com for more information.',
		});

		emu.setFaults([{ route: 'get', kind: '500', withBody: false, times: 1 }]);
		answer = await raw(emu, 'GET', '/v2/transcript/anything');
		expect(answer.status).toBe(500);
		expect(answer.text).toBe('');
	});

	it('502 is an HTML page, 503 and 504 have no body; withBody: true gives each a JSON error', async () => {
		const statuses: Array<[string, string, string]> = [];
		for (const kind of ['502', '503', '504'] as const) {
			emu.setFaults([{ route: 'list', kind, times: 1 }]);
			const bare = await raw(emu, 'GET', '/v2/transcript');
			emu.setFaults([{ route: 'list', kind, withBody: true, times: 1 }]);
			const withBody = await raw(emu, 'GET', '/v2/transcript');
			expect(bare.status).toBe(Number(kind));
			expect(withBody.status).toBe(Number(kind));
			statuses.push([kind, bare.text.slice(0, 6), withBody.text]);
		}
		expect(statuses).toEqual([
			['502', '<html>', '{"error":"Bad Gateway"}'],
			['503', '', '{"error":"Service Unavailable"}'],
			['504', '', '{"error":"Gateway Timeout"}'],
		]);
	});

	it('on every route: no upload is stored, no transcript created, none deleted', async () => {
		const uploadUrl = (await call(emu, 'POST', '/v2/upload', { body: Buffer.from('seed') })).json.upload_url;
		const id = (await call(emu, 'POST', '/v2/transcript', { body: { audio_url: uploadUrl } })).json.id;
		const seen: string[] = [];
		for (const kind of ['429', '500', '502', '503', '504'] as const) {
			emu.setFaults([{ route: '*', kind }]);
			const answers = [
				await raw(emu, 'POST', '/v2/upload', { body: Buffer.from('more audio') }),
				await raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } }),
				await raw(emu, 'GET', `/v2/transcript/${id}`),
				await raw(emu, 'GET', '/v2/transcript'),
				await raw(emu, 'DELETE', `/v2/transcript/${id}`),
			];
			seen.push(`${kind}: ${answers.map((a) => a.status).join(' ')}`);
			expect(emu.faultStats().injected).toEqual({
				upload: { [kind]: 1 },
				create: { [kind]: 1 },
				get: { [kind]: 1 },
				list: { [kind]: 1 },
				delete: { [kind]: 1 },
			});
		}
		expect(seen).toEqual(['429: 429 429 429 429 429', '500: 500 500 500 500 500', '502: 502 502 502 502 502', '503: 503 503 503 503 503', '504: 504 504 504 504 504']);
		emu.clearFaults();
		expect(emu.uploads.size).toBe(1);
		expect(emu.createdCount()).toBe(1);
		expect((await call(emu, 'GET', `/v2/transcript/${id}`)).json.audio_url).toBe(uploadUrl); // not deleted
	});

	it('faults come before authentication and request hooks', async () => {
		let hookRuns = 0;
		emu.onRequest(() => {
			hookRuns++;
			return undefined;
		});
		emu.setFaults([{ route: 'list', kind: '503' }]);
		expect((await raw(emu, 'GET', '/v2/transcript', { key: 'wrong' })).status).toBe(503);
		expect(hookRuns).toBe(0);
	});
});

describe('drop-before: the connection is reset and the request had no effect', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('create: node:http sees ECONNRESET ("socket hang up"), fetch sees "fetch failed"; no transcript exists', async () => {
		emu.setFaults([{ route: 'create', kind: 'drop-before' }]);
		const err = await failure(raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } }));
		expect(err.code).toBe('ECONNRESET');
		expect(err.message).toBe('socket hang up');
		await expect(call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } })).rejects.toThrow('fetch failed');
		expect(emu.createdCount()).toBe(0);
		expect(emu.transcripts.size).toBe(0);
		expect(emu.faultStats().requests).toEqual({ create: 2 }); // fetch did not retry behind our back
		expect(emu.faultStats().log.map((l) => l.transcriptId)).toEqual([undefined, undefined]);
	});

	it('upload with Content-Length or chunked: the body is read to the end, nothing is stored', async () => {
		emu.setFaults([{ route: 'upload', kind: 'drop-before' }]);
		const body = Buffer.alloc(300_000, 7);
		expect((await failure(raw(emu, 'POST', '/v2/upload', { body }))).code).toBe('ECONNRESET');
		const chunks = [Buffer.alloc(100_000, 1), Buffer.alloc(100_000, 2), Buffer.alloc(50_000, 3)];
		expect((await failure(raw(emu, 'POST', '/v2/upload', { chunks, chunkGapMs: 5 }))).code).toMatch(RESET);
		expect(emu.requests.map((r) => [r.headers['transfer-encoding'] ?? 'length', r.bodyBytes])).toEqual([
			['length', 300_000],
			['chunked', 250_000],
		]);
		expect(emu.uploads.size).toBe(0);
	});

	it('afterBytes cuts a chunked upload short in mid-body; afterBytes: 0 before reading any of it', async () => {
		emu.setFaults([{ route: 'upload', kind: 'drop-before', afterBytes: 1, times: 1 }]);
		const chunks = Array.from({ length: 6 }, (_, i) => Buffer.alloc(64 * 1024, i));
		expect((await failure(raw(emu, 'POST', '/v2/upload', { chunks, chunkGapMs: 20 }))).code).toMatch(RESET);
		expect(emu.requests[0].bodyBytes).toBeGreaterThan(0);
		expect(emu.requests[0].bodyBytes).toBeLessThan(6 * 64 * 1024);

		emu.setFaults([{ route: 'upload', kind: 'drop-before', afterBytes: 0, times: 1 }]);
		expect((await failure(raw(emu, 'POST', '/v2/upload', { body: Buffer.alloc(1000) }))).code).toMatch(RESET);
		expect(emu.requests[1].bodyBytes).toBe(0);
		expect(emu.uploads.size).toBe(0);
		// the next upload goes through
		expect((await raw(emu, 'POST', '/v2/upload', { chunks: [Buffer.from('ok')] })).status).toBe(200);
	});
});

describe('drop-after: the request took effect, then the connection is reset without an answer', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('create: the transcript exists and counts in createdCount(); the list shows it; a blind retry makes a second one', async () => {
		emu.setFaults([{ route: 'create', kind: 'drop-after', times: 1 }]);
		const audioUrl = `${WILDFIRES}?recording=17`;
		const err = await failure(raw(emu, 'POST', '/v2/transcript', { body: { audio_url: audioUrl } }));
		expect(err.code).toBe('ECONNRESET');
		expect(emu.createdCount()).toBe(1);
		const [log] = emu.faultStats().log;
		expect(log).toMatchObject({ route: 'create', kind: 'drop-after', seq: 1, method: 'POST', path: '/v2/transcript' });
		expect(emu.transcripts.has(log.transcriptId!)).toBe(true);

		const list = JSON.parse((await raw(emu, 'GET', '/v2/transcript?limit=200')).text);
		expect(list.transcripts).toEqual([
			expect.objectContaining({ id: log.transcriptId, audio_url: audioUrl, status: 'completed', created: expect.any(String) }),
		]);
		await raw(emu, 'POST', '/v2/transcript', { body: { audio_url: audioUrl } });
		expect(emu.createdCount()).toBe(2); // the emulator, like the API, does not deduplicate
	});

	it('upload: the bytes are stored under the upload URL the client never saw', async () => {
		emu.setFaults([{ route: 'upload', kind: 'drop-after' }]);
		const chunks = [Buffer.from('first half '), Buffer.from('second half')];
		expect((await failure(raw(emu, 'POST', '/v2/upload', { chunks }))).code).toBe('ECONNRESET');
		const { uploadUrl } = emu.faultStats().log[0];
		expect(emu.uploadBytes(uploadUrl!)).toEqual(Buffer.concat(chunks));
	});

	it('delete: the transcript is deleted; get and list: nothing changes', async () => {
		const id = (await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } })).json.id;
		emu.setFaults([
			{ route: 'get', kind: 'drop-after', times: 1 },
			{ route: 'list', kind: 'drop-after', times: 1 },
			{ route: 'delete', kind: 'drop-after', times: 1 },
		]);
		expect((await failure(raw(emu, 'GET', `/v2/transcript/${id}`))).code).toBe('ECONNRESET');
		expect((await failure(raw(emu, 'GET', '/v2/transcript'))).code).toBe('ECONNRESET');
		expect((await failure(raw(emu, 'DELETE', `/v2/transcript/${id}`))).code).toBe('ECONNRESET');
		const after = JSON.parse((await raw(emu, 'GET', `/v2/transcript/${id}`)).text);
		expect(after.text).toBe('Deleted by user.');
		// deleting again answers 200 with the same scrubbed transcript
		expect((await raw(emu, 'DELETE', `/v2/transcript/${id}`)).status).toBe(200);
	});
});

describe('503-after: the request took effect, then a proxy in front answers 503', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('create: a plain 503 (no body), yet the transcript exists, is listed and logged', async () => {
		emu.setFaults([{ route: 'create', kind: '503-after', times: 1 }]);
		const answer = await raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } });
		expect(answer.status).toBe(503);
		expect(answer.text).toBe('');
		expect(emu.createdCount()).toBe(1);
		const [log] = emu.faultStats().log;
		expect(log).toMatchObject({ route: 'create', kind: '503-after', status: 503 });
		const list = JSON.parse((await raw(emu, 'GET', '/v2/transcript?limit=200')).text);
		expect(list.transcripts.map((t: { id: string }) => t.id)).toEqual([log.transcriptId]);
	});
});

describe('malformed-json and slow: the request took effect, the answer is broken or late', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('malformed-json on create: 200, application/json, a truncated body that does not parse; the transcript exists', async () => {
		emu.setFaults([{ route: 'create', kind: 'malformed-json' }]);
		const answer = await raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } });
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('application/json');
		expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
		expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
		expect(answer.text.startsWith('{"id":"')).toBe(true);
		expect(emu.createdCount()).toBe(1);
		const [log] = emu.faultStats().log;
		expect(log).toMatchObject({ kind: 'malformed-json', status: 200, transcriptId: [...emu.transcripts.keys()][0] });
	});

	it('malformed-json keeps the real status: a 400 stays 400 with a truncated error body', async () => {
		emu.setFaults([{ route: '*', kind: 'malformed-json' }]);
		const bad = await raw(emu, 'POST', '/v2/transcript', { body: {} });
		expect(bad.status).toBe(400);
		expect(bad.text).toBe('{"error":"audio_'); // half of {"error":"audio_url is required"}
		const list = await raw(emu, 'GET', '/v2/transcript');
		expect(list.status).toBe(200);
		expect(() => JSON.parse(list.text)).toThrow(SyntaxError);
	});

	it('slow delays the real answer by delayMs', async () => {
		const id = (await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } })).json.id;
		emu.setFaults([{ route: 'get', kind: 'slow', delayMs: 300 }]);
		const quick = await raw(emu, 'GET', '/v2/transcript'); // another route: not delayed
		const slow = await raw(emu, 'GET', `/v2/transcript/${id}`);
		expect(quick.ms).toBeLessThan(200);
		expect(slow.ms).toBeGreaterThanOrEqual(290);
		expect(slow.ms).toBeLessThan(1500);
		expect(JSON.parse(slow.text)).toMatchObject({ id, status: 'completed' });
	});

	it('slow create: the transcript exists at once, so a client that times out has an ambiguous failure', async () => {
		emu.setFaults([{ route: 'create', kind: 'slow', delayMs: 5000 }]);
		const err = await failure(raw(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES }, abortAfterMs: 50 }));
		expect(err.code).toBe('ABORTED');
		expect(emu.createdCount()).toBe(1);
		expect(emu.faultStats().log[0]).toMatchObject({ kind: 'slow', transcriptId: [...emu.transcripts.keys()][0] });
	});
});

describe('Rules pick requests deterministically or from a seeded PRNG, and faultStats counts them', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const statusesOf = async (n: number, path = '/v2/transcript') => {
		const out: number[] = [];
		for (let i = 0; i < n; i++) out.push((await raw(emu, 'GET', path)).status);
		return out;
	};

	it('every: n fails requests n, 2n, ... of the route; times caps how often a rule fires', async () => {
		emu.setFaults([{ route: 'list', kind: '500', every: 3 }]);
		expect(await statusesOf(9)).toEqual([200, 200, 500, 200, 200, 500, 200, 200, 500]);
		emu.setFaults([{ route: 'list', kind: '503', times: 2 }]);
		expect(await statusesOf(4)).toEqual([503, 503, 200, 200]);
		emu.setFaults([{ route: 'list', kind: '429', every: 2, times: 2 }]);
		expect(await statusesOf(7)).toEqual([200, 429, 200, 429, 200, 200, 200]);
	});

	it('the same seed gives the same pattern; another seed another; the rate is about the probability', async () => {
		const run = async (seed: number) => {
			emu.setFaults([{ route: 'list', kind: '500', probability: 0.3 }], { seed });
			return (await statusesOf(60)).map((s) => (s === 500 ? 'x' : '.')).join('');
		};
		const a = await run(42);
		expect(await run(42)).toBe(a);
		expect(await run(7)).not.toBe(a);
		const rate = a.split('').filter((c) => c === 'x').length / a.length;
		expect(rate).toBeGreaterThan(0.15);
		expect(rate).toBeLessThan(0.45);
	});

	it('the startEmulator seed option is the default seed', async () => {
		const pattern = async (e: Emulator) => {
			e.setFaults([{ route: 'list', kind: '500', probability: 0.5 }]);
			const out: number[] = [];
			for (let i = 0; i < 30; i++) out.push((await raw(e, 'GET', '/v2/transcript')).status);
			return out.join(',');
		};
		const other = await startEmulator({ apiKey: 'k', seed: 99 });
		try {
			const withSeed99 = await pattern(other);
			emu.setFaults([{ route: 'list', kind: '500', probability: 0.5 }], { seed: 99 });
			const out: number[] = [];
			for (let i = 0; i < 30; i++) out.push((await raw(emu, 'GET', '/v2/transcript')).status);
			expect(out.join(',')).toBe(withSeed99);
			expect(await pattern(emu)).not.toBe(withSeed99); // default seed 1
		} finally {
			await other.close();
		}
	});

	it('the first rule that fires wins; "*" counts every API request; faultStats has injected, requests and log', async () => {
		emu.setFaults([
			{ route: 'list', kind: '429', times: 1 },
			{ route: '*', kind: '503', every: 2 },
		]);
		const statuses = [
			(await raw(emu, 'GET', '/v2/transcript')).status, // list #1, any #1: the 429 rule
			(await raw(emu, 'GET', '/v2/transcript')).status, // any #2: 503
			(await raw(emu, 'GET', '/v2/transcript/nope')).status, // any #3: the route's answer, 400
			(await raw(emu, 'POST', '/v2/upload', { body: 'a' })).status, // any #4: 503
			(await raw(emu, 'GET', '/upload/x/y', { key: null })).status, // not an API route: never faulted, not counted
			(await raw(emu, 'GET', '/nowhere')).status, // nor this one
		];
		expect(statuses).toEqual([429, 503, 400, 503, 403, 404]);
		const stats = emu.faultStats();
		expect(stats.injected).toEqual({ list: { 429: 1, 503: 1 }, upload: { 503: 1 } });
		expect(stats.requests).toEqual({ list: 2, get: 1, upload: 1 });
		expect(stats.log.map((l) => `${l.route}#${l.seq} ${l.kind} ${l.status}`)).toEqual([
			'list#1 429 429',
			'list#2 503 503',
			'upload#1 503 503',
		]);
	});

	it('clearFaults stops injecting and keeps the statistics; reset() clears both; bad rules throw', async () => {
		emu.setFaults([{ route: 'get', kind: '500' }]);
		await raw(emu, 'GET', '/v2/transcript/x');
		emu.clearFaults();
		expect((await raw(emu, 'GET', '/v2/transcript/x')).status).toBe(400);
		expect(emu.faultStats()).toMatchObject({ injected: { get: { 500: 1 } }, requests: { get: 2 } });
		emu.reset();
		expect(emu.faultStats()).toEqual({ injected: {}, requests: {}, log: [] });

		const bad: unknown[] = [
			{ route: 'transcript', kind: '500' },
			{ route: 'get', kind: '418' },
			{ route: 'get', kind: '500', probability: 2 },
			{ route: 'get', kind: '500', every: 0 },
			{ route: 'get', kind: 'slow', delayMs: -1 },
		];
		for (const rule of bad) expect(() => emu.setFaults([rule as never])).toThrow(TypeError);
	});
});

describe('A client that retries and looks before re-creating gets every recording through ~40% faults on every route', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());

	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
	type Outcome = { ok: true; status: number; json: any } | { ok: false };
	const attempt = async (method: string, path: string, body?: unknown): Promise<Outcome> => {
		try {
			const answer = await raw(emu, method, path, { body });
			if (answer.status >= 300) return { ok: false };
			return { ok: true, status: answer.status, json: JSON.parse(answer.text) };
		} catch {
			return { ok: false }; // reset, hang-up or unparsable body
		}
	};
	const retry = async (method: string, path: string, body?: unknown) => {
		for (let i = 0; i < 50; i++) {
			const outcome = await attempt(method, path, body);
			if (outcome.ok) return outcome.json;
		}
		throw new Error(`${method} ${path} kept failing`);
	};

	it('20 recordings: each transcribed once, none paid twice, every route saw >= 20% faults', async () => {
		const kinds = ['429', '500', '502', '503', '504', 'drop-before', 'drop-after', 'slow', 'malformed-json'] as const;
		emu.setFaults(
			kinds.map((kind) => ({ route: '*' as const, kind, probability: 0.06, delayMs: 5 })),
			{ seed: 2026 },
		);
		const results: string[] = [];
		for (let n = 0; n < 20; n++) {
			const { upload_url: audioUrl } = await retry('POST', '/v2/upload', Buffer.from(`recording ${n}`));
			let id: string | undefined;
			while (!id) {
				const created = await attempt('POST', '/v2/transcript', { audio_url: audioUrl });
				if (created.ok) id = created.json.id;
				else {
					// ambiguous: the transcript may exist; find it by its audio_url before creating another
					const list = await retry('GET', '/v2/transcript?limit=200');
					id = list.transcripts.find((t: { audio_url: string }) => t.audio_url === audioUrl)?.id;
				}
			}
			const transcript = await retry('GET', `/v2/transcript/${id}`);
			await retry('DELETE', `/v2/transcript/${id}`);
			results.push(transcript.status);
		}
		expect(results).toEqual(Array(20).fill('completed'));
		expect(emu.createdCount()).toBe(20);
		const stats = emu.faultStats();
		const rates = Object.fromEntries(
			(['upload', 'create', 'get', 'list', 'delete'] as Route[]).map((route) => {
				const injected = Object.values(stats.injected[route] ?? {}).reduce((a, b) => a + b, 0);
				return [route, injected / stats.requests[route]];
			}),
		);
		for (const rate of Object.values(rates)) expect(rate).toBeGreaterThanOrEqual(0.2);
		expect(stats.log.some((l) => l.route === 'create' && l.kind === 'drop-after')).toBe(true);
	});
});
