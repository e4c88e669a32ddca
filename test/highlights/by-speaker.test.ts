import { shapeTranscript, type Transcript, type Word } from '../../nodes/AssemblyAiHighlights/highlights';
import { deepFreeze, loadRealTranscript, loadStereoTranscript, opts, syntheticTranscript } from './fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
type Item = Record<string, any>;

/**
 * Who said each mention, found the slow way: the first word overlapping it, else the first word
 * starting after it. An oracle for the binary search the node uses.
 */
function saidBy(transcript: Transcript): Map<string, string> {
	const words = transcript.words as Word[];
	const owner = new Map<string, string>();
	for (const result of transcript.auto_highlights_result!.results!) {
		for (const { start, end } of result.timestamps!) {
			const word = words.find((w) => w.start < end && w.end > start) ?? words.find((w) => w.start >= start)!;
			owner.set(`${result.text}@${start}`, String(word.speaker));
		}
	}
	return owner;
}

describe('By Speaker on the recorded transcript (speaker labels A and B)', () => {
	const items = shapeTranscript(deepFreeze(loadRealTranscript()), 'speakers', opts()) as Item[];

	it('one item per speaker, A before B, every contract field', () => {
		expect(items.map((i) => Object.keys(i))).toEqual([
			['transcriptId', 'speaker', 'channel', 'keyPhrases', 'highlights', 'mentions'],
			['transcriptId', 'speaker', 'channel', 'keyPhrases', 'highlights', 'mentions'],
		]);
		expect(items.map((i) => [i.transcriptId, i.speaker, i.channel])).toEqual([
			['b6a5408c-caa1-4ba3-a866-1441a18f0cdb', 'A', null],
			['b6a5408c-caa1-4ba3-a866-1441a18f0cdb', 'B', null],
		]);
	});

	it("each mention goes to the speaker of the word it starts on, and each speaker's counts are theirs alone", () => {
		const owner = saidBy(loadRealTranscript());
		let mentions = 0;
		for (const item of items) {
			for (const phrase of item.highlights) {
				expect(phrase.count).toBe(phrase.timestamps.length);
				for (const t of phrase.timestamps) expect(owner.get(`${phrase.text}@${t.start}`)).toBe(item.speaker);
				mentions += phrase.count;
			}
		}
		// All 25 mentions of the 15 phrases, none lost, none twice.
		expect(mentions).toBe(25);
		expect(items.map((i) => i.mentions)).toEqual([9, 16]);
		const newYork = items.map((i) => i.highlights.find((h: Item) => h.text === 'New York'));
		expect(newYork.map((h) => [h.count, h.timestamps.map((t: Item) => t.start), h.firstMention])).toEqual([
			[1, [125750], '2:05'],
			[2, [171460, 175980], '2:51'],
		]);
		expect(items[0].keyPhrases).toEqual(items[0].highlights.map((h: Item) => h.text));
	});

	it('Sort By, Min Count, Min Rank and Top N apply to each speaker', () => {
		const top2 = shapeTranscript(loadRealTranscript(), 'speakers', opts({ topN: 2 })) as Item[];
		expect(top2.map((i) => i.keyPhrases)).toEqual([
			['air quality alerts', 'wide ranging air quality consequences'],
			['air pollution', 'high levels'],
		]);
		// mentions is the speaker's total, whatever is shown.
		expect(top2.map((i) => i.mentions)).toEqual([9, 16]);
		const repeated = shapeTranscript(loadRealTranscript(), 'speakers', opts({ minCount: 2, sortBy: 'count' })) as Item[];
		// A says no phrase twice (Smoke 1 of 6, climate change 1 of 3); a count sort is stable.
		expect(repeated.map((i) => i.highlights.map((h: Item) => [h.text, h.count]))).toEqual([
			[],
			[['Smoke', 5], ['high levels', 2], ['New York', 2], ['climate change', 2]],
		]);
		const ranked = shapeTranscript(loadRealTranscript(), 'speakers', opts({ minRank: 0.08 })) as Item[];
		expect(ranked.map((i) => i.keyPhrases)).toEqual([['air quality alerts', 'wide ranging air quality consequences'], []]);
	});

	it('with Include Context the phrases carry their mentions, each said by that speaker', () => {
		const withContext = shapeTranscript(loadRealTranscript(), 'speakers', opts({ includeContext: true, contextWords: 4 })) as Item[];
		for (const item of withContext) {
			for (const phrase of item.highlights) {
				expect(phrase.mentions.map((m: Item) => m.speaker)).toEqual(phrase.timestamps.map(() => item.speaker));
				expect(phrase.mentions[0]).not.toHaveProperty('channel');
			}
		}
	});

	it('Merge Case Variants merges before the split', () => {
		const transcript = loadRealTranscript();
		transcript.auto_highlights_result!.results!.push({ text: 'smoke', rank: 0.01, count: 1, timestamps: [{ start: 3920, end: 4000 }] });
		const merged = shapeTranscript(transcript, 'speakers', opts({ mergeCase: true })) as Item[];
		// A's one "Smoke" and the added "smoke" at A's first word: one phrase, said twice by A.
		expect(merged[0].highlights.filter((h: Item) => h.text.toLowerCase() === 'smoke').map((h: Item) => [h.text, h.count])).toEqual([['Smoke', 2]]);
		const unmerged = shapeTranscript(transcript, 'speakers', opts()) as Item[];
		expect(unmerged[0].highlights.filter((h: Item) => h.text.toLowerCase() === 'smoke').map((h: Item) => [h.text, h.count])).toEqual([['Smoke', 1], ['smoke', 1]]);
	});
});

describe('By Speaker on a stereo call derived from the recorded transcript', () => {
	it('without speaker labels: one item per channel, the channel as speaker', () => {
		const items = shapeTranscript(deepFreeze(loadStereoTranscript()), 'speakers', opts({ topN: 3 })) as Item[];
		expect(items.map((i) => [i.speaker, i.channel, i.mentions, i.keyPhrases])).toEqual([
			['1', '1', 9, ['air quality alerts', 'wide ranging air quality consequences', 'more wildfires']],
			['2', '2', 16, ['air pollution', 'high levels', 'existing health conditions']],
		]);
	});

	it('Speaker Names by channel: 1=Agent, 2=Customer, also for per-channel speaker labels (1A, 2A)', () => {
		const speakerNames = { '1': 'Agent', '2': 'Customer' };
		for (const transcript of [loadStereoTranscript(false), loadStereoTranscript(true)]) {
			const items = shapeTranscript(transcript, 'speakers', opts({ speakerNames })) as Item[];
			expect(items.map((i) => [i.speaker, i.channel, i.mentions])).toEqual([
				['Agent', '1', 9],
				['Customer', '2', 16],
			]);
		}
		const labelled = shapeTranscript(loadStereoTranscript(true), 'speakers', opts()) as Item[];
		expect(labelled.map((i) => [i.speaker, i.channel])).toEqual([
			['1A', '1'],
			['2A', '2'],
		]);
	});

	it('every mention carries its channel beside its speaker: Occurrences, and mentions with Include Context', () => {
		const speakerNames = { '1': 'Agent', '2': 'Customer' };
		const occurrences = shapeTranscript(loadStereoTranscript(), 'occurrences', opts({ speakerNames })) as Item[];
		expect(occurrences).toHaveLength(25);
		const owner = saidBy(loadStereoTranscript());
		for (const o of occurrences) {
			expect(o.channel).toBe(owner.get(`${o.text}@${o.start}`));
			expect(o.speaker).toBe(o.channel === '1' ? 'Agent' : 'Customer');
		}
		expect(Object.keys(occurrences[0])).toEqual(['transcriptId', 'text', 'rank', 'count', 'occurrence', 'start', 'end', 'startTime', 'speaker', 'channel']);
		const keyPhrases = shapeTranscript(loadStereoTranscript(), 'keyPhrases', opts({ includeContext: true, speakerNames })) as Item[];
		const newYork = keyPhrases.find((i) => i.text === 'New York')!;
		expect(newYork.mentions.map((m: Item) => [m.speaker, m.channel])).toEqual([
			['Agent', '1'],
			['Customer', '2'],
			['Customer', '2'],
		]);
		expect(Object.keys(newYork.mentions[0])).toEqual(['start', 'end', 'startTime', 'speaker', 'channel', 'context']);
		const [summary] = shapeTranscript(loadStereoTranscript(), 'summary', opts({ includeContext: true })) as Item[];
		expect(summary.highlights[0].mentions[0]).toMatchObject({ speaker: '1', channel: '1' });
	});

	it('a single-channel transcript gets no channel field at all', () => {
		const occurrences = shapeTranscript(loadRealTranscript(), 'occurrences', opts()) as Item[];
		expect(occurrences.some((o) => 'channel' in o)).toBe(false);
	});

	it('a multichannel word without a speaker label counts as its channel', () => {
		const transcript = loadStereoTranscript();
		for (const word of transcript.words!) word.speaker = null;
		const items = shapeTranscript(transcript, 'speakers', opts({ speakerNames: { '2': 'Customer' } })) as Item[];
		expect(items.map((i) => [i.speaker, i.channel, i.mentions])).toEqual([
			['1', '1', 9],
			['Customer', '2', 16],
		]);
	});
});

describe('By Speaker edge cases', () => {
	const words = [
		{ text: 'hello', start: 0, end: 100, speaker: 'A' },
		{ text: 'refund', start: 100, end: 200, speaker: 'A' },
		{ text: 'ok', start: 300, end: 400, speaker: 'C' },
		{ text: 'refund', start: 500, end: 600, speaker: 'B' },
	];
	const results = [{ text: 'refund', rank: 0.1, count: 2, timestamps: [{ start: 100, end: 200 }, { start: 500, end: 600 }] }];

	it('a speaker who said no key phrase still gets an item, with nothing in it', () => {
		const items = shapeTranscript(syntheticTranscript(results, words), 'speakers', opts()) as Item[];
		expect(items.map((i) => [i.speaker, i.keyPhrases, i.mentions])).toEqual([
			['A', ['refund'], 1],
			['B', ['refund'], 1],
			['C', [], 0],
		]);
	});

	it('speakers given the same name are one item', () => {
		const items = shapeTranscript(syntheticTranscript(results, words), 'speakers', opts({ speakerNames: { A: 'Agent', B: 'Agent' } })) as Item[];
		expect(items.map((i) => [i.speaker, i.mentions, i.highlights[0]?.count])).toEqual([
			['Agent', 2, 2],
			['C', 0, undefined],
		]);
	});

	it('channels are ordered as numbers: 2 before 10', () => {
		const many = words.map((w, i) => ({ ...w, speaker: String([10, 10, 2, 1][i]), channel: String([10, 10, 2, 1][i]) }));
		const items = shapeTranscript(syntheticTranscript(results, many), 'speakers', opts()) as Item[];
		expect(items.map((i) => i.channel)).toEqual(['1', '2', '10']);
	});

	it('the input transcript is not modified', () => {
		const transcript = deepFreeze(loadStereoTranscript(true));
		expect(() => shapeTranscript(transcript, 'speakers', opts({ includeContext: true, mergeCase: true, sortBy: 'text' }))).not.toThrow();
	});
});
