/**
 * POST /v2/transcript creates a paid transcript. When its answer is lost (the connection drops after
 * AssemblyAI created it), the node looks for it in the transcript list instead of sending the request
 * again; these tests make sure it finds its own, never a stranger's, and never pays twice.
 */
import { createTranscriptDirectly, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator({ queuedMs: 40, processingMs: 80 });

const transcribe = (extra: Record<string, unknown> = {}) => ({
	operation: 'transcribe',
	source: 'url',
	audioUrl: WILDFIRES_URL,
	output: 'summary',
	options: { pollIntervalSeconds: 0.02 },
	...extra,
});
const createdIds = () => [...env.emu.transcripts.keys()];
const lists = () => env.emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/transcript?'));

describe('a lost answer: the transcript AssemblyAI created is found and used', () => {
	test.each(['spec', 'recorded'] as const)('list times written as %s: one transcript, the item gets its key phrases', async (times) => {
		env.emu.setListTimes(times);
		env.emu.setFaults([{ route: 'create', kind: 'drop-after', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(1);
		expect(result.items[0].json).toMatchObject({ transcriptId: createdIds()[0], status: 'completed' });
		expect(lists().length).toBeGreaterThan(0);
	});

	test('an uploaded recording: the transcript of its upload URL is found', async () => {
		env.emu.setFaults([{ route: 'create', kind: 'drop-after', times: 1 }]);
		const result = await runNode({
			parameters: { ...transcribe(), source: 'binary' },
			inputs: [{ binary: { data: { data: Buffer.from('RIFF-a-recording') } } }],
			credentials: env.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(1);
		expect(result.items[0].json.transcriptId).toBe(createdIds()[0]);
	});
});

describe("never a stranger's transcript", () => {
	test('another transcript of the same audio URL, made with other options, is not taken for the lost one', async () => {
		const stranger = await createTranscriptDirectly(env.emu, { auto_highlights: true, speaker_labels: true });
		// Cut off before AssemblyAI read it: nothing was created, so the node must send it again.
		env.emu.setFaults([{ route: 'create', kind: 'drop-before', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(2);
		const own = createdIds().find((id) => id !== stranger);
		expect(result.items[0].json.transcriptId).toBe(own);
		expect(env.emu.createdParams()[1].speaker_labels).toBeUndefined();
	});

	test('nor one of the same request with other speech models', async () => {
		const stranger = await createTranscriptDirectly(env.emu, { auto_highlights: true, language_code: 'en_us', speech_models: ['universal-2'] });
		env.emu.setFaults([{ route: 'create', kind: 'drop-before', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(env.emu.createdCount()).toBe(2);
		expect(result.items[0].json.transcriptId).not.toBe(stranger);
	});
});

describe('when it cannot be told which transcript is the lost one, the node stops instead of paying again', () => {
	test.each([
		['a missing', () => null],
		['an unreadable', () => 'yesterday'],
	])('%s creation time: the error names the transcript that may be it, and no second one is created', async (_label, format) => {
		env.emu.setListTimes(format);
		env.emu.setFaults([{ route: 'create', kind: 'drop-after', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(env.emu.createdCount()).toBe(1);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/may have created the transcript of https:\/\/assembly\.ai\/wildfires\.mp3/);
		expect(result.error?.description).toContain(createdIds()[0]);
		expect(result.error?.description).toMatch(/not sent again/);
		expect(result.error?.context?.possibleTranscriptIds).toEqual(createdIds());
	});
});

describe('items of one execution never share a transcript', () => {
	test('two items with the same request, both answers lost, searched at the same time: each gets its own transcript', async () => {
		// The list and the lookups answer slowly, so both searches would read the list before either took a transcript.
		env.emu.setFaults([
			{ route: 'create', kind: 'drop-after', times: 2 },
			{ route: 'list', kind: 'slow', delayMs: 1000 },
			{ route: 'get', kind: 'slow', delayMs: 1000 },
		]);
		const result = await runNode({ parameters: transcribe(), inputs: [{}, {}], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(2);
		const ids = result.items.map((i) => i.json.transcriptId);
		expect(new Set(ids).size).toBe(2);
		expect([...ids].sort()).toEqual([...createdIds()].sort());
	});

	test("a search does not take the transcript of another item whose answer is still on its way", async () => {
		// The first request's answer is lost; the second one's comes late, after the first one's search would have run.
		env.emu.setFaults([
			{ route: 'create', kind: 'drop-after', times: 1 },
			{ route: 'create', kind: 'slow', delayMs: 1500, times: 1 },
		]);
		const result = await runNode({ parameters: transcribe(), inputs: [{}, {}], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(2);
		const ids = result.items.map((i) => i.json.transcriptId);
		expect(new Set(ids).size).toBe(2);
		expect([...ids].sort()).toEqual([...createdIds()].sort());
	});
});
