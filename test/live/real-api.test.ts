/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code runs in Node under jest, never inside n8n */
/**
 * The same flows against the real AssemblyAI API. Runs only with ASSEMBLYAI_API_KEY set
 * (ASSEMBLYAI_REGION=eu for the EU); otherwise every test here is reported as skipped, never passed.
 */
import { runNode } from '../helpers/runNode';

const apiKey = process.env.ASSEMBLYAI_API_KEY;
const live = apiKey ? describe : describe.skip;
const credentials = { apiKey: apiKey ?? '', region: process.env.ASSEMBLYAI_REGION ?? 'us' };
const SAMPLE = 'https://assembly.ai/wildfires.mp3';

if (!apiKey) console.log('live AssemblyAI suite skipped: set ASSEMBLYAI_API_KEY to run it against the real API');

live('against the real AssemblyAI API', () => {
	test('Transcribe with Key Phrases on the public sample gives key phrases', async () => {
		const result = await runNode({ parameters: { operation: 'transcribe', source: 'url', audioUrl: SAMPLE, output: 'summary' }, credentials });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		expect((result.items[0].json.keyPhrases as string[]).length).toBeGreaterThan(5);
	}, 600_000);

	test('Get Highlights of a transcript made with Don\'t Wait', async () => {
		const submitted = await runNode({ parameters: { operation: 'transcribe', source: 'url', audioUrl: SAMPLE, waitMode: 'none' }, credentials });
		const transcriptId = submitted.items[0].json.transcriptId as string;
		const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId }, credentials });
		expect(result.items.length).toBeGreaterThan(5);
		expect(result.items[0].json.transcriptId).toBe(transcriptId);
	}, 600_000);

	test('Multichannel, By Speaker and Delete After Reading; the deleted transcript then says so', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: SAMPLE, output: 'speakers', transcriptOptions: { multichannel: true }, options: { deleteAfterReading: true } },
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) expect(item.json).toMatchObject({ channel: expect.any(String), deleted: true });
		const transcriptId = result.items[0].json.transcriptId as string;
		const again = await runNode({ parameters: { operation: 'getHighlights', transcriptId }, credentials });
		expect(again.error?.message).toMatch(/was deleted: AssemblyAI no longer has/);
	}, 600_000);

	test('a wrong key is refused with AssemblyAI\'s words', async () => {
		// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up test value
		const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId: 'x' }, credentials: { ...credentials, apiKey: 'wrong-key-000000' } });
		expect(result.error?.message).toMatch(/HTTP 401/);
	});
});
