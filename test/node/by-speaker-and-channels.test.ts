/**
 * Issue 16 through the node in real n8n-core against the emulator: Multichannel, Output "By Speaker"
 * and Speaker Names.
 */
import type { INodeParameters } from 'n8n-workflow';
import { createTranscriptDirectly, FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();
const STEREO_CALL = 'https://calls.example.com/2026-03-01/call-4711.wav';

async function transcribe(output: string, options: INodeParameters = {}, transcriptOptions: INodeParameters = { multichannel: true }) {
	return await runNode({
		parameters: { operation: 'transcribe', source: 'url', audioUrl: STEREO_CALL, output, transcriptOptions, options: { ...FAST, ...options } },
		credentials: env.credentials(),
	});
}

describe('a stereo call: Multichannel, By Speaker and Speaker Names', () => {
	test('By Speaker with 1=Agent, 2=Customer: one item per channel, named, each with its own phrases, paired to the input', async () => {
		const result = await transcribe('speakers', { speakerNames: '1=Agent, 2=Customer', topN: 3 });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdParams()[0]).toMatchObject({ multichannel: true, auto_highlights: true });
		expect(result.items.map((i) => [i.json.speaker, i.json.channel, i.json.keyPhrases, i.json.mentions, i.pairedItem])).toEqual([
			['Agent', '1', ['air quality alerts', 'wide ranging air quality consequences', 'more wildfires'], 9, { item: 0 }],
			['Customer', '2', ['air pollution', 'high levels', 'existing health conditions'], 16, { item: 0 }],
		]);
		const highLevels = (result.items[1].json.highlights as Array<Record<string, unknown>>)[1];
		expect(highLevels).toMatchObject({ text: 'high levels', count: 2, firstMention: '2:01' });
	});

	test('Occurrences: every mention has its channel beside the speaker name', async () => {
		const result = await transcribe('occurrences', { speakerNames: '1=Agent, 2=Customer' });
		expect(result.items).toHaveLength(25);
		expect(result.items.every((i) => (i.json.channel === '1' && i.json.speaker === 'Agent') || (i.json.channel === '2' && i.json.speaker === 'Customer'))).toBe(true);
		const climate = result.items.filter((i) => i.json.text === 'climate change').map((i) => [i.json.startTime, i.json.speaker]);
		expect(climate).toEqual([
			['3:49', 'Agent'],
			['4:04', 'Customer'],
			['4:23', 'Customer'],
		]);
	});

	test('Key Phrases with Include Context: each mention says who (by name) and on which channel', async () => {
		const result = await transcribe('keyPhrases', { includeContext: true, speakerNames: '1=Agent,2=Customer' });
		const newYork = result.items.find((i) => i.json.text === 'New York')!.json;
		expect((newYork.mentions as Array<Record<string, unknown>>).map((m) => [m.speaker, m.channel])).toEqual([
			['Agent', '1'],
			['Customer', '2'],
			['Customer', '2'],
		]);
	});

	test('Speaker Labels on one track: By Speaker splits by A and B, and A=Host renames A only', async () => {
		const result = await transcribe('speakers', { speakerNames: 'A=Host' }, { speakerLabels: true });
		expect(result.items.map((i) => [i.json.speaker, i.json.channel, i.json.mentions])).toEqual([
			['Host', null, 9],
			['B', null, 16],
		]);
		expect(env.emu.createdParams()[0]).not.toHaveProperty('multichannel');
	});

	test('Get Highlights: By Speaker of a transcript made with speaker labels, Top N per speaker', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true, speaker_labels: true });
		const result = await runNode({
			parameters: { operation: 'getHighlights', transcriptId: id, output: 'speakers', options: { ...FAST, topN: 1 } },
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => [i.json.transcriptId, i.json.speaker, i.json.keyPhrases])).toEqual([
			[id, 'A', ['air quality alerts']],
			[id, 'B', ['air pollution']],
		]);
	});
});

describe('By Speaker that cannot tell who spoke says what to switch on', () => {
	test('Transcribe without Speaker Labels or Multichannel: refused before anything is uploaded or paid for', async () => {
		const result = await transcribe('speakers', {}, {});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Output "By Speaker" needs Speaker Labels or Multichannel under Transcript Options');
		expect(result.error?.description).toMatch(/Speaker Labels .*or Multichannel/);
		expect(env.emu.requests).toHaveLength(0);
	});

	test('continue on fail: the refused item becomes an error item, the other one goes on', async () => {
		const result = await runNode({
			parameters: {
				operation: 'transcribe',
				source: 'url',
				audioUrl: STEREO_CALL,
				output: 'speakers',
				transcriptOptions: { multichannel: '={{ $json.stereo }}' },
				options: FAST,
			},
			inputs: [{ json: { stereo: true } }, { json: { stereo: false } }],
			onError: 'continueRegularOutput',
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => [i.pairedItem, i.json.speaker ?? i.json.error])).toEqual([
			[{ item: 0 }, '1'],
			[{ item: 0 }, '2'],
			[{ item: 1 }, 'Output "By Speaker" needs Speaker Labels or Multichannel under Transcript Options'],
		]);
		expect(env.emu.createdCount()).toBe(1);
	});

	test('Get Highlights of a transcript made without either: an error that says both are set at creation', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId: id, output: 'speakers', options: FAST }, credentials: env.credentials() });
		expect(result.error?.message).toBe(`Transcript ${id} does not say who spoke, so Output "By Speaker" cannot split its key phrases`);
		expect(result.error?.description).toMatch(/without Speaker Labels and without Multichannel.*Transcribe the recording again/);
	});

	test("Wait for AssemblyAI's Callback refuses By Speaker (one item per recording), before anything is paid for", async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: STEREO_CALL, waitMode: 'callback', output: 'speakers', transcriptOptions: { multichannel: true } },
			credentials: env.credentials(),
		});
		expect(result.error?.message).toMatch(/gives several items per recording, but Wait for AssemblyAI's Callback gives one/);
		expect(env.emu.createdCount()).toBe(0);
	});
});

describe('Speaker Names with bad syntax', () => {
	test.each(['Agent, Customer', 'A:Agent', 'Speaker A=Agent', 'A=Agent, A=Customer'])('%j: an error naming the option, with an example; nothing paid for', async (speakerNames) => {
		const result = await transcribe('speakers', { speakerNames });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^Options > Speaker Names: /);
		expect(result.error?.description).toContain('A=Agent, B=Customer');
		expect(result.error?.description).toContain('1=Agent, 2=Customer');
		expect(env.emu.requests).toHaveLength(0);
	});

	test('an unused name changes nothing, and Raw Transcript stays AssemblyAI\'s own', async () => {
		const result = await transcribe('raw', { speakerNames: '1=Agent, 3=Supervisor' });
		const raw = result.items[0].json as { words: Array<{ speaker: string; channel: string }>; audio_channels: number };
		expect(raw.audio_channels).toBe(2);
		expect(new Set(raw.words.map((w) => w.speaker))).toEqual(new Set(['1', '2']));
	});
});

test('the single-channel outputs are unchanged: no channel field', async () => {
	const result = await runNode({
		parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, output: 'occurrences', options: FAST },
		credentials: env.credentials(),
	});
	expect(result.items).toHaveLength(25);
	expect(result.items.some((i) => 'channel' in i.json)).toBe(false);
});

describe('crosstalk: a short word of one party across a key phrase of the other (issue 23)', () => {
	// The emulator's crosstalk call: the customer's "yeah" (channel 2, 3.82–4.02 s) across the start of the
	// agent's "air quality alerts" (3.92 s), the agent's "right" (channel 1, 155.90–156.10 s) across the
	// customer's "air pollution" (155.97 s).
	const CROSSTALK_CALL = 'https://calls.example.com/2026-03-01/call-4712-crosstalk.wav';
	const transcribeCrosstalk = async (output: string, options: INodeParameters = {}) =>
		await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: CROSSTALK_CALL, output, transcriptOptions: { multichannel: true }, options: { ...FAST, ...options } },
			credentials: env.credentials(),
		});

	test('the emulator serves the overlapping words on the other channel', async () => {
		const result = await transcribeCrosstalk('raw');
		const words = (result.items[0].json as { words: Array<{ text: string; start: number; channel: string }> }).words;
		const around = (from: number, to: number) => words.filter((w) => w.start >= from && w.start < to).map((w) => [w.text, w.start, w.channel]);
		expect(around(3800, 4000)).toEqual([
			['yeah', 3820, '2'],
			['air', 3920, '1'],
		]);
		expect(around(155800, 156200)).toEqual([
			['of', 155850, '2'],
			['right', 155900, '1'],
			['air', 155970, '2'],
			['pollution.', 156170, '2'],
		]);
	});

	test('Occurrences credit each phrase to the party who said it, with context from their own words', async () => {
		const result = await transcribeCrosstalk('occurrences', { speakerNames: '1=Agent, 2=Customer', includeContext: true, contextWords: 4 });
		const said = (text: string) => result.items.filter((i) => i.json.text === text).map((i) => [i.json.startTime, i.json.speaker, i.json.channel, i.json.context]);
		expect(said('air quality alerts')).toEqual([['0:03', 'Agent', '1', '…is triggering air quality alerts throughout the…']]);
		expect(said('air pollution')).toEqual([['2:35', 'Customer', '2', '…levels of air pollution. That\'s a…']]);
	});

	test('By Speaker puts "air quality alerts" under Agent and "air pollution" under Customer', async () => {
		const result = await transcribeCrosstalk('speakers', { speakerNames: '1=Agent, 2=Customer' });
		const phrasesOf = (speaker: string) => result.items.find((i) => i.json.speaker === speaker)!.json.keyPhrases as string[];
		expect(phrasesOf('Agent')).toContain('air quality alerts');
		expect(phrasesOf('Agent')).not.toContain('air pollution');
		expect(phrasesOf('Customer')).toContain('air pollution');
		expect(phrasesOf('Customer')).not.toContain('air quality alerts');
		expect(result.items.map((i) => [i.json.speaker, i.json.mentions])).toEqual([
			['Agent', 9],
			['Customer', 16],
		]);
	});
});
