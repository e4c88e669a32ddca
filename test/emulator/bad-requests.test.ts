/**
 * Requests the real API refuses synchronously get the real 400/404 bodies, and create nothing.
 */
import { call, startEmulator, type Emulator } from './support/emulator';

const WILDFIRES = 'https://assembly.ai/wildfires.mp3';

describe('Invalid requests get the real API\'s 400 and 404 answers', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k' });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());
	afterEach(() => expect(emu.createdCount()).toBe(0));

	it.each([
		['no audio_url', { auto_highlights: true }],
		['an empty audio_url', { audio_url: '' }],
		['a null audio_url', { audio_url: null }],
		['an empty body', ''],
	])('POST /v2/transcript with %s -> 400 "audio_url is required"', async (_label, body) => {
		const answer = await call(emu, 'POST', '/v2/transcript', { body });
		expect(answer.status).toBe(400);
		expect(answer.headers.get('content-type')).toBe('application/json');
		expect(answer.json).toEqual({ error: 'audio_url is required' });
	});

	it.each(['de', 'es', 'fr', 'ja', 'en_in_is_not_a_code'])(
		'key phrases with language_code %s -> 400 "not available in this language: auto_highlights"',
		async (language_code) => {
			const answer = await call(emu, 'POST', '/v2/transcript', {
				body: { audio_url: WILDFIRES, auto_highlights: true, language_code },
			});
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ error: 'The following models are not available in this language: auto_highlights' });
		},
	);

	it('unknown transcript id on GET and DELETE -> 400 "Transcript lookup error, transcript id not found"', async () => {
		for (const method of ['GET', 'DELETE']) {
			const answer = await call(emu, method, '/v2/transcript/6a9b7c1e-0000-4000-8000-000000000000');
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ error: 'Transcript lookup error, transcript id not found' });
		}
	});

	it('deprecated and removed speech models -> 400 with the reported messages', async () => {
		const u3 = await call(emu, 'POST', '/v2/transcript', {
			body: { audio_url: WILDFIRES, speech_models: ['universal-3-pro', 'universal-2'] },
		});
		expect(u3.status).toBe(400);
		expect(u3.json.error).toBe(
			'The "universal-3-pro" speech model(s) have been deprecated.\nUse speech_models: ["universal-3-5-pro", "universal-2"] instead.',
		);
		const nano = await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, speech_models: ['nano'] } });
		expect(nano.status).toBe(400);
		expect(nano.json.error).toMatch(/"nano".*no longer available/);
		const singular = await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, speech_model: 'best' } });
		expect(singular.status).toBe(400);
		expect(singular.json.error).toMatch(/^speech_model is deprecated\. Use "speech_models" instead\./);
	});

	it('a body that is not a JSON object -> 400 with an error message', async () => {
		for (const body of ['{"audio_url": ', 'not json', '[1,2]', 'null']) {
			const answer = await call(emu, 'POST', '/v2/transcript', { body });
			expect(answer.status).toBe(400);
			expect(typeof answer.json.error).toBe('string');
		}
	});

	it('a non-boolean flag -> 400 in the spec example\'s wording', async () => {
		const answer = await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, auto_highlights: 'yes' } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'auto_highlights must be a Boolean' });
	});

	it('list with a limit outside 1..200 or an unknown status -> 400', async () => {
		for (const query of ['limit=0', 'limit=201', 'limit=ten', 'status=done']) {
			expect((await call(emu, 'GET', `/v2/transcript?${query}`)).status).toBe(400);
		}
	});

	it('unknown routes and methods -> 404 {"error":"Not found"}', async () => {
		for (const [method, path] of [['GET', '/v2/nope'], ['PUT', '/v2/transcript'], ['GET', '/'], ['POST', '/v2/transcript/abc/sentences']]) {
			const answer = await call(emu, method, path);
			expect(answer.status).toBe(404);
			expect(answer.json).toEqual({ error: 'Not found' });
		}
	});

	describe('inputs that are valid', () => {
		afterEach(() => emu.reset()); // runs before the outer afterEach's createdCount check

		it.each(['en', 'en_us', 'en_uk', 'en_au', null, undefined])('key phrases with language_code %p are accepted (null or none: detected)', async (language_code) => {
			const answer = await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, auto_highlights: true, language_code } });
			expect(answer.status).toBe(200);
			expect(answer.json.status).toBe('queued');
		});

		it('a non-English language without key phrases is accepted', async () => {
			const answer = await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, language_code: 'de' } });
			expect(answer.status).toBe(200);
			expect(answer.json.language_code).toBe('de');
		});

		it('a missing speech_models is accepted and reported as the 2026-08 default ["universal-3-5-pro", "universal-2"]', async () => {
			const answer = await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } });
			expect(answer.status).toBe(200);
			expect(answer.json.speech_models).toEqual(['universal-3-5-pro', 'universal-2']);
		});
	});
});
