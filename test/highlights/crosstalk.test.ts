/**
 * Issue 23: on a stereo call the parties talk over each other. A mention belongs to the party whose
 * words make up the phrase, never to a short word of the other party that overlaps it, and its
 * context is that party's words.
 */
import { shapeTranscript, type Transcript, type Word } from '../../nodes/AssemblyAiHighlights/highlights';
import { createWordIndex, findMentionWords } from '../../nodes/AssemblyAiHighlights/highlights/context';
import { loadStereoTranscript, opts, syntheticTranscript } from './fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
type Item = Record<string, any>;

/** The emulator's crosstalk call: "yeah" (2) across "air quality alerts" (1), "right" (1) across "air pollution" (2). */
function crosstalkCall(speakerLabels = false): Transcript {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { addCrosstalk } = require('../emulator/multichannel') as { addCrosstalk: (t: Transcript, labels: boolean) => void };
	const transcript = loadStereoTranscript(speakerLabels);
	addCrosstalk(transcript, speakerLabels);
	return transcript;
}

const NAMES = { '1': 'Agent', '2': 'Customer' };

describe('the crosstalk call (recorded words, two interjections added)', () => {
	it('Occurrences: each phrase to its own party, context without the other party\'s word', () => {
		const items = shapeTranscript(crosstalkCall(), 'occurrences', opts({ includeContext: true, contextWords: 6, speakerNames: NAMES })) as Item[];
		const at = (text: string, start: number) => items.find((i) => i.text === text && i.start === start)!;
		expect(at('air quality alerts', 3920)).toMatchObject({ speaker: 'Agent', channel: '1', context: '…Canada is triggering air quality alerts throughout the US…' });
		expect(at('air pollution', 155970)).toMatchObject({ speaker: 'Customer', channel: '2', context: '…high levels of air pollution. That\'s a good…' });
	});

	it('every one of the 25 mentions goes where it goes without the crosstalk', () => {
		const clean = shapeTranscript(loadStereoTranscript(), 'occurrences', opts({ includeContext: true }));
		const crossed = shapeTranscript(crosstalkCall(), 'occurrences', opts({ includeContext: true }));
		expect(crossed).toEqual(clean);
	});

	it('By Speaker: the same parts, counts and phrases as without the crosstalk', () => {
		const crossed = shapeTranscript(crosstalkCall(), 'speakers', opts({ speakerNames: NAMES })) as Item[];
		expect(crossed).toEqual(shapeTranscript(loadStereoTranscript(), 'speakers', opts({ speakerNames: NAMES })));
		expect(crossed.map((i) => [i.speaker, i.mentions, i.keyPhrases.includes('air quality alerts'), i.keyPhrases.includes('air pollution')])).toEqual([
			['Agent', 9, true, false],
			['Customer', 16, false, true],
		]);
	});

	it('with speaker labels per channel ("1A", "2A") too', () => {
		const crossed = shapeTranscript(crosstalkCall(true), 'speakers', opts()) as Item[];
		expect(crossed.map((i) => [i.speaker, i.channel, i.mentions])).toEqual([
			['1A', '1', 9],
			['2A', '2', 16],
		]);
	});
});

/** Small calls for the edge cases. */
const w = (text: string, start: number, end: number, channel: string): Word => ({ text, start, end, speaker: channel, channel });
const phrase = (text: string, ...timestamps: Array<[number, number]>) => ({ text, rank: 0.5, count: timestamps.length, timestamps: timestamps.map(([start, end]) => ({ start, end })) });
const occurrences = (words: Word[], ...phrases: unknown[]) =>
	shapeTranscript(syntheticTranscript(phrases, words, { multichannel: true }), 'occurrences', opts({ includeContext: true, contextWords: 2 })) as Item[];

describe('edge cases', () => {
	it('an interjection that starts exactly with the phrase, on the other channel: the phrase\'s words win', () => {
		const words = [w('uh', 0, 90, '1'), w('mm-hmm', 100, 300, '2'), w('price', 100, 400, '1'), w('increase', 400, 800, '1'), w('ok', 900, 1000, '2')];
		expect(occurrences(words, phrase('price increase', [100, 800]))[0]).toMatchObject({ channel: '1', context: 'uh price increase' });
	});

	it('the overlapping word is the same as the phrase\'s first word: the party that goes on to say the rest', () => {
		const words = [w('price', 100, 300, '2'), w('price', 120, 400, '1'), w('increase', 400, 800, '1'), w('what', 350, 600, '2')];
		expect(occurrences(words, phrase('price increase', [120, 800]))[0]).toMatchObject({ channel: '1', context: 'price increase' });
	});

	it('the same phrase on both channels at the same moment: two mentions, one per party', () => {
		const words = [w('thank', 0, 200, '1'), w('you', 200, 400, '1'), w('Thank', 0, 200, '2'), w('you.', 200, 400, '2')];
		const items = occurrences(words, phrase('thank you', [0, 400], [0, 400]));
		expect(items.map((i) => [i.occurrence, i.channel, i.context])).toEqual([
			[1, '1', 'thank you'],
			[2, '2', 'Thank you.'],
		]);
	});

	it('timestamps a few ms off the words still find them', () => {
		const words = [w('yeah', 900, 1100, '2'), w('refund', 1003, 1400, '1'), w('policy', 1400, 1795, '1')];
		expect(occurrences(words, phrase('refund policy', [1000, 1800]))[0]).toMatchObject({ channel: '1', context: 'refund policy' });
	});

	it('a mention whose words are missing: the word starting nearest it, not the overlapping word of the other party', () => {
		// The transcript lost "air" on channel 1; channel 2's "yeah" overlaps the mention's start.
		const words = [w('yeah', 3820, 4020, '2'), w('quality', 4160, 4640, '1'), w('alerts', 4640, 5120, '1')];
		expect(occurrences(words, phrase('air quality alerts', [3920, 5120]))[0]).toMatchObject({ channel: '1' });
	});

	it('no word near the mention: the nearest word at or after it, as before', () => {
		const words = [w('one', 0, 100, '1'), w('two', 5000, 5100, '2')];
		expect(occurrences(words, phrase('three', [300, 400]))[0]).toMatchObject({ channel: '2', context: 'two' });
	});

	it('findMentionWords returns the party\'s own track: indexes into that channel\'s words', () => {
		const words = [w('yeah', 3820, 4020, '2'), w('air', 3920, 4160, '1'), w('quality', 4160, 4640, '1'), w('alerts', 4640, 5120, '1')];
		const found = findMentionWords(createWordIndex(words), 3920, 5120, 'air quality alerts');
		expect(found && found.words.slice(found.first, found.end).map((x) => x.text)).toEqual(['air', 'quality', 'alerts']);
		expect(found?.words.every((x) => x.channel === '1')).toBe(true);
	});
});
