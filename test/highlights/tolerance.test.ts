import { shapeTranscript } from '../../nodes/AssemblyAiHighlights/highlights';
import { loadRealTranscript, opts, syntheticTranscript } from './fixture';

describe('a missing rank becomes null and never breaks sorting or filters', () => {
	const results = [
		{ text: 'ranked high', rank: 0.09, count: 1, timestamps: [{ start: 5000, end: 5100 }] },
		{ text: 'no rank', count: 2, timestamps: [{ start: 1000, end: 1100 }, { start: 7000, end: 7100 }] },
		{ text: 'null rank', rank: null, count: 1, timestamps: [{ start: 3000, end: 3100 }] },
		{ text: 'ranked low', rank: 0.02, count: 1, timestamps: [{ start: 2000, end: 2100 }] },
	];
	const t = () => syntheticTranscript(results);

	it('keyPhrases: rank is null (not undefined, key present)', () => {
		const items = shapeTranscript(t(), 'keyPhrases', opts());
		// Sorted by rank (the default): the ones without a rank last, in AssemblyAI's order.
		expect(items.map((i) => i.rank)).toEqual([0.09, 0.02, null, null]);
		expect('rank' in items[2]).toBe(true);
		expect(items[2]).toEqual({
			transcriptId: 'synthetic-1',
			text: 'no rank',
			rank: null,
			count: 2,
			timestamps: [{ start: 1000, end: 1100 }, { start: 7000, end: 7100 }],
			firstMentionMs: 1000,
			firstMention: '0:01',
		});
	});

	it('occurrences and summary carry rank null too', () => {
		expect(shapeTranscript(t(), 'occurrences', opts()).map((i) => i.rank)).toEqual([0.09, 0.02, null, null, null]);
		const [summary] = shapeTranscript(t(), 'summary', opts());
		expect((summary.highlights as Array<{ rank: unknown }>).map((h) => h.rank)).toEqual([0.09, 0.02, null, null]);
	});

	it.each([
		['rank', ['ranked high', 'ranked low', 'no rank', 'null rank']],
		['count', ['no rank', 'ranked high', 'null rank', 'ranked low']],
		['time', ['no rank', 'ranked low', 'null rank', 'ranked high']],
		['text', ['no rank', 'null rank', 'ranked high', 'ranked low']],
	] as const)('sortBy %s works', (sortBy, expected) => {
		expect(shapeTranscript(t(), 'keyPhrases', opts({ sortBy })).map((i) => i.text)).toEqual(expected);
	});

	it('minRank > 0 drops null ranks; minRank 0 keeps them', () => {
		expect(shapeTranscript(t(), 'keyPhrases', opts({ minRank: 0.01 })).map((i) => i.text)).toEqual(['ranked high', 'ranked low']);
		expect(shapeTranscript(t(), 'keyPhrases', opts({ minRank: 0 }))).toHaveLength(4);
	});
});

describe('empty results give empty outputs, not errors', () => {
	const empty = () => syntheticTranscript([]);

	it('keyPhrases and occurrences give no items', () => {
		expect(shapeTranscript(empty(), 'keyPhrases', opts({ includeContext: true }))).toEqual([]);
		expect(shapeTranscript(empty(), 'occurrences', opts({ includeContext: true }))).toEqual([]);
	});

	it('summary gives one item with empty keyPhrases and highlights', () => {
		expect(shapeTranscript(empty(), 'summary', opts({ includeText: true }))).toEqual([
			{
				transcriptId: 'synthetic-1',
				status: 'completed',
				audioUrl: 'https://example.com/a.mp3',
				audioDuration: 10,
				languageCode: 'en_us',
				keyPhrases: [],
				highlights: [],
				text: 'synthetic',
			},
		]);
	});

	it('an unavailable result or a missing results key is handled the same way', () => {
		const unavailable = syntheticTranscript([]);
		unavailable.auto_highlights_result = { status: 'unavailable', results: [] };
		expect(shapeTranscript(unavailable, 'keyPhrases', opts())).toEqual([]);
		const noResults = syntheticTranscript([]);
		noResults.auto_highlights_result = { status: 'success' };
		expect(shapeTranscript(noResults, 'occurrences', opts())).toEqual([]);
		const nullResult = syntheticTranscript([]);
		nullResult.auto_highlights_result = null;
		expect(shapeTranscript(nullResult, 'summary', opts())[0].keyPhrases).toEqual([]);
	});
});

describe('odd but possible inputs', () => {
	it('missing timestamps count as []: no occurrences, firstMention null, count falls back to 0', () => {
		const t = syntheticTranscript([{ text: 'ghost', rank: 0.3 }, { text: 'ghost2', rank: 0.2, count: 2, timestamps: null }]);
		expect(shapeTranscript(t, 'keyPhrases', opts({ includeContext: true }))).toEqual([
			{ transcriptId: 'synthetic-1', text: 'ghost', rank: 0.3, count: 0, timestamps: [], firstMentionMs: null, firstMention: null, mentions: [] },
			{ transcriptId: 'synthetic-1', text: 'ghost2', rank: 0.2, count: 2, timestamps: [], firstMentionMs: null, firstMention: null, mentions: [] },
		]);
		expect(shapeTranscript(t, 'occurrences', opts())).toEqual([]);
		expect(shapeTranscript(t, 'keyPhrases', opts({ sortBy: 'time' })).map((i) => i.text)).toEqual(['ghost', 'ghost2']);
	});

	it('sortBy time puts phrases without timestamps last', () => {
		const t = syntheticTranscript([
			{ text: 'none', rank: 0.3, count: 0, timestamps: [] },
			{ text: 'late', rank: 0.2, count: 1, timestamps: [{ start: 900, end: 950 }] },
			{ text: 'early', rank: 0.1, count: 1, timestamps: [{ start: 10, end: 20 }] },
		]);
		expect(shapeTranscript(t, 'keyPhrases', opts({ sortBy: 'time' })).map((i) => i.text)).toEqual(['early', 'late', 'none']);
	});

	it('count missing falls back to the number of timestamps; firstMentionMs is the smallest start even if out of order', () => {
		const t = syntheticTranscript([{ text: 'x', rank: 0.1, timestamps: [{ start: 70000, end: 70500 }, { start: 61000, end: 61500 }] }]);
		const [item] = shapeTranscript(t, 'keyPhrases', opts());
		expect(item).toMatchObject({ count: 2, firstMentionMs: 61000, firstMention: '1:01' });
	});

	it('unknown fields on the transcript, results, timestamps and words are ignored, not copied', () => {
		const t = syntheticTranscript(
			[{ text: 'x', rank: 0.1, count: 1, extra: 'yes', timestamps: [{ start: 0, end: 10, channel: '1' }] }],
			[{ text: 'x', start: 0, end: 10, speaker: 'A', channel: '1', confidence: 0.9 }],
			{ speech_understanding: { x: 1 }, project_id: 7, error: null },
		);
		expect(shapeTranscript(t, 'keyPhrases', opts())).toEqual([
			{ transcriptId: 'synthetic-1', text: 'x', rank: 0.1, count: 1, timestamps: [{ start: 0, end: 10 }], firstMentionMs: 0, firstMention: '0:00' },
		]);
	});

	it('options missing at runtime fall back to the defaults', () => {
		const items = shapeTranscript(loadRealTranscript(), 'keyPhrases', { sortBy: 'count' } as never);
		expect(items).toHaveLength(15);
		expect(items[0].text).toBe('Smoke');
	});

	it('an unknown output is an error naming the valid values', () => {
		expect(() => shapeTranscript(loadRealTranscript(), 'table' as never, opts())).toThrow(/keyPhrases, occurrences, summary, speakers, topKeyPhrases or raw/);
	});
});
