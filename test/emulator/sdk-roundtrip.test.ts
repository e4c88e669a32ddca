/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node under jest, never inside n8n */
/**
 * The official `assemblyai` npm SDK, pointed at the emulator with `baseUrl`, uploads, transcribes with key phrases,
 * polls to completion, gets, lists and deletes, exactly as it would against api.assemblyai.com.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { AssemblyAI } from 'assemblyai';
import { startEmulator, type Emulator } from './support/emulator';

const AUDIO = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)); // > one 64 KiB stream chunk

describe('The official assemblyai SDK works end to end against the emulator', () => {
	let emu: Emulator;
	let client: AssemblyAI;
	let dir: string;

	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'sdk-key', queuedMs: 30, processingMs: 60 });
		client = new AssemblyAI({ apiKey: 'sdk-key', baseUrl: emu.url });
		dir = mkdtempSync(path.join(os.tmpdir(), 'aai-emu-'));
	});
	afterAll(async () => {
		await emu.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('files.upload(Buffer) stores exactly the bytes sent and returns an upload URL on the emulator', async () => {
		const uploadUrl = await client.files.upload(AUDIO);
		expect(uploadUrl).toMatch(new RegExp(`^${emu.url}/upload/[0-9a-f]{64}/[0-9a-f-]{36}$`));
		expect(emu.uploadBytes(uploadUrl)?.equals(AUDIO)).toBe(true);
		const request = emu.requests.find((r) => r.method === 'POST' && r.path === '/v2/upload')!;
		expect(request.headers.authorization).toBe('sdk-key');
		expect(request.headers['content-type']).toBe('application/octet-stream');
		expect(request.bodyBytes).toBe(AUDIO.length);
	});

	it.each([
		['a file path (the SDK streams it from disk)', () => {
			const file = path.join(dir, 'audio.bin');
			writeFileSync(file, AUDIO);
			return file;
		}],
		['a Node Readable stream', () => Readable.from([AUDIO.subarray(0, 1000), AUDIO.subarray(1000)])],
	])('files.upload(%s) arrives chunked with no Content-Length and is stored byte for byte', async (_label, input) => {
		const before = emu.requests.length;
		const uploadUrl = await client.files.upload(input());
		const request = emu.requests.slice(before).find((r) => r.path === '/v2/upload')!;
		expect(request.headers['transfer-encoding']).toBe('chunked');
		expect(request.headers['content-length']).toBeUndefined();
		expect(request.bodyBytes).toBe(AUDIO.length);
		expect(emu.uploadBytes(uploadUrl)?.equals(AUDIO)).toBe(true);
	});

	it('transcripts.transcribe({ audio: Buffer, auto_highlights }) uploads, polls and completes with the 15 recorded key phrases', async () => {
		const transcript = await client.transcripts.transcribe(
			{ audio: AUDIO, auto_highlights: true, speech_models: ['universal-3-5-pro', 'universal-2'] },
			{ pollingInterval: 50 },
		);
		expect(transcript.status).toBe('completed');
		expect(transcript.error).toBeUndefined();
		expect(transcript.auto_highlights).toBe(true);
		const results = transcript.auto_highlights_result!.results;
		expect(transcript.auto_highlights_result!.status).toBe('success');
		expect(results).toHaveLength(15);
		expect(results[0].text).toBe('air quality alerts');
		expect(results[0]).toEqual({ count: 1, rank: 0.08, text: 'air quality alerts', timestamps: [{ start: 3920, end: 5120 }] });
		expect(transcript.speech_models).toEqual(['universal-3-5-pro', 'universal-2']);
		expect(transcript.speech_model_used).toBe('universal-3-5-pro');
		expect(emu.uploadBytes(transcript.audio_url)?.equals(AUDIO)).toBe(true);

		const polls = emu.requests.filter((r) => r.method === 'GET' && r.path === `/v2/transcript/${transcript.id}`);
		expect(polls.length).toBeGreaterThanOrEqual(2); // saw queued/processing before completed
		expect(emu.createdParams().at(-1)).toEqual({
			audio_url: transcript.audio_url,
			auto_highlights: true,
			speech_models: ['universal-3-5-pro', 'universal-2'],
		});
	});

	it('transcripts.get, list and delete behave like the real API', async () => {
		const done = await client.transcripts.transcribe(
			{ audio: 'https://assembly.ai/wildfires.mp3', auto_highlights: true, speech_models: ['universal-2'] },
			{ pollingInterval: 50 },
		);
		const got = await client.transcripts.get(done.id);
		expect(got.id).toBe(done.id);
		expect(got.status).toBe('completed');
		expect(got.audio_url).toBe('https://assembly.ai/wildfires.mp3');
		expect(got.text).toMatch(/^Smoke from hundreds of wildfires in Canada/);

		const page = await client.transcripts.list({ limit: 1 });
		expect(page.page_details.limit).toBe(1);
		expect(page.page_details.result_count).toBe(1);
		expect(page.transcripts[0].id).toBe(done.id); // newest first
		expect(page.transcripts[0].created).toBeInstanceOf(Date); // the SDK parses our timestamps
		const all = await client.transcripts.list();
		expect(all.transcripts.length).toBe(emu.createdCount());

		const deleted = await client.transcripts.delete(done.id);
		expect(deleted.text).toBe('Deleted by user.');
		expect(deleted.audio_url).toBe('http://deleted_by_user');
		expect(deleted.auto_highlights_result).toBeNull();
		expect((await client.transcripts.get(done.id)).text).toBe('Deleted by user.');
	});

	it('transcribe of an unreachable URL resolves (does not throw) with status "error" and the download error', async () => {
		const url = 'https://media.example.invalid/missing.mp3';
		const transcript = await client.transcripts.transcribe({ audio: url, speech_models: ['universal-2'] }, { pollingInterval: 50 });
		expect(transcript.status).toBe('error');
		expect(transcript.error).toBe(
			`Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet.`,
		);
		expect(transcript.text).toBeNull();
	});

	it('the SDK surfaces the emulator\'s 400 and 401 error messages', async () => {
		await expect(
			client.transcripts.submit({ audio_url: 'https://assembly.ai/wildfires.mp3', auto_highlights: true, language_code: 'fr' }),
		).rejects.toThrow('The following models are not available in this language: auto_highlights');
		await expect(client.transcripts.get('no-such-id')).rejects.toThrow('Transcript lookup error, transcript id not found');
		const stranger = new AssemblyAI({ apiKey: 'not-the-key', baseUrl: emu.url });
		await expect(stranger.transcripts.list()).rejects.toThrow('Authentication error, API token missing/invalid');
	});

	it('as AssemblyAI since 2026-08: no language_code and no speech_models -> detected "en" with the default models; a Spanish recording has no key phrases and no error; an empty upload throws the 422 text', async () => {
		const english = await client.transcripts.transcribe({ audio: 'https://assembly.ai/wildfires.mp3', auto_highlights: true }, { pollingInterval: 50 });
		expect(english).toMatchObject({ status: 'completed', language_code: 'en', language_detection: true, speech_models: ['universal-3-5-pro', 'universal-2'] });
		expect(english.auto_highlights_result?.results).toHaveLength(15);
		const spanish = await client.transcripts.transcribe({ audio: 'https://assembly.ai/entrevista.lang-es.mp3', auto_highlights: true }, { pollingInterval: 50 });
		expect(spanish).toMatchObject({ status: 'completed', language_code: 'es', auto_highlights_result: null });
		expect(spanish.error).toBeUndefined();
		await expect(client.files.upload(Buffer.alloc(0))).rejects.toThrow(
			'Upload failed, please try again. If you continue to have issues please reach out to support@assemblyai.com',
		);
	});
});
