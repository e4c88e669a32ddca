import { answerBytes, boundAnswer, shapeTranscript, DEFAULT_SHAPE_OPTIONS } from '../../nodes/AssemblyAiHighlights/highlights';
import type { Transcript } from '../../nodes/AssemblyAiHighlights/highlights';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fixtures = require('../emulator/fixtures') as { completedTranscript: () => Transcript };

const transcript = fixtures.completedTranscript();
const shape = (output: 'summary' | 'topKeyPhrases' | 'keyPhrases', extra = {}) => shapeTranscript(transcript, output, { ...DEFAULT_SHAPE_OPTIONS, ...extra });

describe('boundAnswer: what a model gets back is at most the cap, most relevant first, and says what was left out', () => {
	test('an answer that fits is returned as it is', () => {
		const objects = shape('topKeyPhrases');
		const bounded = boundAnswer(objects, 4096);
		expect(bounded.objects).toBe(objects);
		expect(bounded).toMatchObject({ leftOut: 0, total: 15, bytes: answerBytes(objects) });
	});

	test.each([600, 1000, 2000])('Summary (one object per recording) cut to %i bytes: its first phrases, keyPhrases and highlights alike, and a note', (cap) => {
		const objects = shape('summary');
		const bounded = boundAnswer(objects, cap);
		expect(bounded.bytes).toBeLessThanOrEqual(cap);
		expect(answerBytes(bounded.objects)).toBe(bounded.bytes);
		const [summary] = bounded.objects as Array<{ keyPhrases: string[]; highlights: Array<{ text: string }>; keyPhrasesLeftOut: number; note: string }>;
		const shown = summary.keyPhrases.length;
		expect(summary.highlights.map((h) => h.text)).toEqual(summary.keyPhrases);
		expect(summary.keyPhrases).toEqual((objects[0].keyPhrases as string[]).slice(0, shown));
		expect(summary.keyPhrasesLeftOut).toBe(15 - shown);
		expect(bounded.leftOut).toBe(15 - shown);
		expect(summary.note).toContain(`Only the first ${shown} of 15 key phrases`);
	});

	test('a transcript text too large for the cap is left out, and the answer says so', () => {
		const objects = shape('topKeyPhrases', { includeText: true });
		expect(answerBytes(objects)).toBeGreaterThan(4096);
		const bounded = boundAnswer(objects, 2048);
		expect(bounded.bytes).toBeLessThanOrEqual(2048);
		const [answer] = bounded.objects as Array<{ text?: string; textLeftOut: string; keyPhrases: Array<{ text: string }> }>;
		expect(answer.text).toBeUndefined();
		expect(answer.textLeftOut).toMatch(/transcript text was left out/);
		expect(answer.keyPhrases[0].text).toBe('air quality alerts');
	});

	test('one item per phrase (Key Phrases) cut to the cap: the first items and a note item; a cap nothing fits in says so', () => {
		const objects = shape('keyPhrases');
		const bounded = boundAnswer(objects, 1500);
		expect(bounded.bytes).toBeLessThanOrEqual(1500);
		const note = bounded.objects.at(-1) as { leftOut: number; note: string };
		expect(note.leftOut).toBe(15 - (bounded.objects.length - 1));
		expect(bounded.objects[0]).toBe(objects[0]);
		expect(boundAnswer(objects, 10).objects).toEqual([{ note: expect.stringContaining('larger than') }]);
	});
});
