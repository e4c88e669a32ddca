import { shapeTranscript } from '../../nodes/AssemblyAiHighlights/highlights';
import { loadRealTranscript, opts, syntheticTranscript } from './fixture';

const texts = (items: Array<Record<string, unknown>>) => items.map((i) => i.text);

describe('sortBy on the real transcript (all sorts stable: ties keep AssemblyAI order)', () => {
	it('rank: highest first; the recorded response is already in that order, ties keep it', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ sortBy: 'rank' })))).toEqual([
			'air quality alerts',
			'wide ranging air quality consequences',
			'air pollution',
			'more wildfires',
			'high levels',
			'existing health conditions',
			'New York City',
			'respiratory conditions',
			'More fires',
			'New York',
			'climate change',
			'heart conditions',
			'Professor DeCarlo',
			'air quality warnings',
			'Smoke',
		]);
	});

	it('rank sorts highest first when AssemblyAI gives another order (the spec calls its results temporally-sequential), stable, missing rank last', () => {
		const t = syntheticTranscript([
			{ text: 'low', rank: 0.01, count: 1, timestamps: [{ start: 0, end: 1 }] },
			{ text: 'unranked', count: 1, timestamps: [{ start: 1, end: 2 }] },
			{ text: 'high', rank: 0.9, count: 1, timestamps: [{ start: 2, end: 3 }] },
			{ text: 'mid, first', rank: 0.5, count: 1, timestamps: [{ start: 3, end: 4 }] },
			{ text: 'null rank', rank: null, count: 1, timestamps: [{ start: 4, end: 5 }] },
			{ text: 'mid, second', rank: 0.5, count: 1, timestamps: [{ start: 5, end: 6 }] },
		]);
		expect(texts(shapeTranscript(t, 'keyPhrases', opts({ sortBy: 'rank' })))).toEqual([
			'high',
			'mid, first',
			'mid, second',
			'low',
			'unranked',
			'null rank',
		]);
	});

	it('Top N by rank keeps the most relevant phrases whatever order AssemblyAI gave them in', () => {
		const t = syntheticTranscript([
			{ text: 'c', rank: 0.1, count: 1, timestamps: [{ start: 0, end: 1 }] },
			{ text: 'a', rank: 0.3, count: 1, timestamps: [{ start: 2, end: 3 }] },
			{ text: 'b', rank: 0.2, count: 1, timestamps: [{ start: 4, end: 5 }] },
		]);
		expect(texts(shapeTranscript(t, 'keyPhrases', opts({ sortBy: 'rank', topN: 2 })))).toEqual(['a', 'b']);
	});

	it('count: descending, ties in AssemblyAI order', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ sortBy: 'count' })))).toEqual([
			'Smoke',
			'New York',
			'climate change',
			'high levels',
			'air quality alerts',
			'wide ranging air quality consequences',
			'air pollution',
			'more wildfires',
			'existing health conditions',
			'New York City',
			'respiratory conditions',
			'More fires',
			'heart conditions',
			'Professor DeCarlo',
			'air quality warnings',
		]);
	});

	it('time: by first mention ascending; New York City before New York (same start 125750, API order)', () => {
		const items = shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ sortBy: 'time' }));
		expect(texts(items)).toEqual([
			'Smoke',
			'air quality alerts',
			'air quality warnings',
			'high levels',
			'New York City',
			'New York',
			'existing health conditions',
			'respiratory conditions',
			'heart conditions',
			'air pollution',
			'More fires',
			'climate change',
			'more wildfires',
			'wide ranging air quality consequences',
			'Professor DeCarlo',
		]);
		expect(items.map((i) => i.firstMention)).toEqual([
			'0:00', '0:03', '0:12', '2:01', '2:05', '2:05', '2:31', '2:33', '2:33', '2:35', '3:04', '3:49', '3:50', '3:55', '4:34',
		]);
	});

	it('text: case-insensitive alphabetical', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ sortBy: 'text' })))).toEqual([
			'air pollution',
			'air quality alerts',
			'air quality warnings',
			'climate change',
			'existing health conditions',
			'heart conditions',
			'high levels',
			'More fires',
			'more wildfires',
			'New York',
			'New York City',
			'Professor DeCarlo',
			'respiratory conditions',
			'Smoke',
			'wide ranging air quality consequences',
		]);
	});

	it('an unknown sortBy is an error naming the valid values', () => {
		expect(() => shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ sortBy: 'loudness' as never }))).toThrow(
			/rank, count, time or text/,
		);
	});
});

describe('topN keeps the first N after sorting; 0 keeps all', () => {
	it('topN 3 by rank', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ topN: 3 })))).toEqual([
			'air quality alerts',
			'wide ranging air quality consequences',
			'air pollution',
		]);
	});

	it('topN 2 by count', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ sortBy: 'count', topN: 2 })))).toEqual(['Smoke', 'New York']);
	});

	it('topN 0 and topN above the number of phrases keep all 15', () => {
		expect(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ topN: 0 }))).toHaveLength(15);
		expect(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ topN: 100 }))).toHaveLength(15);
	});
});

describe('minRank and minCount filter before sorting', () => {
	it('minRank 0.06 keeps exactly the phrases ranked 0.06 or more (0.06 itself included)', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ minRank: 0.06 })))).toEqual([
			'air quality alerts',
			'wide ranging air quality consequences',
			'air pollution',
			'more wildfires',
			'high levels',
			'existing health conditions',
			'New York City',
		]);
	});

	it('minRank computed by float arithmetic (0.1 - 0.04 = 0.060000000000000005) still keeps the 0.06 phrases', () => {
		expect(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ minRank: 0.1 - 0.04 }))).toHaveLength(7);
	});

	it('minRank 0.08 keeps two, 0.09 keeps none', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ minRank: 0.08 })))).toEqual([
			'air quality alerts',
			'wide ranging air quality consequences',
		]);
		expect(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ minRank: 0.09 }))).toEqual([]);
	});

	it('minCount 2 keeps the phrases said at least twice', () => {
		expect(texts(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ minCount: 2 })))).toEqual([
			'high levels',
			'New York',
			'climate change',
			'Smoke',
		]);
	});

	it('minRank and minCount together, then sort and topN', () => {
		const items = shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ minRank: 0.05, minCount: 3, sortBy: 'time', topN: 2 }));
		expect(texts(items)).toEqual(['Smoke', 'New York']);
	});
});

describe('mergeCase merges phrases that differ only in case', () => {
	const results = [
		{ text: 'budget', rank: 0.09, count: 1, timestamps: [{ start: 100, end: 200 }] },
		{ text: 'New York', rank: 0.07, count: 1, timestamps: [{ start: 5000, end: 5400 }] },
		{ text: 'pricing', rank: 0.06, count: 1, timestamps: [{ start: 300, end: 400 }] },
		{
			text: 'new york',
			rank: 0.05,
			count: 2,
			timestamps: [
				{ start: 9000, end: 9400 },
				{ start: 1000, end: 1400 },
			],
		},
		{ text: 'NEW YORK', count: 1, timestamps: [{ start: 5000, end: 5400 }] },
	];

	it('off: the variants stay separate', () => {
		expect(texts(shapeTranscript(syntheticTranscript(results), 'keyPhrases', opts()))).toEqual([
			'budget',
			'New York',
			'pricing',
			'new york',
			'NEW YORK',
		]);
	});

	it('on: one phrase at the first member position, text of the most frequent variant, max rank, summed count, union of timestamps', () => {
		const items = shapeTranscript(syntheticTranscript(results), 'keyPhrases', opts({ mergeCase: true }));
		expect(texts(items)).toEqual(['budget', 'new york', 'pricing']);
		expect(items[1]).toEqual({
			transcriptId: 'synthetic-1',
			text: 'new york',
			rank: 0.07,
			count: 4,
			timestamps: [
				{ start: 1000, end: 1400 },
				{ start: 5000, end: 5400 },
				{ start: 9000, end: 9400 },
			],
			firstMentionMs: 1000,
			firstMention: '0:01',
		});
	});

	it('on, count tie: the text of the first variant in AssemblyAI order wins', () => {
		const t = syntheticTranscript([
			{ text: 'New York', rank: 0.05, count: 1, timestamps: [{ start: 10, end: 20 }] },
			{ text: 'new york', rank: 0.06, count: 1, timestamps: [{ start: 30, end: 40 }] },
		]);
		const [item] = shapeTranscript(t, 'keyPhrases', opts({ mergeCase: true }));
		expect(item).toMatchObject({ text: 'New York', rank: 0.06, count: 2 });
	});

	it('on, all ranks missing: merged rank stays null', () => {
		const t = syntheticTranscript([
			{ text: 'Acme', count: 1, timestamps: [{ start: 10, end: 20 }] },
			{ text: 'ACME', count: 1, timestamps: [{ start: 30, end: 40 }] },
		]);
		expect(shapeTranscript(t, 'keyPhrases', opts({ mergeCase: true }))).toEqual([
			expect.objectContaining({ text: 'Acme', rank: null, count: 2 }),
		]);
	});

	it('merging happens before filters: merged count 4 passes minCount 3, merged rank 0.07 passes minRank 0.07', () => {
		const items = shapeTranscript(syntheticTranscript(results), 'keyPhrases', opts({ mergeCase: true, minCount: 3, minRank: 0.07 }));
		expect(texts(items)).toEqual(['new york']);
	});

	it('on the real transcript nothing merges (no case-only variants), so 15 phrases stay', () => {
		expect(shapeTranscript(loadRealTranscript(), 'keyPhrases', opts({ mergeCase: true }))).toHaveLength(15);
	});

	it('occurrences of a merged phrase are numbered over the union in time order', () => {
		const items = shapeTranscript(syntheticTranscript(results), 'occurrences', opts({ mergeCase: true }));
		expect(items.filter((i) => i.text === 'new york').map((i) => [i.occurrence, i.start])).toEqual([
			[1, 1000],
			[2, 5000],
			[3, 9000],
		]);
	});
});
