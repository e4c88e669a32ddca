import { shapeTranscript } from '../../nodes/AssemblyAiHighlights/highlights';
import { deepFreeze, loadRealTranscript, opts } from './fixture';

const REAL_ID = loadRealTranscript().id as string;

/** The recorded response's order, which is by rank (0.08 -> 0.05): sorting by rank keeps it. */
const API_ORDER = [
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
];

describe('keyPhrases output on the real recorded transcript', () => {
	const items = shapeTranscript(loadRealTranscript(), 'keyPhrases', opts());

	it('gives one item per phrase, 15, highest rank first', () => {
		expect(items).toHaveLength(15);
		expect(items.map((i) => i.text)).toEqual(API_ORDER);
	});

	it('the first item is exactly air quality alerts with the contract fields', () => {
		expect(items[0]).toEqual({
			transcriptId: REAL_ID,
			text: 'air quality alerts',
			rank: 0.08,
			count: 1,
			timestamps: [{ start: 3920, end: 5120 }],
			firstMentionMs: 3920,
			firstMention: '0:03',
		});
		expect(Object.keys(items[0])).toEqual([
			'transcriptId',
			'text',
			'rank',
			'count',
			'timestamps',
			'firstMentionMs',
			'firstMention',
		]);
	});

	it('New York has count 3 and three timestamps; climate change is first mentioned at 3:49', () => {
		const ny = items.find((i) => i.text === 'New York');
		expect(ny?.count).toBe(3);
		expect(ny?.timestamps).toEqual([
			{ start: 125750, end: 126030 },
			{ start: 171460, end: 171900 },
			{ start: 175980, end: 176300 },
		]);
		const cc = items.find((i) => i.text === 'climate change');
		expect(cc).toMatchObject({ firstMentionMs: 229530, firstMention: '3:49', count: 3 });
		const smoke = items.find((i) => i.text === 'Smoke');
		expect(smoke).toMatchObject({ count: 6, firstMentionMs: 240, firstMention: '0:00', rank: 0.05 });
	});

	it('without includeContext there is no mentions field', () => {
		expect(items.every((i) => !('mentions' in i))).toBe(true);
	});
});

describe('occurrences output on the real recorded transcript', () => {
	const items = shapeTranscript(loadRealTranscript(), 'occurrences', opts());

	it('has one item per timestamp: as many as the sum of counts (25)', () => {
		const counts = (loadRealTranscript().auto_highlights_result?.results ?? []).reduce((s, r) => s + (r.count ?? 0), 0);
		expect(counts).toBe(25);
		expect(items).toHaveLength(25);
	});

	it('New York gives occurrences 1..3 in time order, with start times and speakers from the words', () => {
		const ny = items.filter((i) => i.text === 'New York');
		expect(ny).toEqual([
			{ transcriptId: REAL_ID, text: 'New York', rank: 0.05, count: 3, occurrence: 1, start: 125750, end: 126030, startTime: '2:05', speaker: 'A' },
			{ transcriptId: REAL_ID, text: 'New York', rank: 0.05, count: 3, occurrence: 2, start: 171460, end: 171900, startTime: '2:51', speaker: 'B' },
			{ transcriptId: REAL_ID, text: 'New York', rank: 0.05, count: 3, occurrence: 3, start: 175980, end: 176300, startTime: '2:55', speaker: 'B' },
		]);
	});

	it('keeps phrases in the selected order and their occurrences together', () => {
		const texts = items.map((i) => i.text);
		expect(texts.slice(0, 6)).toEqual([
			'air quality alerts',
			'wide ranging air quality consequences',
			'air pollution',
			'more wildfires',
			'high levels',
			'high levels',
		]);
		expect(texts.slice(-6)).toEqual(Array(6).fill('Smoke'));
		expect(items.slice(-6).map((i) => i.occurrence)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('follows sortBy and topN like keyPhrases (count, top 2 -> Smoke x6 then New York x3)', () => {
		const top = shapeTranscript(loadRealTranscript(), 'occurrences', opts({ sortBy: 'count', topN: 2 }));
		expect(top.map((i) => `${i.text}#${i.occurrence}`)).toEqual([
			'Smoke#1', 'Smoke#2', 'Smoke#3', 'Smoke#4', 'Smoke#5', 'Smoke#6',
			'New York#1', 'New York#2', 'New York#3',
		]);
	});
});

describe('summary output on the real recorded transcript', () => {
	it('is exactly one item with the transcript fields, the phrase texts and the phrase objects', () => {
		const items = shapeTranscript(loadRealTranscript(), 'summary', opts());
		expect(items).toHaveLength(1);
		const [summary] = items;
		expect(Object.keys(summary)).toEqual([
			'transcriptId',
			'status',
			'audioUrl',
			'audioDuration',
			'languageCode',
			'keyPhrases',
			'highlights',
		]);
		expect(summary).toMatchObject({
			transcriptId: REAL_ID,
			status: 'completed',
			audioUrl: 'https://assembly.ai/wildfires.mp3',
			audioDuration: 282,
			languageCode: 'en_us',
		});
		expect(summary.keyPhrases).toEqual(API_ORDER);
		const highlights = summary.highlights as Array<Record<string, unknown>>;
		expect(highlights).toHaveLength(15);
		expect(highlights[0]).toEqual({
			text: 'air quality alerts',
			rank: 0.08,
			count: 1,
			timestamps: [{ start: 3920, end: 5120 }],
			firstMentionMs: 3920,
			firstMention: '0:03',
		});
	});

	it('adds the transcript text only with includeText', () => {
		const [without] = shapeTranscript(loadRealTranscript(), 'summary', opts());
		expect('text' in without).toBe(false);
		const [withText] = shapeTranscript(loadRealTranscript(), 'summary', opts({ includeText: true }));
		expect(typeof withText.text).toBe('string');
		expect(withText.text).toBe(loadRealTranscript().text);
		expect((withText.text as string).startsWith('Smoke from hundreds of wildfires in Canada')).toBe(true);
	});

	it('applies the selection to keyPhrases and highlights alike (topN 3 by time)', () => {
		const [summary] = shapeTranscript(loadRealTranscript(), 'summary', opts({ sortBy: 'time', topN: 3 }));
		expect(summary.keyPhrases).toEqual(['Smoke', 'air quality alerts', 'air quality warnings']);
		expect((summary.highlights as Array<{ text: string }>).map((h) => h.text)).toEqual(summary.keyPhrases);
	});
});

describe('raw output returns the transcript untouched', () => {
	it('is [transcript] with identical content', () => {
		const t = loadRealTranscript();
		const items = shapeTranscript(t, 'raw', opts({ sortBy: 'text', topN: 1, mergeCase: true, includeContext: true }));
		expect(items).toHaveLength(1);
		expect(items[0]).toBe(t);
		expect(items[0]).toEqual(loadRealTranscript());
	});
});

describe('no output shape mutates the input transcript', () => {
	it.each(['keyPhrases', 'occurrences', 'summary', 'raw'] as const)('%s with every option on', (output) => {
		const frozen = deepFreeze(loadRealTranscript());
		for (const sortBy of ['rank', 'count', 'time', 'text'] as const) {
			expect(() =>
				shapeTranscript(frozen, output, opts({ sortBy, topN: 5, minRank: 0.05, minCount: 1, mergeCase: true, includeText: true, includeContext: true, contextWords: 6 })),
			).not.toThrow();
		}
		expect(frozen).toEqual(loadRealTranscript());
	});

	it('editing the output does not reach the input', () => {
		const t = loadRealTranscript();
		const [first] = shapeTranscript(t, 'keyPhrases', opts());
		(first.timestamps as Array<{ start: number }>)[0].start = 1;
		expect(t.auto_highlights_result?.results?.[0].timestamps?.[0].start).toBe(3920);
	});
});
