/**
 * A transcript moves queued -> processing -> completed|error purely on the emulator's clock; what it ends in is
 * decided by the audio (built-in rules or test scenarios); the completed body is the recorded transcript,
 * re-addressed and trimmed to what was requested.
 */
import { call, manualClock, startEmulator, type Emulator } from './support/emulator';

const WILDFIRES = 'https://assembly.ai/wildfires.mp3';
const DOWNLOAD_ERROR = (url: string) =>
	`Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet.`;
const HTML_ERROR =
	'File does not appear to contain audio. File type is text/html (HTML document, ASCII text, with very long lines (56754)).';

describe('Transcript status follows the emulator clock and the audio decides the outcome', () => {
	const clock = manualClock();
	let emu: Emulator;

	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 100, processingMs: 300, now: clock.now });
	});
	afterAll(() => emu.close());
	beforeEach(() => {
		emu.reset();
		emu.setClock({ queuedMs: 100, processingMs: 300 });
	});

	const create = async (body: Record<string, unknown>) => {
		const answer = await call(emu, 'POST', '/v2/transcript', { body });
		expect(answer.status).toBe(200);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
		return answer.json as Record<string, any>;
	};
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
	const get = async (id: string) => (await call(emu, 'GET', `/v2/transcript/${id}`)).json as Record<string, any>;
	const upload = async (bytes: Buffer) => (await call(emu, 'POST', '/v2/upload', { body: bytes })).json.upload_url as string;
	/** Moves the clock past queued + processing and returns the final transcript. */
	const finish = async (id: string) => {
		clock.advance(400);
		return get(id);
	};

	it('queued until queuedMs, processing until queuedMs + processingMs, then completed', async () => {
		const created = await create({ audio_url: WILDFIRES, auto_highlights: true });
		expect(created.status).toBe('queued');
		expect(created.auto_highlights_result).toBeNull();
		expect('error' in created).toBe(false);

		clock.advance(99);
		expect((await get(created.id)).status).toBe('queued');
		clock.advance(1);
		const processing = await get(created.id);
		expect(processing.status).toBe('processing');
		expect(processing.text).toBeNull();
		expect(processing.words).toBeNull();
		expect(processing.auto_highlights_result).toBeNull();
		expect('error' in processing).toBe(false);
		clock.advance(299);
		expect((await get(created.id)).status).toBe('processing');
		clock.advance(1);
		const done = await get(created.id);
		expect(done.status).toBe('completed');
		expect('error' in done).toBe(false);
		expect(done.auto_highlights_result.results).toHaveLength(15);
		expect(done.id).toBe(created.id);
	});

	it('setClock changes the timing of transcripts created afterwards only', async () => {
		const before = await create({ audio_url: WILDFIRES });
		emu.setClock({ queuedMs: 0, processingMs: 10 });
		const after = await create({ audio_url: WILDFIRES });
		expect(after.status).toBe('queued'); // the POST answer is always queued
		clock.advance(10);
		expect((await get(after.id)).status).toBe('completed');
		expect((await get(before.id)).status).toBe('queued');
	});

	it('the completed transcript echoes the request and serves only what was asked for', async () => {
		const params = {
			audio_url: WILDFIRES,
			auto_highlights: true,
			language_code: 'en_uk',
			speech_models: ['universal-3-5-pro', 'universal-2'],
			keyterms_prompt: ['wildfire', 'air quality'],
			audio_start_from: 1000,
			audio_end_at: 60000,
			webhook_url: 'https://hooks.example.com/aai?run=1',
			webhook_auth_header_name: 'X-Webhook-Token',
			webhook_auth_header_value: 'top-secret',
		};
		const created = await create(params);
		const done = await finish(created.id);
		for (const view of [created, done]) {
			expect(view).toMatchObject({
				audio_url: WILDFIRES,
				auto_highlights: true,
				language_code: 'en_uk',
				speech_models: ['universal-3-5-pro', 'universal-2'],
				keyterms_prompt: ['wildfire', 'air quality'],
				audio_start_from: 1000,
				audio_end_at: 60000,
				webhook_url: 'https://hooks.example.com/aai?run=1',
				webhook_auth: true,
				webhook_auth_header_name: 'X-Webhook-Token',
				speaker_labels: false,
			});
			expect(JSON.stringify(view)).not.toContain('top-secret');
			expect(view).not.toHaveProperty('webhook_auth_header_value');
		}
		expect(done.speech_model_used).toBe('universal-3-5-pro');
		expect(done.words.every((w: { speaker: unknown }) => w.speaker === null)).toBe(true);
		expect(done.utterances).toBeNull();
		expect(emu.createdParams()).toEqual([params]); // the stored body keeps everything, the value included
		expect(emu.transcripts.get(created.id)!.params.webhook_auth_header_value).toBe('top-secret');
	});

	it('without auto_highlights the result is null; with speaker_labels the recorded speakers stay', async () => {
		const plain = await finish((await create({ audio_url: WILDFIRES, speaker_labels: true })).id);
		expect(plain.auto_highlights).toBe(false);
		expect(plain.auto_highlights_result).toBeNull();
		expect(plain.webhook_auth).toBe(false);
		expect(plain.words[0]).toEqual({ text: 'Smoke', start: 240, end: 640, confidence: 0.90152997, speaker: 'A' });
		expect(plain.utterances.length).toBeGreaterThan(0);
		expect(plain.audio_duration).toBe(282);
	});

	it.each([
		['an upload URL the emulator never issued', async () => `${emu.url}/upload/${'ab'.repeat(32)}/6a9b7c1e-0000-4000-8000-000000000000`, DOWNLOAD_ERROR],
		['an upload URL of an earlier emulator run (other port)', async () => `http://127.0.0.1:1/upload/${'cd'.repeat(32)}/6a9b7c1e-0000-4000-8000-000000000001`, DOWNLOAD_ERROR],
		['a real CDN upload URL from another account', async () => 'https://cdn.assemblyai.com/upload/f756988d-47e2-4ca3-96ce-04bb168f8f2a', DOWNLOAD_ERROR],
		['a host under .invalid', async () => 'https://media.example.invalid/episode.mp3', DOWNLOAD_ERROR],
		['unreachable.example', async () => 'http://unreachable.example/a.wav', DOWNLOAD_ERROR],
		['a URL that is not a URL', async () => 'not a url', DOWNLOAD_ERROR],
		['a web page', async () => 'https://example.com/podcast/episode-12.html', () => HTML_ERROR],
		['a YouTube link', async () => 'https://www.youtube.com/watch?v=r8KTOBOMm0A', () => HTML_ERROR],
	])('%s ends in status "error" with the real message', async (_label, audioUrl, message) => {
		const url = await audioUrl();
		const created = await create({ audio_url: url, auto_highlights: true });
		clock.advance(100);
		expect((await get(created.id)).status).toBe('processing');
		const failed = await finish(created.id);
		expect(failed.status).toBe('error');
		expect(failed.error).toBe(message(url));
		expect(failed.text).toBeNull();
		expect(failed.words).toBeNull();
		expect(failed.auto_highlights_result).toBeNull();
		const item = (await call(emu, 'GET', '/v2/transcript')).json.transcripts[0];
		expect(item).toMatchObject({ id: created.id, status: 'error', error: message(url), completed: null });
	});

	it('a non-empty upload completes and its bytes are kept until the transcript is deleted', async () => {
		const bytes = Buffer.from('ID3 pretend mp3');
		const url = await upload(bytes);
		expect(emu.uploadBytes(url)).toEqual(bytes);
		const done = await finish((await create({ audio_url: url })).id);
		expect(done.status).toBe('completed');
		expect(done.audio_url).toBe(url);

		const deleted = (await call(emu, 'DELETE', `/v2/transcript/${done.id}`)).json;
		expect(deleted).toMatchObject({ id: done.id, status: 'completed', text: 'Deleted by user.', audio_url: 'http://deleted_by_user', words: null });
		expect(emu.uploadBytes(url)).toBeUndefined();
		const again = await finish((await create({ audio_url: url })).id);
		expect(again.error).toBe(DOWNLOAD_ERROR(url));
	});

	it('scenarios are checked newest-first before the built-in rules and can fail, edit or retime a transcript', async () => {
		emu.addScenario({ match: (u) => u.includes('special'), error: 'Audio duration is too short.' });
		emu.addScenario({
			match: (u) => u.endsWith('special-unavailable.mp3'),
			mutate: (t) => {
				t.auto_highlights_result = { status: 'unavailable', results: [] };
			},
		});
		emu.addScenario({ match: (_u, bytes) => bytes?.toString() === 'no-rank', mutate: (t) => delete t.auto_highlights_result.results[0].rank });
		emu.addScenario({ match: (u) => u.includes('slow'), queuedMs: 5000, processingMs: 5000 });

		const short = await finish((await create({ audio_url: 'https://a.example.com/special.mp3' })).id);
		expect(short).toMatchObject({ status: 'error', error: 'Audio duration is too short.' });

		const unavailable = await finish((await create({ audio_url: 'https://a.example.com/special-unavailable.mp3', auto_highlights: true })).id);
		expect(unavailable.status).toBe('completed');
		expect(unavailable.auto_highlights_result).toEqual({ status: 'unavailable', results: [] });

		const noRank = await finish((await create({ audio_url: await upload(Buffer.from('no-rank')), auto_highlights: true })).id);
		expect(noRank.auto_highlights_result.results[0]).not.toHaveProperty('rank');
		expect(noRank.auto_highlights_result.results[1].rank).toBe(0.08);

		const slow = await create({ audio_url: 'https://slow.example.invalid/a.mp3' });
		expect((await finish(slow.id)).status).toBe('queued');
		clock.advance(10_000);
		expect((await get(slow.id)).error).toBe(DOWNLOAD_ERROR('https://slow.example.invalid/a.mp3')); // timing-only scenario keeps the built-in outcome
	});

	it('the list is newest first and honours limit, status and the page links', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			ids.push((await create({ audio_url: `${WILDFIRES}?n=${i}` })).id);
			clock.advance(150); // each one 150 ms after the previous
		}
		// now: #0..#2 completed (>=400 ms old), #3 processing (300), #4 processing (150)
		const all = (await call(emu, 'GET', '/v2/transcript')).json;
		expect(all.transcripts.map((t: { id: string }) => t.id)).toEqual([...ids].reverse());
		expect(all.page_details).toEqual({
			limit: 10,
			result_count: 5,
			current_url: `${emu.url}/v2/transcript?limit=10`,
			prev_url: `${emu.url}/v2/transcript?limit=10&before_id=${ids[0]}`,
			next_url: `${emu.url}/v2/transcript?limit=10&after_id=${ids[4]}`,
		});
		expect(all.transcripts[4]).toEqual({
			id: ids[0],
			resource_url: `${emu.url}/v2/transcript/${ids[0]}`,
			status: 'completed',
			created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
			completed: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
			audio_url: `${WILDFIRES}?n=0`,
			error: '',
			region: null,
		});

		const completed = (await call(emu, 'GET', '/v2/transcript?status=completed&limit=2')).json;
		expect(completed.transcripts.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
		expect(completed.page_details.current_url).toBe(`${emu.url}/v2/transcript?limit=2&status=completed`);
		const older = (await call(emu, 'GET', completed.page_details.prev_url.slice(emu.url.length))).json;
		expect(older.transcripts.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
		const processing = (await call(emu, 'GET', '/v2/transcript?status=processing')).json;
		expect(processing.transcripts.map((t: { id: string }) => t.id)).toEqual([ids[4], ids[3]]);
		const newer = (await call(emu, 'GET', `/v2/transcript?limit=1&after_id=${ids[1]}`)).json;
		expect(newer.transcripts.map((t: { id: string }) => t.id)).toEqual([ids[2]]);
		expect(emu.createdCount()).toBe(5);
	});
});
