import { shapeTranscript, type Word } from '../../nodes/AssemblyAiHighlights/highlights';
import { createWordIndex, findMentionWords } from '../../nodes/AssemblyAiHighlights/highlights/context';
import { loadRealTranscript, opts, syntheticTranscript } from './fixture';

type Mention = { start: number; end: number; startTime: string; speaker: string | null; context: string | null };
const mentionsOf = (item: Record<string, unknown> | undefined) => (item?.mentions ?? []) as Mention[];

describe('includeContext adds mentions with speaker and the words around each mention (real transcript)', () => {
	const items = shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ includeContext: true }));
	const byText = (text: string) => items.find((i) => i.text === text);

	it('contextWords 12 (default): 6 words before, the phrase, 6 after, cut marks at both ends', () => {
		expect(mentionsOf(byText('air quality alerts'))).toEqual([
			{
				start: 3920,
				end: 5120,
				startTime: '0:03',
				speaker: 'A',
				context: '…of wildfires in Canada is triggering air quality alerts throughout the US Skylines from Maine…',
			},
		]);
	});

	it('New York: one mention per timestamp in time order, speakers A then B, B', () => {
		const mentions = mentionsOf(byText('New York'));
		expect(mentions.map((m) => [m.start, m.startTime, m.speaker])).toEqual([
			[125750, '2:05', 'A'],
			[171460, '2:51', 'B'],
			[175980, '2:55', 'B'],
		]);
		expect(mentions[0].context).toBe('…most vulnerable? I noticed that in New York City, for example, they\'re canceling outdoor…');
		for (const m of mentions) expect(m.context).toContain('New York');
	});

	it('keeps keyPhrases fields unchanged next to mentions', () => {
		expect(byText('climate change')).toMatchObject({ count: 3, firstMention: '3:49', rank: 0.05 });
		expect(mentionsOf(byText('climate change'))).toHaveLength(3);
	});

	it('contextWords 4 at the very start: no leading cut mark', () => {
		const [smoke] = shapeTranscript(loadRealTranscript(), 'occurrences', opts({ includeContext: true, contextWords: 4, sortBy: 'time', topN: 1 }));
		expect(smoke).toMatchObject({ text: 'Smoke', occurrence: 1, speaker: 'A', context: 'Smoke from hundreds…' });
	});

	it('odd contextWords 5: 2 before, 3 after', () => {
		const ny = shapeTranscript(loadRealTranscript(), 'occurrences', opts({ includeContext: true, contextWords: 5 })).find(
			(i) => i.text === 'New York' && i.occurrence === 1,
		);
		expect(ny?.context).toBe('…that in New York City, for example,…');
	});

	it('contextWords 0: just the mention\'s own words', () => {
		const [alerts] = shapeTranscript(loadRealTranscript(), 'occurrences', opts({ includeContext: true, contextWords: 0, topN: 1 }));
		expect(alerts.context).toBe('…air quality alerts…');
	});

	it('at the very end: no trailing cut mark (Professor DeCarlo, contextWords 100)', () => {
		const item = shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ includeContext: true, contextWords: 100 })).find(
			(i) => i.text === 'Professor DeCarlo',
		);
		const [mention] = mentionsOf(item);
		expect(mention.speaker).toBe('A');
		expect(mention.context?.startsWith('…')).toBe(true);
		expect(mention.context?.endsWith('Thank you for having me.')).toBe(true);
		expect(mention.context).toContain('Professor DeCarlo');
	});

	it('occurrences get context only with includeContext; speaker always', () => {
		const plain = shapeTranscript(loadRealTranscript(), 'occurrences', opts());
		expect(plain.every((i) => !('context' in i) && (i.speaker === 'A' || i.speaker === 'B'))).toBe(true);
		const withContext = shapeTranscript(loadRealTranscript(), 'occurrences', opts({ includeContext: true }));
		expect(withContext.every((i) => typeof i.context === 'string' && (i.context as string).length > 0)).toBe(true);
	});

	it('summary highlights carry the same mentions as keyPhrases', () => {
		const [summary] = shapeTranscript(loadRealTranscript(), 'summary', opts({ includeContext: true }));
		const highlights = summary.highlights as Array<Record<string, unknown>>;
		expect(highlights[0].mentions).toEqual(mentionsOf(items[0]));
	});
});

describe('speaker and context without speaker labels or without words', () => {
	it('speaker is null when the words carry speaker null (speaker labels off); context still works', () => {
		const t = loadRealTranscript();
		t.words = (t.words ?? []).map((w) => ({ ...w, speaker: null }));
		t.speaker_labels = false;
		const occ = shapeTranscript(t, 'occurrences', opts({ includeContext: true }));
		expect(occ).toHaveLength(25);
		expect(occ.every((i) => i.speaker === null)).toBe(true);
		expect(occ[0].context).toBe('…of wildfires in Canada is triggering air quality alerts throughout the US Skylines from Maine…');
	});

	it('speaker is null when the words have no speaker key at all', () => {
		const t = loadRealTranscript();
		t.words = (t.words ?? []).map((word) => {
			const w = { ...word };
			delete w.speaker;
			return w as Word;
		});
		expect(shapeTranscript(t, 'occurrences', opts()).every((i) => i.speaker === null)).toBe(true);
	});

	it.each([
		['absent', undefined],
		['null', null],
		['empty', []],
	])('words %s: speaker null and context null, no crash', (_label, words) => {
		const t = loadRealTranscript();
		if (words === undefined) delete t.words;
		else t.words = words as Word[] | null;
		const [kp] = shapeTranscript(t, 'keyPhrases', opts({ includeContext: true }));
		expect(kp.mentions).toEqual([{ start: 3920, end: 5120, startTime: '0:03', speaker: null, context: null }]);
		const [occ] = shapeTranscript(t, 'occurrences', opts({ includeContext: true }));
		expect(occ).toMatchObject({ speaker: null, context: null });
	});

	it('a mention in a gap between words takes the nearest word starting at or after it', () => {
		const words = [
			{ text: 'one', start: 0, end: 100, speaker: 'A' },
			{ text: 'two', start: 100, end: 200, speaker: 'A' },
			{ text: 'three', start: 500, end: 600, speaker: 'B' },
			{ text: 'four', start: 600, end: 700, speaker: 'B' },
		];
		const t = syntheticTranscript([{ text: 'three', rank: 0.1, count: 1, timestamps: [{ start: 300, end: 400 }] }], words);
		const [occ] = shapeTranscript(t, 'occurrences', opts({ includeContext: true, contextWords: 2 }));
		expect(occ).toMatchObject({ speaker: 'B', context: '…two three four' });
	});

	it('a mention starting inside a word includes that word', () => {
		const words = [
			{ text: 'alpha', start: 0, end: 100, speaker: 'A' },
			{ text: 'beta', start: 100, end: 300, speaker: 'C' },
			{ text: 'gamma', start: 300, end: 400, speaker: 'C' },
		];
		const t = syntheticTranscript([{ text: 'beta gamma', rank: 0.1, count: 1, timestamps: [{ start: 150, end: 400 }] }], words);
		const [occ] = shapeTranscript(t, 'occurrences', opts({ includeContext: true, contextWords: 0 }));
		expect(occ).toMatchObject({ speaker: 'C', context: '…beta gamma' });
	});
});

describe('word lookup by binary search agrees with a linear scan on every real mention', () => {
	it('finds the same first overlapping word as a linear scan, for all 25 mentions', () => {
		const t = loadRealTranscript();
		const words = t.words ?? [];
		const index = createWordIndex(words);
		for (const r of t.auto_highlights_result?.results ?? []) {
			for (const ts of r.timestamps ?? []) {
				const linear = words.findIndex((w) => w.end > ts.start && w.start < ts.end);
				const found = findMentionWords(index, ts.start, ts.end);
				expect(found?.first).toBe(linear);
				const spoken = words.slice(found?.first, found?.end).map((w) => w.text.replace(/[.,?!]/g, '')).join(' ');
				expect(spoken.toLowerCase()).toBe(r.text.toLowerCase());
			}
		}
	});

	it('handles words out of order by sorting a copy (input untouched)', () => {
		const words = [
			{ text: 'b', start: 100, end: 200 },
			{ text: 'a', start: 0, end: 100 },
		];
		const index = createWordIndex(words);
		expect(index.words.map((w) => w.text)).toEqual(['a', 'b']);
		expect(words.map((w) => w.text)).toEqual(['b', 'a']);
		expect(findMentionWords(index, 100, 200)).toEqual({ words: index.words, first: 1, end: 2 });
	});

	it('stays fast with 200,000 words and 5,000 mentions', () => {
		const words = Array.from({ length: 200_000 }, (_, i) => ({ text: `w${i}`, start: i * 300, end: i * 300 + 250, speaker: i % 2 ? 'B' : 'A' }));
		const results = Array.from({ length: 1000 }, (_, p) => ({
			text: `phrase ${p}`,
			rank: 0.5,
			count: 5,
			timestamps: Array.from({ length: 5 }, (_, k) => ({ start: ((p * 5 + k) * 37 % 200_000) * 300, end: ((p * 5 + k) * 37 % 200_000) * 300 + 500 })),
		}));
		const began = Date.now();
		const items = shapeTranscript(syntheticTranscript(results, words), 'occurrences', opts({ includeContext: true }));
		expect(items).toHaveLength(5000);
		expect(items[0]).toMatchObject({ start: 0, speaker: 'A', context: 'w0 w1 w2 w3 w4 w5 w6 w7…' });
		expect(Date.now() - began).toBeLessThan(2000);
	});
});
