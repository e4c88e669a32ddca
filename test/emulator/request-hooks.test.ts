/**
 * `emu.onRequest` hooks run before authentication and routing; they are the plug-in point for fault injection
 * (429 with Retry-After, 5xx, dropped connections, delays). `faults` holds ready-made answers.
 */
import { call, startEmulator, type Emulator } from './support/emulator';
import { faults } from './index';

describe('Request hooks can answer in place of the emulator', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k' });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('a hook can send 429 with Retry-After on one route while the others work', async () => {
		let left = 2;
		emu.onRequest((ctx) => (ctx.pathname.startsWith('/v2/transcript') && left-- > 0 ? faults.tooManyRequests(3) : undefined));
		for (let i = 0; i < 2; i++) {
			const limited = await call(emu, 'GET', '/v2/transcript');
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('3');
			expect(limited.json).toEqual({ error: 'Too Many Requests' });
		}
		expect((await call(emu, 'POST', '/v2/upload', { body: Buffer.from('a') })).status).toBe(200);
		expect((await call(emu, 'GET', '/v2/transcript')).status).toBe(200);
		expect(emu.requests.map((r) => r.path)).toEqual(['/v2/transcript', '/v2/transcript', '/v2/upload', '/v2/transcript']);
	});

	it('5xx answers: 500 with the spec body, 503/504 with no body', async () => {
		const remove = emu.onRequest(() => faults.internalServerError());
		expect((await call(emu, 'GET', '/v2/transcript')).json.error).toMatch(/^Internal server error\. Please retry your request\./);
		remove();
		emu.onRequest(() => faults.serviceUnavailable());
		const unavailable = await call(emu, 'GET', '/v2/transcript');
		expect(unavailable.status).toBe(503);
		expect(unavailable.text).toBe('');
	});

	it('a hook can drop the connection; the request is still logged with its body size', async () => {
		emu.onRequest((ctx) => (ctx.method === 'POST' ? faults.dropConnection(ctx) : undefined));
		await expect(call(emu, 'POST', '/v2/upload', { body: Buffer.alloc(1234) })).rejects.toThrow();
		expect(emu.requests[0]).toMatchObject({ method: 'POST', path: '/v2/upload', bodyBytes: 1234 });
		expect(emu.uploads.size).toBe(0);
	});

	it('reset() removes hooks', async () => {
		emu.onRequest(() => faults.gatewayTimeout());
		emu.reset();
		expect((await call(emu, 'GET', '/v2/transcript')).status).toBe(200);
	});
});
