/**
 * What changed in AssemblyAI's spec of 2026-08-18 (fixtures/openapi.yml; /work/shared/assemblyai/SOURCE.md), one
 * test per change. Each of these failed on the emulator that followed the March 2026 spec.
 */
import { call, manualClock, startEmulator, type Emulator } from './support/emulator';

const WILDFIRES = 'https://assembly.ai/wildfires.mp3';
const UPLOAD_FAILED = 'Upload failed, please try again. If you continue to have issues please reach out to support@assemblyai.com';
const DEFAULT_MODELS = ['universal-3-5-pro', 'universal-2'];

describe('AssemblyAI as its 2026-08-18 spec describes it', () => {
	const clock = manualClock();
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 100, processingMs: 100, now: clock.now });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const create = (body: Record<string, unknown>) => call(emu, 'POST', '/v2/transcript', { body });
	const finished = async (id: string) => {
		clock.advance(1000);
		return (await call(emu, 'GET', `/v2/transcript/${id}`)).json;
	};

	describe('POST /v2/upload', () => {
		it('an empty body -> 422 in plain text, and nothing is stored', async () => {
			const answer = await call(emu, 'POST', '/v2/upload', { body: Buffer.alloc(0) });
			expect(answer.status).toBe(422);
			expect(answer.headers.get('content-type')).toBe('text/plain');
			expect(answer.text).toBe(UPLOAD_FAILED);
			expect(emu.uploads.size).toBe(0);
		});

		it('a body of one byte is still accepted', async () => {
			const answer = await call(emu, 'POST', '/v2/upload', { body: Buffer.from([0]) });
			expect(answer.status).toBe(200);
			expect(answer.json.upload_url).toMatch(/\/upload\//);
		});
	});

	describe('language detection when no language_code is sent', () => {
		it('the English recording is detected as "en": language_detection true, a confidence, key phrases', async () => {
			const created = await create({ audio_url: WILDFIRES, auto_highlights: true });
			expect(created.status).toBe(200);
			// As the spec's own create example: no language yet, detection on.
			expect(created.json).toMatchObject({ language_code: null, language_detection: true });
			const done = await finished(created.json.id);
			expect(done).toMatchObject({ status: 'completed', language_code: 'en', language_detection: true });
			expect(done.language_confidence).toBeGreaterThan(0.5);
			expect(done.language_confidence).toBeLessThanOrEqual(1);
			expect(done.auto_highlights_result.results).toHaveLength(15);
		});

		it.each([
			['an audio URL', 'https://assembly.ai/entrevista.lang-es.mp3', 'es'],
			['an audio URL (in a folder name)', 'https://files.example.com/lang-ja/call.mp3', 'ja'],
		])('a recording marked as Spanish/Japanese in %s is detected as such; Key Phrases (English only) is left out without an error', async (_where, url, language) => {
			const created = await create({ audio_url: url, auto_highlights: true, speaker_labels: true });
			expect(created.status).toBe(200);
			const done = await finished(created.json.id);
			expect(done).toMatchObject({ status: 'completed', language_code: language, language_detection: true, auto_highlights: true });
			expect(done.auto_highlights_result).toBeNull();
			expect(done.error).toBeUndefined();
			expect(done.text).toEqual(expect.any(String));
			expect(done.utterances.length).toBeGreaterThan(0); // speaker labels are not English-only
		});

		it('an uploaded file marked lang-de at its start is detected as German', async () => {
			const { upload_url } = (await call(emu, 'POST', '/v2/upload', { body: Buffer.from('lang-de RIFF....WAVEfmt ') })).json;
			const done = await finished((await create({ audio_url: upload_url, auto_highlights: true })).json.id);
			expect(done).toMatchObject({ status: 'completed', language_code: 'de', auto_highlights_result: null });
		});

		it('a scenario can say which language is detected', async () => {
			emu.addScenario({ match: (url) => url.endsWith('/podcast.mp3'), language: 'fr' });
			const done = await finished((await create({ audio_url: 'https://assembly.ai/podcast.mp3', auto_highlights: true })).json.id);
			expect(done).toMatchObject({ language_code: 'fr', auto_highlights_result: null });
		});

		it('the language is not detected when language_code is sent', async () => {
			const done = await finished((await create({ audio_url: 'https://assembly.ai/x.lang-es.mp3', auto_highlights: true, language_code: 'en_us' })).json.id);
			expect(done).toMatchObject({ language_code: 'en_us', language_detection: false });
			expect(done.auto_highlights_result.results).toHaveLength(15);
		});
	});

	describe('language_code and language_detection', () => {
		it('language_code together with language_detection: true -> 400, nothing created', async () => {
			const answer = await create({ audio_url: WILDFIRES, language_code: 'en_us', language_detection: true });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/language_code.*language_detection/);
			expect(emu.createdCount()).toBe(0);
		});

		it('a language_code that is not a string -> 400', async () => {
			const answer = await create({ audio_url: WILDFIRES, language_code: 5 });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/language_code/);
		});

		it('language_detection: false without a language_code -> 400', async () => {
			const answer = await create({ audio_url: WILDFIRES, language_detection: false });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/language_detection.*language_code/);
		});

		it('language_detection: false with a language_code is accepted', async () => {
			expect((await create({ audio_url: WILDFIRES, language_code: 'en_us', language_detection: false })).status).toBe(200);
		});

		it('language_confidence_threshold with a language_code (no detection) -> 400', async () => {
			const answer = await create({ audio_url: WILDFIRES, language_code: 'en_us', language_confidence_threshold: 0.5 });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/language_confidence_threshold/);
			expect((await create({ audio_url: WILDFIRES, language_confidence_threshold: 0.5 })).status).toBe(200);
		});
	});

	describe('speech_models', () => {
		it('is optional and defaults to ["universal-3-5-pro", "universal-2"]', async () => {
			const created = await create({ audio_url: WILDFIRES });
			expect(created.status).toBe(200);
			expect(created.json.speech_models).toEqual(DEFAULT_MODELS);
			const done = await finished(created.json.id);
			expect(done.speech_models).toEqual(DEFAULT_MODELS);
			expect(done.speech_model_used).toBe('universal-3-5-pro');
		});

		it.each([[['universal-2']], [['universal-3-5-pro']], [['universal-2', 'universal-3-5-pro']]])('accepts %j', async (models) => {
			const created = await create({ audio_url: WILDFIRES, speech_models: models });
			expect(created.status).toBe(200);
			expect(created.json.speech_models).toEqual(models);
		});

		it.each(['universal', 'best', 'slam-1', 'universal-3', 'whisper-large', 'Universal-2'])(
			'refuses "%s" with a 400 that names it and the two valid values',
			async (model) => {
				const answer = await create({ audio_url: WILDFIRES, speech_models: [model, 'universal-2'] });
				expect(answer.status).toBe(400);
				expect(answer.json.error).toContain(`"${model}"`);
				expect(answer.json.error).toContain('speech_models: ["universal-3-5-pro", "universal-2"]');
				expect(emu.createdCount()).toBe(0);
			},
		);

		it('refuses an empty list', async () => {
			const answer = await create({ audio_url: WILDFIRES, speech_models: [] });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/speech_models/);
		});

		it('a language Universal-3.5 Pro lacks is routed to the next model in the list', async () => {
			const done = await finished((await create({ audio_url: 'https://assembly.ai/call.lang-ja.mp3' })).json.id);
			expect(done.speech_model_used).toBe('universal-2');
		});
	});

	describe('webhook auth header', () => {
		const hook = { audio_url: WILDFIRES, webhook_url: 'https://hooks.example.com/aai' };

		it.each([
			['1 character', 'X'],
			['letters, digits, - and _', 'X-Webhook_Secret-2'],
			['1000 characters', 'X'.repeat(1000)],
		])('a name of %s is accepted', async (_label, name) => {
			expect((await create({ ...hook, webhook_auth_header_name: name, webhook_auth_header_value: 's' })).status).toBe(200);
		});

		it.each([
			['empty', ''],
			['1001 characters', 'X'.repeat(1001)],
			['a space', 'X Token'],
			['a dot', 'X.Token'],
			['a colon', 'X-Token:'],
			['a non-ASCII letter', 'X-Tökén'],
			['a character RFC 9110 allows in a token', "X-Token!"],
		])('a name with %s -> 400', async (_label, name) => {
			const answer = await create({ ...hook, webhook_auth_header_name: name, webhook_auth_header_value: 's' });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/webhook_auth_header_name/);
			expect(emu.createdCount()).toBe(0);
		});

		it.each([
			['1 character', 's'],
			['1000 characters with spaces and symbols', `a b:c;${'é'.repeat(994)}`],
		])('a value of %s is accepted', async (_label, value) => {
			expect((await create({ ...hook, webhook_auth_header_name: 'X-Token', webhook_auth_header_value: value })).status).toBe(200);
		});

		it.each([
			['empty', ''],
			['1001 characters', 'v'.repeat(1001)],
			['a newline', 'abc\ndef'],
			['a carriage return', 'abc\rdef'],
		])('a value that is %s -> 400, and the answer does not repeat it', async (_label, value) => {
			const answer = await create({ ...hook, webhook_auth_header_name: 'X-Token', webhook_auth_header_value: value });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/webhook_auth_header_value/);
			if (value) expect(answer.text).not.toContain(value);
		});

		it('a name without a value, a value without a name, or either without webhook_url -> 400', async () => {
			for (const body of [
				{ ...hook, webhook_auth_header_name: 'X-Token' },
				{ ...hook, webhook_auth_header_value: 's' },
				{ audio_url: WILDFIRES, webhook_auth_header_name: 'X-Token', webhook_auth_header_value: 's' },
			]) {
				const answer = await create(body);
				expect(answer.status).toBe(400);
				expect(answer.json.error).toMatch(/webhook_auth_header|webhook_url/);
			}
			expect(emu.createdCount()).toBe(0);
		});
	});

	describe('parameters that need another one', () => {
		it.each([
			['speaker_options without speaker_labels', { speaker_options: { min_speakers_expected: 2 } }, /speaker_options.*speaker_labels/],
			['speakers_expected without speaker_labels', { speakers_expected: 2 }, /speakers_expected.*speaker_labels/],
			['speakers_expected with speaker_options', { speaker_labels: true, speakers_expected: 2, speaker_options: { max_speakers_expected: 3 } }, /speakers_expected.*speaker_options/],
			['speakers_expected 0', { speaker_labels: true, speakers_expected: 0 }, /speakers_expected/],
			['min_speakers_expected above max_speakers_expected', { speaker_labels: true, speaker_options: { min_speakers_expected: 4, max_speakers_expected: 2 } }, /min_speakers_expected/],
			['speaker_labels with punctuate false', { speaker_labels: true, punctuate: false }, /speaker_labels.*punctuate/],
			['sentiment_analysis with punctuate false', { sentiment_analysis: true, punctuate: false }, /sentiment_analysis.*punctuate/],
			['summarization with format_text false', { summarization: true, format_text: false }, /summarization.*format_text/],
			['summarization with auto_chapters', { summarization: true, auto_chapters: true }, /summarization.*auto_chapters/],
			['redact_pii with format_text false', { redact_pii: true, format_text: false }, /redact_pii.*format_text/],
			['redact_pii_audio without redact_pii', { redact_pii_audio: true }, /redact_pii_audio.*redact_pii/],
			['redact_pii_return_unredacted without redact_pii', { redact_pii_return_unredacted: true }, /redact_pii_return_unredacted.*redact_pii/],
		])('%s -> 400', async (_label, extra, message) => {
			const answer = await create({ audio_url: WILDFIRES, ...extra });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(message);
			expect(emu.createdCount()).toBe(0);
		});

		it('speaker_labels with speakers_expected, or with a range, is accepted', async () => {
			expect((await create({ audio_url: WILDFIRES, speaker_labels: true, speakers_expected: 2 })).status).toBe(200);
			expect((await create({ audio_url: WILDFIRES, speaker_labels: true, speaker_options: { min_speakers_expected: 2, max_speakers_expected: 2 } })).status).toBe(200);
		});
	});

	it('a 500 carries the 2026 text', async () => {
		emu.setFaults([{ route: 'get', kind: '500' }]);
		const answer = await call(emu, 'GET', '/v2/transcript/6a9b7c1e-0000-4000-8000-000000000000');
		expect(answer.status).toBe(500);
		expect(answer.json).toEqual({
			error: 'Internal server error. Please retry your request. If the error persists, please contact support@assemblyai.com for more information.',
		});
	});
});
