import { contextOf, createWordIndex, findMentionWords, speakerOf, type WordIndex } from './context';
import { selectPhrases } from './select';
import { formatTime } from './time';
import {
	DEFAULT_SHAPE_OPTIONS,
	type Mention,
	type OutputShape,
	type Phrase,
	type ShapeOptions,
	type Transcript,
} from './types';

/** Output shapes' field names are a public contract (DESIGN.md): keep them exactly. */

function withDefaults(options: Partial<ShapeOptions> | undefined): ShapeOptions {
	const merged: ShapeOptions = { ...DEFAULT_SHAPE_OPTIONS };
	for (const [key, value] of Object.entries(options ?? {})) {
		if (value !== undefined && value !== null) (merged as unknown as Record<string, unknown>)[key] = value;
	}
	return merged;
}

function mentionsOf(phrase: Phrase, words: WordIndex, contextWords: number): Mention[] {
	return phrase.timestamps.map(({ start, end }) => {
		const found = findMentionWords(words, start, end);
		return {
			start,
			end,
			startTime: formatTime(start),
			speaker: speakerOf(words, found),
			context: contextOf(words, found, contextWords),
		};
	});
}

/** The keyPhrases item shape without transcriptId (also summary's `highlights` entries). */
function phraseObject(phrase: Phrase, options: ShapeOptions, words: WordIndex): Record<string, unknown> {
	const item: Record<string, unknown> = {
		text: phrase.text,
		rank: phrase.rank,
		count: phrase.count,
		timestamps: phrase.timestamps.map(({ start, end }) => ({ start, end })),
		firstMentionMs: phrase.firstMentionMs,
		firstMention: phrase.firstMentionMs === null ? null : formatTime(phrase.firstMentionMs),
	};
	if (options.includeContext) item.mentions = mentionsOf(phrase, words, options.contextWords);
	return item;
}

function occurrenceItems(
	transcriptId: string | null,
	phrase: Phrase,
	options: ShapeOptions,
	words: WordIndex,
): Array<Record<string, unknown>> {
	return phrase.timestamps.map(({ start, end }, i) => {
		const found = findMentionWords(words, start, end);
		const item: Record<string, unknown> = {
			transcriptId,
			text: phrase.text,
			rank: phrase.rank,
			count: phrase.count,
			occurrence: i + 1,
			start,
			end,
			startTime: formatTime(start),
			speaker: speakerOf(words, found),
		};
		if (options.includeContext) item.context = contextOf(words, found, options.contextWords);
		return item;
	});
}

/**
 * A transcript -> output items (one object per n8n item). 'raw' returns the transcript itself,
 * untouched. The other shapes expect findHighlightsProblem(transcript) to be undefined but
 * tolerate empty or missing results. The input transcript is never modified.
 */
export function shapeTranscript(
	transcript: Transcript,
	output: OutputShape,
	options: ShapeOptions,
): Array<Record<string, unknown>> {
	if (output === 'raw') return [transcript];
	if (output !== 'keyPhrases' && output !== 'occurrences' && output !== 'summary') {
		throw new Error(`Unknown output '${String(output)}': use keyPhrases, occurrences, summary or raw`);
	}
	const opts = withDefaults(options);
	const transcriptId = typeof transcript.id === 'string' ? transcript.id : null;
	const phrases = selectPhrases(transcript.auto_highlights_result?.results, opts);
	// Words are only read for speaker/context; skip indexing them when nothing needs them.
	const needsWords = output === 'occurrences' || opts.includeContext;
	const words = createWordIndex(needsWords ? transcript.words : undefined);

	if (output === 'keyPhrases') {
		return phrases.map((phrase) => ({ transcriptId, ...phraseObject(phrase, opts, words) }));
	}
	if (output === 'occurrences') {
		return phrases.flatMap((phrase) => occurrenceItems(transcriptId, phrase, opts, words));
	}
	const summary: Record<string, unknown> = {
		transcriptId,
		status: transcript.status ?? null,
		audioUrl: transcript.audio_url ?? null,
		audioDuration: transcript.audio_duration ?? null,
		languageCode: transcript.language_code ?? null,
		keyPhrases: phrases.map((phrase) => phrase.text),
		highlights: phrases.map((phrase) => phraseObject(phrase, opts, words)),
	};
	if (opts.includeText) summary.text = transcript.text ?? null;
	return [summary];
}
