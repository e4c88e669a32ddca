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

describe("never a stranger's transcript, and never a second request while one may be ours", () => {
	test('no transcript of the audio URL since the request was sent: it was not created, and is sent again', async () => {
		// Cut off before AssemblyAI read it: nothing was created.
		env.emu.setFaults([{ route: 'create', kind: 'drop-before', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(1);
		expect(result.items[0].json.transcriptId).toBe(createdIds()[0]);
	});

	test.each([
		['other options (Speaker Labels on)', { auto_highlights: true, speaker_labels: true }, /speaker_labels true, not sent/],
		['other speech models', { auto_highlights: true, language_code: 'en_us', speech_models: ['universal-2'] }, /speech_models \["universal-2"\], sent \["universal-3-5-pro","universal-2"\]/],
	])('another transcript of the same audio URL made just before, with %s: not taken, and no request sent again; the error names it and how it differs', async (_label, body, difference) => {
		const stranger = await createTranscriptDirectly(env.emu, body);
		env.emu.setFaults([{ route: 'create', kind: 'drop-before', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(env.emu.createdCount()).toBe(1);
		expect(result.status).toBe('error');
		expect(result.error?.context?.possibleTranscriptIds).toEqual([stranger]);
		expect(result.error?.description).toContain(stranger);
		expect(result.error?.description).toMatch(difference);
		expect(result.error?.description).toMatch(/not sent again/);
		expect(result.error?.description).toMatch(/Get Highlights/);
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

describe('a 503 to the transcript request does not prove nothing was created', () => {
	test('the transcript was created, then a proxy in front answered 503: it is found, one transcript', async () => {
		env.emu.setFaults([{ route: 'create', kind: '503-after', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(1);
		expect(result.items[0].json).toMatchObject({ transcriptId: createdIds()[0], status: 'completed' });
		expect(lists().length).toBeGreaterThan(0);
	});

	test('a 503 with nothing created: the list shows none, the request is sent again, one transcript', async () => {
		env.emu.setFaults([{ route: 'create', kind: '503', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(1);
		expect(lists().length).toBeGreaterThan(0);
	});
});

describe('the lookup fails closed: a field echoed in another form is never taken for "nothing was created"', () => {
	test('language_code sent en_us, echoed en, answer lost: no second request; the error names the transcript', async () => {
		env.emu.addScenario({ match: (url) => url === WILDFIRES_URL, echo: { language_code: () => 'en' } });
		env.emu.setFaults([{ route: 'create', kind: 'drop-after', times: 1 }]);
		const result = await runNode({ parameters: transcribe(), credentials: env.credentials() });
		expect(env.emu.createdCount()).toBe(1);
		expect(result.status).toBe('error');
		const [id] = createdIds();
		expect(result.error?.message).toMatch(/may have created the transcript of https:\/\/assembly\.ai\/wildfires\.mp3/);
		expect(result.error?.description).toContain(id);
		expect(result.error?.description).toMatch(/not sent again/);
		expect(result.error?.context?.possibleTranscriptIds).toEqual([id]);
	});
});
