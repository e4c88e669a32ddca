/**
 * The emulator accepts only `Authorization: <raw key>` (no Bearer prefix) and answers anything else on /v2
 * with the real 401 body, on every route, while still logging the request.
 */
import { call, startEmulator, type Emulator } from './support/emulator';

const UNAUTHORIZED = { error: 'Authentication error, API token missing/invalid' };

describe('Every /v2 route rejects a missing or wrong API key with 401', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'right-key' });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const routes: Array<[string, string, unknown]> = [
		['POST', '/v2/upload', Buffer.from('audio')],
		['POST', '/v2/transcript', { audio_url: 'https://assembly.ai/wildfires.mp3' }],
		['GET', '/v2/transcript', undefined],
		['GET', '/v2/transcript/00000000-0000-4000-8000-000000000000', undefined],
		['DELETE', '/v2/transcript/00000000-0000-4000-8000-000000000000', undefined],
		['GET', '/v2/no-such-route', undefined],
	];
	const badKeys: Array<[string, string | null]> = [
		['no Authorization header', null],
		['a wrong key', 'wrong-key'],
		['the right key with a Bearer prefix', 'Bearer right-key'],
		['the right key in another case', 'RIGHT-KEY'],
		['an empty header', ''],
	];

	describe.each(routes)('%s %s', (method, path, body) => {
		it.each(badKeys)('401 with %s', async (_label, key) => {
			const answer = await call(emu, method, path, { key, body });
			expect(answer.status).toBe(401);
			expect(answer.headers.get('content-type')).toBe('application/json');
			expect(answer.json).toEqual(UNAUTHORIZED);
			expect(emu.requests).toHaveLength(1); // logged although refused
			expect(emu.requests[0]).toMatchObject({ method, path });
		});
	});

	it('nothing was stored by refused requests', async () => {
		await call(emu, 'POST', '/v2/upload', { key: 'wrong', body: Buffer.from('audio') });
		await call(emu, 'POST', '/v2/transcript', { key: 'wrong', body: { audio_url: 'https://assembly.ai/wildfires.mp3' } });
		expect(emu.uploads.size).toBe(0);
		expect(emu.createdCount()).toBe(0);
		expect(emu.requests.map((r) => r.headers.authorization)).toEqual(['wrong', 'wrong']);
	});

	it('the right raw key is accepted', async () => {
		const answer = await call(emu, 'GET', '/v2/transcript', { key: 'right-key' });
		expect(answer.status).toBe(200);
	});

	it('the default key is "emulator-key"', async () => {
		const other = await startEmulator();
		try {
			expect(other.apiKey).toBe('emulator-key');
			expect((await call(other, 'GET', '/v2/transcript', { key: 'emulator-key' })).status).toBe(200);
		} finally {
			await other.close();
		}
	});
});
