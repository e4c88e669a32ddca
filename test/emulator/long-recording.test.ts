/**
 * Long recordings (durationSeconds): the recorded transcript repeated back to back, as big as a real
 * transcript of that length, and as spec-valid as the recorded one.
 */
import { call, startEmulator, type Emulator } from './support/emulator';
import { recorded, specViolations } from './support/openapi';

const BY_ID = '/v2/transcript/{transcript_id}';
const THREE_HOURS = 3 * 3600;
const RECORDED = recorded('transcript-completed-highlights');

describe('the emulator serves long recordings derived from the recorded one', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'long-key', queuedMs: 0, processingMs: 0 });
		emu.addScenario({ match: (url) => url.includes('/three-hours'), durationSeconds: THREE_HOURS });
	});
	afterAll(() => emu.close());

	const transcribe = async (body: Record<string, unknown>) => {
		const { id } = (await call(emu, 'POST', '/v2/transcript', { body })).json as { id: string };
		return await call(emu, 'GET', `/v2/transcript/${id}`);
	};

	test('a 3-hour recording with speaker labels: ~6 MB of words and utterances, timed within 3 hours, every phrase said 39 times', async () => {
		const answer = await transcribe({ audio_url: 'https://media.example.com/three-hours.mp3', auto_highlights: true, speaker_labels: true });
		const t = answer.json;
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json');
		expect(answer.text.length).toBeGreaterThan(5_500_000);
		expect(answer.text.length).toBeLessThan(8_000_000);
		expect(t).toMatchObject({ status: 'completed', audio_duration: THREE_HOURS, speaker_labels: true });
		const copies = Math.ceil(THREE_HOURS / RECORDED.audio_duration); // 39: the last one cut short
		expect(t.words.length).toBeGreaterThan((copies - 1) * RECORDED.words.length);
		expect(t.words.length).toBeLessThan(copies * RECORDED.words.length);
		expect(t.words.at(-1).start).toBeLessThan(THREE_HOURS * 1000);
		const starts = t.words.map((w: { start: number }) => w.start);
		expect(starts.every((start: number, i: number) => i === 0 || start >= starts[i - 1])).toBe(true);
		expect(t.utterances.flatMap((u: { words: unknown[] }) => u.words)).toHaveLength(t.words.length);
		expect(t.text.split(' ')).toHaveLength(t.words.length);
		const first = t.auto_highlights_result.results[0];
		const recordedFirst = RECORDED.auto_highlights_result.results[0];
		expect(first.text).toBe(recordedFirst.text);
		expect(first.count).toBe(first.timestamps.length);
		expect(first.count).toBeGreaterThanOrEqual((copies - 1) * recordedFirst.count);
	});

	test('it deviates from the spec exactly as the recorded-length one does', async () => {
		const body = { auto_highlights: true, speaker_labels: true };
		const long = await transcribe({ ...body, audio_url: 'https://media.example.com/three-hours.mp3' });
		const short = await transcribe({ ...body, audio_url: 'https://media.example.com/short.mp3' });
		expect(specViolations(BY_ID, 'get', 200, long.json)).toEqual(specViolations(BY_ID, 'get', 200, short.json));
	});

	test('without speaker labels: no utterances, no speakers', async () => {
		const t = (await transcribe({ audio_url: 'https://media.example.com/three-hours.mp3', auto_highlights: true })).json;
		expect(t.utterances).toBeNull();
		expect(t.words.every((w: { speaker: unknown }) => w.speaker === null)).toBe(true);
	});

	test('the durationSeconds option makes every completed recording that long, and scenario edits still apply', async () => {
		const longByDefault = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0, durationSeconds: 600 });
		try {
			longByDefault.addScenario({
				match: () => true,
				mutate: (t) => {
					(t.auto_highlights_result as { results: Array<{ text: string }> }).results[0].text = 'renamed';
				},
			});
			const { id } = (await call(longByDefault, 'POST', '/v2/transcript', { body: { audio_url: 'https://a.example/x.mp3', auto_highlights: true } })).json;
			const t = (await call(longByDefault, 'GET', `/v2/transcript/${id}`)).json;
			expect(t.audio_duration).toBe(600);
			expect(t.auto_highlights_result.results[0].text).toBe('renamed');
			expect(longByDefault.transcriptView(id)).toEqual(t);
		} finally {
			await longByDefault.close();
		}
	});
});
