/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * A stereo call (`multichannel: true`) is the recorded transcript with its two speakers on channels 1
 * and 2; a deleted transcript reads back as AssemblyAI's recorded DELETE response does, its upload gone.
 */
import * as fs from 'fs';
import * as path from 'path';
import { call, manualClock, startEmulator, type Emulator } from './support/emulator';

const WILDFIRES = 'https://assembly.ai/wildfires.mp3';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
type Json = Record<string, any>;
const recorded = (name: string): Json => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8'));

describe('the emulator: multichannel transcripts and deletion', () => {
	const clock = manualClock();
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 10, processingMs: 10, now: clock.now });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const finished = async (body: Record<string, unknown>) => {
		const id = (await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, auto_highlights: true, ...body } })).json.id;
		clock.advance(20);
		return (await call(emu, 'GET', `/v2/transcript/${id}`)).json as Json;
	};

	it('multichannel: audio_channels 2; words and utterances carry channel "1" (speaker A) or "2" (speaker B), the channel as speaker', async () => {
		const stereo = await finished({ multichannel: true });
		const mono = recorded('transcript-completed-highlights');
		expect(stereo).toMatchObject({ status: 'completed', multichannel: true, audio_channels: 2, speaker_labels: false });
		expect(stereo.text).toBe(mono.text);
		expect(stereo.auto_highlights_result).toEqual(mono.auto_highlights_result);
		expect(stereo.words).toHaveLength(mono.words.length);
		stereo.words.forEach((word: Json, i: number) => {
			const was = mono.words[i];
			expect(word).toEqual({ ...was, channel: was.speaker === 'A' ? '1' : '2', speaker: was.speaker === 'A' ? '1' : '2' });
		});
		expect(stereo.utterances.map((u: Json) => [u.channel, u.speaker])).toEqual(
			mono.utterances.map((u: Json) => (u.speaker === 'A' ? ['1', '1'] : ['2', '2'])),
		);
		expect(stereo.utterances[0].words.every((w: Json) => w.channel === '1')).toBe(true);
	});

	it('multichannel with speaker labels: speakers "1A" and "2A", as AssemblyAI labels per-channel diarization', async () => {
		const stereo = await finished({ multichannel: true, speaker_labels: true });
		expect(new Set(stereo.words.map((w: Json) => `${w.channel}/${w.speaker}`))).toEqual(new Set(['1/1A', '2/2A']));
		expect(stereo.speaker_labels).toBe(true);
	});

	it('without multichannel nothing has a channel (as recorded)', async () => {
		const mono = await finished({ speaker_labels: true });
		expect(mono.words.some((w: Json) => 'channel' in w)).toBe(false);
		expect(mono).not.toHaveProperty('audio_channels');
		expect(mono.multichannel).toBeNull();
	});

	it('a deleted transcript reads back as the recorded DELETE response, with its own id; its upload is gone', async () => {
		const bytes = Buffer.from('RIFF stereo call');
		const uploadUrl = (await call(emu, 'POST', '/v2/upload', { body: bytes })).json.upload_url as string;
		const done = await finished({ audio_url: uploadUrl, multichannel: true });
		expect(emu.uploadBytes(uploadUrl)).toEqual(bytes);

		const answer = await call(emu, 'DELETE', `/v2/transcript/${done.id}`);
		expect(answer.status).toBe(200);
		const expected = { ...recorded('transcript-deleted'), id: done.id };
		expect(answer.json).toEqual(expected);
		expect((await call(emu, 'GET', `/v2/transcript/${done.id}`)).json).toEqual(expected);
		expect(emu.uploadBytes(uploadUrl)).toBeUndefined();
		expect(emu.transcripts.get(done.id)?.deletedAt).toEqual(expect.any(Number));
		const listed = (await call(emu, 'GET', '/v2/transcript')).json.transcripts.find((t: Json) => t.id === done.id);
		expect(listed.audio_url).toBe('deleted_by_user');
		// Deleting again is harmless: the same answer.
		expect((await call(emu, 'DELETE', `/v2/transcript/${done.id}`)).json).toEqual(expected);
	});
});
