import { randomBytes } from 'crypto';
import { FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();

const transcribeUrl = (extra: Record<string, unknown> = {}) => ({
	operation: 'transcribe',
	source: 'url',
	audioUrl: WILDFIRES_URL,
	options: { ...FAST },
	...extra,
});

describe('Transcribe with Key Phrases in real n8n-core against the emulator', () => {
	test('URL input: one transcript with key phrases on, 15 phrases out, first "air quality alerts"', async () => {
		const result = await runNode({ parameters: transcribeUrl(), credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(15);
		expect(result.items[0].json).toMatchObject({ text: 'air quality alerts', rank: 0.08, count: 1, firstMention: '0:03', firstMentionMs: 3920 });
		expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const created = env.emu.createdParams();
		expect(created).toHaveLength(1);
		expect(created[0]).toMatchObject({
			audio_url: WILDFIRES_URL,
			auto_highlights: true,
			language_code: 'en_us',
			speech_models: ['universal-3-5-pro', 'universal-2'],
		});
		expect(created[0]).not.toHaveProperty('webhook_url');
		expect(result.items[0].json.transcriptId).toBe(created.length && [...env.emu.transcripts.keys()][0]);
	});

	test('binary input: the upload body is exactly the file bytes, and its upload_url is transcribed', async () => {
		const audio = Buffer.concat([Buffer.from('RIFF'), randomBytes(64 * 1024)]);
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'binary', binaryPropertyName: 'recording', options: FAST },
			inputs: [{ binary: { recording: { data: audio, fileName: 'call.wav' } } }],
			credentials: env.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(15);
		const upload = env.emu.requests.find((r) => r.path === '/v2/upload');
		expect(upload?.headers['content-type']).toBe('application/octet-stream');
		const [params] = env.emu.createdParams();
		expect(env.emu.uploadBytes(params.audio_url as string)?.equals(audio)).toBe(true);
	});

	test('waitMode none: one item per input with transcriptId and status, no polling', async () => {
		const result = await runNode({
			parameters: transcribeUrl({ waitMode: 'none' }),
			inputs: [{}, {}],
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => i.json.status)).toEqual(['queued', 'queued']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const ids = [...env.emu.transcripts.keys()];
		expect(result.items.map((i) => i.json.transcriptId)).toEqual(expect.arrayContaining(ids));
		expect(env.emu.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
	});

	test('transcript options reach AssemblyAI: language, models, key terms, speakers, range, webhook', async () => {
		await runNode({
			parameters: transcribeUrl({
				waitMode: 'none',
				transcriptOptions: {
					languageCode: 'en_uk',
					speechModels: 'universal-2, universal-3-5-pro',
					keytermsPrompt: 'n8n\nAssemblyAI, key phrases',
					speakerLabels: true,
					audioStartFrom: 1000,
					audioEndAt: 60000,
					webhookUrl: 'https://hooks.example.com/aai?run=1',
				},
				webhookAuthentication: 'headerAuth',
			}),
			credentials: env.credentials(),
			webhookAuth: { name: 'X-Secret', secret: 'hook-secret-value' },
		});
		expect(env.emu.createdParams()[0]).toEqual({
			audio_url: WILDFIRES_URL,
			auto_highlights: true,
			language_code: 'en_uk',
			speech_models: ['universal-2', 'universal-3-5-pro'],
			keyterms_prompt: ['n8n', 'AssemblyAI', 'key phrases'],
			speaker_labels: true,
			audio_start_from: 1000,
			audio_end_at: 60000,
			webhook_url: 'https://hooks.example.com/aai?run=1',
			webhook_auth_header_name: 'X-Secret',
			webhook_auth_header_value: 'hook-secret-value',
		});
	});

	test('two items: each output is paired to its own input, in input order', async () => {
		env.emu.addScenario({
			match: (url) => url.includes('second'),
			mutate: (t) => {
				const result = t.auto_highlights_result as { results: Array<{ text: string }> };
				result.results = result.results.slice(0, 2).map((r) => ({ ...r, text: `second: ${r.text}` }));
			},
			processingMs: 10,
		});
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: FAST },
			inputs: [{ json: { url: WILDFIRES_URL } }, { json: { url: 'https://media.example.com/second.mp3' } }],
			credentials: env.credentials(),
		});
		expect(result.items).toHaveLength(17);
		expect(result.items.slice(0, 15).every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(result.items.slice(15).map((i) => [i.json.text, i.pairedItem])).toEqual([
			['second: air quality alerts', { item: 1 }],
			['second: wide ranging air quality consequences', { item: 1 }],
		]);
	});

	test('ten items: all submitted before waiting, every summary paired to its input and its own transcript', async () => {
		const inputs = Array.from({ length: 10 }, (_, i) => ({ json: { url: `https://media.example.com/call-${i}.mp3` } }));
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: FAST },
			inputs,
			credentials: env.credentials(),
		});
		expect(result.items).toHaveLength(10);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.audioUrl).toBe(`https://media.example.com/call-${i}.mp3`);
			expect(item.json.keyPhrases).toHaveLength(15);
		});
		expect(new Set(result.items.map((i) => i.json.transcriptId)).size).toBe(10);
		const lastCreate = Math.max(...env.emu.requests.filter((r) => r.method === 'POST').map((r) => r.at));
		const firstPoll = Math.min(...env.emu.requests.filter((r) => r.method === 'GET').map((r) => r.at));
		expect(lastCreate).toBeLessThanOrEqual(firstPoll);
	});
});
