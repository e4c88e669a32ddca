/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SHAPE_OPTIONS, type ShapeOptions, type Transcript } from '../../nodes/AssemblyAiHighlights/highlights';

/** Verbatim copy of AssemblyAI's recorded response (shared/assemblyai/examples/). */
export const REAL_TRANSCRIPT_PATH = path.resolve(__dirname, '../emulator/fixtures/transcript-completed-highlights.json');

/** A fresh parse each call, so no test can leak changes into another. */
export function loadRealTranscript(): Transcript {
	return JSON.parse(fs.readFileSync(REAL_TRANSCRIPT_PATH, 'utf8')) as Transcript;
}

export function opts(overrides: Partial<ShapeOptions> = {}): ShapeOptions {
	return { ...DEFAULT_SHAPE_OPTIONS, ...overrides };
}

/** Freezes every object and array inside value, so any write throws (test files run in strict mode). */
export function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value as object)) deepFreeze(child);
	}
	return value;
}

/** A small completed transcript built from parts, for cases the real one does not have. */
export function syntheticTranscript(
	results: unknown[],
	words: unknown[] | null = [],
	extra: Record<string, unknown> = {},
): Transcript {
	return {
		id: 'synthetic-1',
		status: 'completed',
		audio_url: 'https://example.com/a.mp3',
		audio_duration: 10,
		language_code: 'en_us',
		text: 'synthetic',
		words,
		auto_highlights: true,
		auto_highlights_result: { status: 'success', results },
		...extra,
	} as Transcript;
}

/**
 * The recorded transcript as the emulator serves a stereo call (multichannel: true): speaker A on
 * channel 1, B on channel 2; with speaker labels the speakers are "1A" and "2A".
 */
export function loadStereoTranscript(speakerLabels = false): Transcript {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { toMultichannel } = require('../emulator/multichannel') as { toMultichannel: (t: Transcript, labels: boolean) => void };
	const transcript = loadRealTranscript();
	transcript.speaker_labels = speakerLabels;
	toMultichannel(transcript, speakerLabels);
	return transcript;
}
