/**
 * Errors that say which item and which transcript they are about, and what really happened: a lookup
 * that fails while waiting, a Max Wait that ran out, a transcript that was deleted.
 */
import { createTranscriptDirectly, useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator({ queuedMs: 40, processingMs: 80 });

const byUrl = (options: Record<string, unknown> = {}) => ({
	operation: 'transcribe',
	source: 'url',
	audioUrl: '={{ $json.url }}',
	output: 'summary',
	options: { pollIntervalSeconds: 0.02, ...options },
});
const url = (name: string) => `https://media.example.com/${name}.mp3`;
const idOf = (audioUrl: string) => [...env.emu.transcripts.entries()].find(([, t]) => (t.params as { audio_url: string }).audio_url === audioUrl)?.[0];

describe('a lookup that fails while waiting names its item and its transcript', () => {
	/** Every GET of the transcript of `audioUrl` is refused (AssemblyAI no longer finds it). */
	function refuseLookupsOf(audioUrl: string) {
		env.emu.onRequest((ctx: { method: string; pathname: string }) => {
			const id = idOf(audioUrl);
			if (ctx.method === 'GET' && id && ctx.pathname === `/v2/transcript/${id}`) {
				return { status: 400, json: { error: 'Transcript lookup error, transcript id not found' } };
			}
			return undefined;
		});
	}

	test('On Error "Stop": the error is tied to the item and says which transcript to pick up later', async () => {
		refuseLookupsOf(url('lost'));
		const result = await runNode({ parameters: byUrl(), inputs: [{ json: { url: url('fine') } }, { json: { url: url('lost') } }], credentials: env.credentials() });
		const id = idOf(url('lost'))!;
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.message).toContain(id);
		expect(result.error?.message).toMatch(/transcript id not found/);
		expect(result.error?.description).toContain(`'Get Highlights' with transcript ID ${id}`);
	});

	test('continue on fail: the error item is paired to its input item and carries the transcript ID', async () => {
		refuseLookupsOf(url('lost'));
		const result = await runNode({
			parameters: byUrl(),
			inputs: [{ json: { url: url('lost') } }, { json: { url: url('fine') } }],
			onError: 'continueRegularOutput',
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json).toMatchObject({ transcriptId: idOf(url('lost')), error: expect.stringMatching(/transcript id not found/) });
		expect(result.items[1].json.keyPhrases).toHaveLength(15);
	});
});

test('Max Wait: the message states how long the batch waited (its longest Max Wait), not the item\'s own setting', async () => {
	env.emu.addScenario({ match: (audioUrl) => audioUrl === url('slow'), queuedMs: 60_000 });
	const result = await runNode({
		parameters: byUrl({ maxWaitMinutes: '={{ $json.maxWait }}' }),
		inputs: [
			{ json: { url: url('slow'), maxWait: 0.01 } },
			{ json: { url: url('quick'), maxWait: 0.03 } },
		],
		credentials: env.credentials(),
	});
	const id = idOf(url('slow'))!;
	expect(result.error?.context?.itemIndex).toBe(0);
	expect(result.error?.message).toMatch(new RegExp(`^Transcript ${id} was still queued after 0\\.03 minute\\(s\\) of waiting`));
	expect(result.error?.description).toMatch(/this item's own Max Wait is 0\.01/);
});

test('a transcript deleted in AssemblyAI is reported as deleted, not as "created without Key Phrases"', async () => {
	const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
	const deleted = await fetch(`${env.emu.url}/v2/transcript/${id}`, { method: 'DELETE', headers: { authorization: env.emu.apiKey } });
	expect(deleted.status).toBe(200);
	const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId: id, options: { pollIntervalSeconds: 0.02 } }, credentials: env.credentials() });
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toBe(`Transcript ${id} was deleted: AssemblyAI no longer has its text or key phrases`);
	expect(result.error?.description).toMatch(/cannot be restored/);
	expect(result.error?.description).not.toMatch(/Transcribe with Key Phrases/);
});
