/**
 * The memory behind "paid once per execution" is bounded: it never grows without end in a
 * long-running n8n, and it forgets least recently used executions first, never the one at work.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { AudioSource } from '../../nodes/AssemblyAiHighlights/actions/transcribe/audio';
import { recordingFingerprint, transcriptsOfThisExecution } from '../../nodes/AssemblyAiHighlights/actions/transcribe/createdInExecution';

/** Only what the module reads of n8n's execution context: the execution ID and the node's name. */
const context = (executionId: string | undefined, node = 'Transcribe') =>
	({ getExecutionId: () => executionId, getNode: () => ({ name: node }) }) as unknown as IExecuteFunctions;
const made = (transcriptId: string) => Promise.resolve({ transcriptId, audioUrl: 'https://a/x.mp3' });
const url = (u: string): AudioSource => ({ kind: 'url', url: u });

describe('what one execution and node created', () => {
	test('kept per execution and node; occurrences apart; a failed creation is forgotten', async () => {
		const memory = transcriptsOfThisExecution(context('e1'))!;
		memory.remember('f', 0, made('t0'));
		memory.remember('f', 1, made('t1'));
		const failing = Promise.reject(new Error('refused'));
		memory.remember('g', 0, failing);
		await failing.catch(() => undefined);
		expect(await transcriptsOfThisExecution(context('e1'))!.recall('f', 1)).toMatchObject({ transcriptId: 't1' });
		expect(transcriptsOfThisExecution(context('e1'))!.recall('g', 0)).toBeUndefined();
		expect(transcriptsOfThisExecution(context('e2'))!.recall('f', 0)).toBeUndefined();
		expect(transcriptsOfThisExecution(context('e1', 'Other node'))!.recall('f', 0)).toBeUndefined();
		expect(transcriptsOfThisExecution(context('e1'))!.transcriptIds()).toEqual(['t0', 't1']);
		expect(transcriptsOfThisExecution(context(undefined))).toBeUndefined();
	});

	test('bounded: at most 2,000 executions and 50,000 transcripts, the least recently used forgotten first', async () => {
		for (let i = 0; i < 2_001; i++) transcriptsOfThisExecution(context(`many-${i}`))!.remember('f', 0, made(`m${i}`));
		expect(transcriptsOfThisExecution(context('many-0'))!.recall('f', 0)).toBeUndefined();
		expect(transcriptsOfThisExecution(context('many-2000'))!.recall('f', 0)).toBeDefined();

		const big = transcriptsOfThisExecution(context('big'))!;
		for (let i = 0; i < 30_000; i++) big.remember('f', i, made(`b${i}`));
		const bigger = transcriptsOfThisExecution(context('bigger'))!;
		for (let i = 0; i < 30_000; i++) bigger.remember('f', i, made(`c${i}`));
		// 'big' was used less recently: it made room; the execution at work keeps all it can.
		expect(transcriptsOfThisExecution(context('big'))!.recall('f', 0)).toBeUndefined();
		expect(transcriptsOfThisExecution(context('bigger'))!.recall('f', 29_999)).toBeDefined();
		// One execution alone never holds more than the bound.
		const huge = transcriptsOfThisExecution(context('huge'))!;
		for (let i = 0; i < 60_000; i++) huge.remember('f', i, made(`h${i}`));
		expect(huge.recall('f', 49_999)).toBeDefined();
		expect(huge.recall('f', 50_000)).toBeUndefined();
	});
});

describe('the fingerprint of a recording and its request', () => {
	const binary = (data: string, id?: string): AudioSource => ({ kind: 'binary', property: 'data', binary: { data, id, mimeType: 'audio/wav' } });
	test('the same URL or bytes with the same options, in any key order: the same; anything else: another', () => {
		const params = { auto_highlights: true, language_code: 'en_us', speech_models: ['universal-2'] };
		const reordered = { speech_models: ['universal-2'], language_code: 'en_us', auto_highlights: true };
		expect(recordingFingerprint(url('https://a/x.mp3'), params)).toBe(recordingFingerprint(url('https://a/x.mp3'), reordered));
		expect(recordingFingerprint(url('https://a/x.mp3'), params)).not.toBe(recordingFingerprint(url('https://a/y.mp3'), params));
		expect(recordingFingerprint(url('https://a/x.mp3'), params)).not.toBe(recordingFingerprint(url('https://a/x.mp3'), { ...params, speaker_labels: true }));
		expect(recordingFingerprint(binary('UklGRg=='), params)).toBe(recordingFingerprint(binary('UklGRg=='), params));
		expect(recordingFingerprint(binary('UklGRg=='), params)).not.toBe(recordingFingerprint(binary('UklGRh=='), params));
		expect(recordingFingerprint(binary('', 'filesystem-v2:1'), params)).not.toBe(recordingFingerprint(binary('', 'filesystem-v2:2'), params));
	});
});
