import type { INodeParameters } from 'n8n-workflow';
import { FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();

async function transcribe(output: string, options: INodeParameters = {}, transcriptOptions: INodeParameters = {}) {
	const result = await runNode({
		parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, output, transcriptOptions, options: { ...FAST, ...options } },
		credentials: env.credentials(),
	});
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
}

describe('the four outputs on the real recorded transcript, through the node', () => {
	test('keyPhrases: every contract field', async () => {
		const items = await transcribe('keyPhrases');
		expect(items).toHaveLength(15);
		const newYork = items.find((i) => i.text === 'New York')!;
		expect(newYork).toEqual({
			transcriptId: expect.any(String),
			text: 'New York',
			rank: 0.05,
			count: 3,
			timestamps: [
				{ start: 125750, end: 126030 },
				{ start: 171460, end: 171900 },
				{ start: 175980, end: 176300 },
			],
			firstMentionMs: 125750,
			firstMention: '2:05',
		});
	});

	test('occurrences: one item per mention, numbered from 1, with start time', async () => {
		const items = await transcribe('occurrences');
		expect(items).toHaveLength(25);
		const climate = items.filter((i) => i.text === 'climate change');
		expect(climate.map((i) => [i.occurrence, i.start, i.startTime])).toEqual([
			[1, 229530, '3:49'],
			[2, 244490, '4:04'],
			[3, 263330, '4:23'],
		]);
		expect(climate[0]).toMatchObject({ count: 3, rank: 0.05, end: 230210 });
	});

	test('summary: one item per recording, with text only when asked', async () => {
		const [summary] = await transcribe('summary');
		expect(summary).toMatchObject({ status: 'completed', audioUrl: WILDFIRES_URL, audioDuration: 282, languageCode: 'en_us' });
		expect((summary.keyPhrases as string[])[0]).toBe('air quality alerts');
		expect(summary.highlights).toHaveLength(15);
		expect(summary).not.toHaveProperty('text');
		const [withText] = await transcribe('summary', { includeText: true });
		expect(String(withText.text)).toMatch(/^Smoke from hundreds of wildfires in Canada/);
	});

	test('raw: the transcript JSON as AssemblyAI sent it', async () => {
		const [raw] = await transcribe('raw');
		expect(raw.status).toBe('completed');
		expect((raw.auto_highlights_result as { results: unknown[] }).results).toHaveLength(15);
		expect(raw.words).toHaveLength(861);
	});
});

describe('every option changes the output as documented', () => {
	test('sortBy count, time and text', async () => {
		const byCount = await transcribe('keyPhrases', { sortBy: 'count' });
		expect(byCount.slice(0, 4).map((i) => [i.text, i.count])).toEqual([['Smoke', 6], ['New York', 3], ['climate change', 3], ['high levels', 2]]);
		const byTime = await transcribe('keyPhrases', { sortBy: 'time' });
		expect(byTime.slice(0, 3).map((i) => i.text)).toEqual(['Smoke', 'air quality alerts', 'air quality warnings']);
		const starts = byTime.map((i) => i.firstMentionMs as number);
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		const byText = await transcribe('keyPhrases', { sortBy: 'text' });
		expect(byText[0].text).toBe('air pollution');
	});

	test('topN, minRank and minCount', async () => {
		expect(await transcribe('keyPhrases', { topN: 3 })).toHaveLength(3);
		const ranked = await transcribe('keyPhrases', { minRank: 0.06 });
		expect(ranked.map((i) => i.text)).toEqual([
			'air quality alerts',
			'wide ranging air quality consequences',
			'air pollution',
			'more wildfires',
			'high levels',
			'existing health conditions',
			'New York City',
		]);
		const repeated = await transcribe('keyPhrases', { minCount: 2 });
		expect(repeated.map((i) => i.text).sort()).toEqual(['New York', 'Smoke', 'climate change', 'high levels']);
	});

	test('mergeCase merges phrases that differ only in case', async () => {
		env.emu.addScenario({
			match: (url) => url.endsWith('case.mp3'),
			mutate: (t) => {
				const r = t.auto_highlights_result as { results: Array<Record<string, unknown>> };
				r.results.push({ count: 1, rank: 0.04, text: 'new york', timestamps: [{ start: 200000, end: 200400 }] });
			},
		});
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: 'https://media.example.com/case.mp3', options: { ...FAST, mergeCase: true } },
			credentials: env.credentials(),
		});
		const newYork = result.items.filter((i) => String(i.json.text).toLowerCase() === 'new york');
		expect(newYork).toHaveLength(1);
		expect(newYork[0].json).toMatchObject({ text: 'New York', count: 4, rank: 0.05 });
		expect(newYork[0].json.timestamps).toHaveLength(4);
	});

	test('includeContext with speaker labels: words around each mention and who said it', async () => {
		const items = await transcribe('keyPhrases', { includeContext: true, contextWords: 6 }, { speakerLabels: true });
		const newYork = items.find((i) => i.text === 'New York')!;
		const mentions = newYork.mentions as Array<Record<string, unknown>>;
		expect(mentions.map((m) => m.speaker)).toEqual(['A', 'B', 'B']);
		expect(mentions[0]).toMatchObject({ start: 125750, end: 126030, startTime: '2:05' });
		expect(String(mentions[0].context)).toContain('New York');
		expect(String(mentions[0].context).split(' ').length).toBeLessThanOrEqual(6 + 2 + 2);
	});

	test('includeContext without speaker labels: speaker is null', async () => {
		const items = await transcribe('occurrences', { includeContext: true });
		expect(items.every((i) => i.speaker === null)).toBe(true);
		expect(items.every((i) => typeof i.context === 'string')).toBe(true);
	});
});
