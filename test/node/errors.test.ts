import { createTranscriptDirectly, FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import type { NodeRun } from '../helpers/runNode';
import { runNode } from '../helpers/runNode';
import { RETRY_POLICY } from '../../nodes/AssemblyAiHighlights/transport/policy';

// Refusals that outlast the retries: the shipped policy (RETRY_POLICY), its real attempts and backoff.

const env = useEmulator();

const viaUrl = (audioUrl: string, extra: Record<string, unknown> = {}) => ({
	operation: 'transcribe',
	source: 'url',
	audioUrl,
	options: FAST,
	...extra,
});

function expectError(result: NodeRun, name: string, message: RegExp, description?: RegExp) {
	expect(result.status).toBe('error');
	expect(result.error?.name).toBe(name);
	expect(result.error?.message).toMatch(message);
	if (description) expect(result.error?.description).toMatch(description);
}

describe('bad input: a clear error before anything is uploaded or paid for', () => {
	test('missing binary field names the fields the item has', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'binary', binaryPropertyName: 'data', options: FAST },
			inputs: [{ binary: { audio: { data: Buffer.from('abc') }, cover: { data: Buffer.from('x'), mimeType: 'image/png' } } }],
			credentials: env.credentials(),
		});
		expectError(result, 'NodeOperationError', /no binary field "data"/, /audio, cover/);
		expect(env.emu.requests).toHaveLength(0);
	});

	test('an item with no binary data at all says how to get some', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'binary', binaryPropertyName: 'data', options: FAST },
			credentials: env.credentials(),
		});
		expectError(result, 'NodeOperationError', /no binary field "data"/, /no binary data at all/);
	});

	test('an empty file', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'binary', options: FAST },
			inputs: [{ binary: { data: { data: Buffer.alloc(0), fileName: 'silence.wav' } } }],
			credentials: env.credentials(),
		});
		expectError(result, 'NodeOperationError', /is empty/, /0 bytes/);
		expect(env.emu.requests).toHaveLength(0);
	});

	test('not a URL', async () => {
		const result = await runNode({ parameters: viaUrl('C:\\calls\\monday.mp3'), credentials: env.credentials() });
		expectError(result, 'NodeOperationError', /is not an http\(s\) URL/, /Binary File/);
		expect(env.emu.requests).toHaveLength(0);
	});

	test('a non-English language', async () => {
		const result = await runNode({
			parameters: viaUrl(WILDFIRES_URL, { transcriptOptions: { languageCode: '={{ "de" }}' } }),
			credentials: env.credentials(),
		});
		expectError(result, 'NodeOperationError', /English only, but Language is "de"/);
		expect(env.emu.createdCount()).toBe(0);
	});

	test('an empty transcript ID', async () => {
		const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId: '={{ $json.transcriptId }}' }, credentials: env.credentials() });
		expectError(result, 'NodeOperationError', /Transcript ID is empty/, /\$json\.transcriptId/);
	});
});

describe('AssemblyAI says no: its own words, and what to do', () => {
	test('a wrong API key is a NodeApiError carrying AssemblyAI\'s error text', async () => {
		const result = await runNode({ parameters: viaUrl(WILDFIRES_URL), credentials: env.credentials('wrong-key') });
		expectError(result, 'NodeApiError', /Authentication error, API token missing\/invalid/, /Check the API key/);
		expect(result.error?.httpCode).toBe('401');
		expect(env.emu.requests[0].headers.authorization).toBe('wrong-key');
	});

	test('an unknown transcript ID', async () => {
		const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId: 'no-such-id' }, credentials: env.credentials() });
		expectError(result, 'NodeApiError', /transcript no-such-id.*Transcript lookup error, transcript id not found/, /Check the transcript ID/);
	});

	test('a model AssemblyAI rejects: its 400 message reaches the user', async () => {
		const result = await runNode({
			parameters: viaUrl(WILDFIRES_URL, { transcriptOptions: { speechModels: 'universal-3-pro' } }),
			credentials: env.credentials(),
		});
		expectError(result, 'NodeApiError', /HTTP 400.*universal-3-pro/);
	});

	test('a transcript that ends in status error gives AssemblyAI\'s message and the transcript ID', async () => {
		const url = 'https://unreachable.example/call.mp3';
		const result = await runNode({ parameters: viaUrl(url), credentials: env.credentials() });
		expectError(result, 'NodeOperationError', /Download error, unable to download https:\/\/unreachable\.example\/call\.mp3/);
		const [id] = [...env.emu.transcripts.keys()];
		expect(result.error?.description).toContain(id);
	});

	test('a transcript created without key phrases points to Transcribe with Key Phrases', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: false });
		const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId: id, options: FAST }, credentials: env.credentials() });
		expectError(result, 'NodeOperationError', new RegExp(`${id} has no key phrases`), /Transcribe with Key Phrases/);
	});

	test('key phrases "unavailable"', async () => {
		env.emu.addScenario({
			match: (url) => url.endsWith('unavailable.mp3'),
			mutate: (t) => {
				t.auto_highlights_result = { status: 'unavailable', results: [] };
			},
		});
		const result = await runNode({ parameters: viaUrl('https://media.example.com/unavailable.mp3'), credentials: env.credentials() });
		expectError(result, 'NodeOperationError', /could not produce key phrases.*unavailable/);
	});

	test('a result entry without rank is kept with rank null', async () => {
		env.emu.addScenario({
			match: (url) => url.endsWith('norank.mp3'),
			mutate: (t) => {
				const results = (t.auto_highlights_result as { results: Array<Record<string, unknown>> }).results;
				delete results[1].rank;
			},
		});
		const result = await runNode({ parameters: viaUrl('https://media.example.com/norank.mp3'), credentials: env.credentials() });
		expect(result.items).toHaveLength(15);
		// Sorted by rank, highest first: a phrase without one comes last.
		expect(result.items[14].json).toMatchObject({ text: 'wide ranging air quality consequences', rank: null });
	});

	test('timeout: the error names the transcript, and Get Highlights later picks it up without a second transcript', async () => {
		env.emu.setClock({ queuedMs: 300, processingMs: 300 });
		const result = await runNode({
			parameters: viaUrl(WILDFIRES_URL, { options: { ...FAST, maxWaitMinutes: 0.002 } }),
			credentials: env.credentials(),
		});
		const [id] = [...env.emu.transcripts.keys()];
		expectError(result, 'NodeOperationError', new RegExp(`Transcript ${id} was still (queued|processing)`), new RegExp(`'Get Highlights' with transcript ID ${id}`));

		const later = await runNode({
			parameters: { operation: 'getHighlights', transcriptId: id, options: FAST },
			credentials: env.credentials(),
		});
		expect(later.items).toHaveLength(15);
		expect(env.emu.createdCount()).toBe(1);
	});
});

describe('continue on fail: one error item for the bad input item, the others go on', () => {
	test('bad items become error items paired to themselves; good ones get their phrases', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: FAST },
			inputs: [
				{ json: { url: WILDFIRES_URL } },
				{ json: { url: 'not a url' } },
				{ json: { url: 'https://unreachable.example/x.mp3' } },
				{ json: { url: 'https://media.example.com/ok.mp3' } },
			],
			onError: 'continueRegularOutput',
			credentials: env.credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.keyPhrases).toHaveLength(15);
		expect(result.items[1].json.error).toMatch(/not an http\(s\) URL/);
		expect(result.items[2].json).toMatchObject({ error: expect.stringMatching(/Download error/), transcriptId: expect.any(String) });
		expect(result.items[3].json.audioUrl).toBe('https://media.example.com/ok.mp3');
		expect(env.emu.createdCount()).toBe(3);
	});

	test('without continue on fail, a bad item stops the node before anything is paid for', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: FAST },
			inputs: [{ json: { url: WILDFIRES_URL } }, { json: { url: 'ftp://example.com/a.mp3' } }],
			credentials: env.credentials(),
		});
		expectError(result, 'NodeOperationError', /ftp:\/\/example\.com\/a\.mp3" is not an http\(s\) URL/);
		expect(env.emu.createdCount()).toBe(0);
	});
});

describe('more bad input, each with its own message', () => {
	test('an Audio URL that resolves to nothing', async () => {
		const result = await runNode({ parameters: viaUrl('={{ $json.missing }}'), credentials: env.credentials() });
		expectError(result, 'NodeOperationError', /Audio URL is empty/, /public http\(s\) link/);
	});

	test('Audio End At before Audio Start From', async () => {
		const result = await runNode({
			parameters: viaUrl(WILDFIRES_URL, { transcriptOptions: { audioStartFrom: 60000, audioEndAt: 30000 } }),
			credentials: env.credentials(),
		});
		expectError(result, 'NodeOperationError', /Audio End At \(30000 ms\) must be after Audio Start From \(60000 ms\)/);
	});

	test('no speech model named', async () => {
		const result = await runNode({ parameters: viaUrl(WILDFIRES_URL, { transcriptOptions: { speechModels: ' , ' } }), credentials: env.credentials() });
		expectError(result, 'NodeOperationError', /Speech Models is empty/, /universal-3-5-pro,universal-2/);
	});

	test('a Webhook URL that is not a URL', async () => {
		const result = await runNode({ parameters: viaUrl(WILDFIRES_URL, { transcriptOptions: { webhookUrl: 'my-n8n/webhook' } }), credentials: env.credentials() });
		expectError(result, 'NodeOperationError', /Webhook URL "my-n8n\/webhook" is not an http\(s\) URL/);
	});

	test('Webhook Authentication without a webhook to send it with', async () => {
		const result = await runNode({
			parameters: viaUrl(WILDFIRES_URL, { webhookAuthentication: 'headerAuth' }),
			credentials: env.credentials(),
			webhookAuth: { name: 'X-Secret', secret: 'hook-secret-value' },
		});
		expectError(result, 'NodeOperationError', /Webhook Authentication is set, but AssemblyAI is not asked to call a webhook/, /Webhook URL/);
		expect(env.emu.createdParams()).toHaveLength(0);
	});

	test.each([
		['an empty header secret', { name: 'X-Secret', secret: '' }, /Header Secret is empty/],
		['a header name with a space', { name: 'X Secret', secret: 'hook-secret-value' }, /Header Name "X Secret" has characters AssemblyAI does not accept/],
		// HTTP allows these in a header name (RFC 9110 token); AssemblyAI's 2026-08 spec does not.
		['a header name with a dot', { name: 'X.Secret', secret: 'hook-secret-value' }, /Header Name "X\.Secret" has characters AssemblyAI does not accept: use only ASCII letters, digits, - and _/],
		['a header name of 1001 characters', { name: 'X'.repeat(1001), secret: 'hook-secret-value' }, /Header Name has 1001 characters: AssemblyAI accepts at most 1000/],
		['a header secret with a line break', { name: 'X-Secret', secret: 'hook-secret\nvalue' }, /Header Secret contains a line break/],
		['a header secret of 1001 characters', { name: 'X-Secret', secret: 's'.repeat(1001) }, /Header Secret has 1001 characters: AssemblyAI accepts at most 1000/],
	])('a Webhook Header Auth credential with %s', async (_name, webhookAuth, message) => {
		const result = await runNode({
			parameters: viaUrl(WILDFIRES_URL, { webhookAuthentication: 'headerAuth', transcriptOptions: { webhookUrl: 'https://hooks.example.com/x' } }),
			credentials: env.credentials(),
			webhookAuth,
		});
		expectError(result, 'NodeOperationError', message, /Open the credential/);
		expect(env.emu.createdParams()).toHaveLength(0);
	});
});

describe('AssemblyAI refusals that outlast the retries', () => {
	test('rate limited on every attempt: AssemblyAI\'s words and what to do', async () => {
		env.emu.onRequest((ctx: { method: string; pathname: string }) =>
			ctx.pathname === '/v2/transcript' && ctx.method === 'POST'
				? { status: 429, headers: { 'retry-after': '0' }, json: { error: 'Too Many Requests' } }
				: undefined,
		);
		const result = await runNode({ parameters: viaUrl(WILDFIRES_URL), credentials: env.credentials() });
		expectError(result, 'NodeApiError', /HTTP 429\): Too Many Requests/, /rate-limiting/);
		expect(env.emu.requests.filter((r) => r.method === 'POST')).toHaveLength(RETRY_POLICY.maxAttempts);
		expect(env.emu.createdCount()).toBe(0);
	});

	test('an upload AssemblyAI refuses with its plain-text 422 (2026-08 spec): its words, HTTP 422, nothing created', async () => {
		env.emu.onRequest((ctx: { method: string; pathname: string }) =>
			ctx.pathname === '/v2/upload'
				? { status: 422, headers: { 'content-type': 'text/plain' }, text: 'Upload failed, please try again. If you continue to have issues please reach out to support@assemblyai.com' }
				: undefined,
		);
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'binary', options: FAST },
			inputs: [{ binary: { data: { data: Buffer.from('RIFF-audio') } } }],
			credentials: env.credentials(),
		});
		expectError(result, 'NodeApiError', /\(HTTP 422\): Upload failed, please try again\. If you continue to have issues please reach out to support@assemblyai\.com/);
		expect(env.emu.createdCount()).toBe(0);
	});

	test('an upload made with another project\'s key (403)', async () => {
		env.emu.onRequest((ctx: { method: string; pathname: string }) =>
			ctx.pathname === '/v2/transcript' && ctx.method === 'POST' ? { status: 403, json: { error: 'Cannot access uploaded file' } } : undefined,
		);
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'binary', options: FAST },
			inputs: [{ binary: { data: { data: Buffer.from('RIFF-audio') } } }],
			credentials: env.credentials(),
		});
		expectError(result, 'NodeApiError', /HTTP 403\): Cannot access uploaded file/, /another AssemblyAI project/);
	});
});
