import { splitBySpeaker } from './bySpeaker';
import { contextOf, createWordIndex, findPhraseMentions, type WordIndex } from './context';
import { mergeCaseVariants, selectPhrases, toPhrase } from './select';
import { isMultichannel, voiceAt } from './speakers';
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

/** What mentions are looked up in: the transcript's words, and whether they carry channels. */
interface Words {
	index: WordIndex;
	multichannel: boolean;
}

function mentionsOf(phrase: Phrase, options: ShapeOptions, words: Words): Mention[] {
	const found = findPhraseMentions(words.index, phrase);
	return phrase.timestamps.map(({ start, end }, i) => {
		const voice = voiceAt(found[i], options.speakerNames);
		const context = contextOf(found[i], options.contextWords);
		const channel = words.multichannel ? { channel: voice.channel } : {};
		return { start, end, startTime: formatTime(start), speaker: voice.speaker, ...channel, context };
	});
}

/** The keyPhrases item shape without transcriptId (also summary's and speakers' `highlights` entries). */
function phraseObject(phrase: Phrase, options: ShapeOptions, words: Words): Record<string, unknown> {
	const item: Record<string, unknown> = {
		text: phrase.text,
		rank: phrase.rank,
		count: phrase.count,
		timestamps: phrase.timestamps.map(({ start, end }) => ({ start, end })),
		firstMentionMs: phrase.firstMentionMs,
		firstMention: phrase.firstMentionMs === null ? null : formatTime(phrase.firstMentionMs),
	};
	if (options.includeContext) item.mentions = mentionsOf(phrase, options, words);
	return item;
}

function occurrenceItems(
	transcriptId: string | null,
	phrase: Phrase,
	options: ShapeOptions,
	words: Words,
): Array<Record<string, unknown>> {
	const found = findPhraseMentions(words.index, phrase);
	return phrase.timestamps.map(({ start, end }, i) => {
		const voice = voiceAt(found[i], options.speakerNames);
		const item: Record<string, unknown> = {
			transcriptId,
			text: phrase.text,
			rank: phrase.rank,
			count: phrase.count,
			occurrence: i + 1,
			start,
			end,
			startTime: formatTime(start),
			speaker: voice.speaker,
		};
		if (words.multichannel) item.channel = voice.channel;
		if (options.includeContext) item.context = contextOf(found[i], options.contextWords);
		return item;
	});
}

/** One item per speaker (channel): their phrases and how often they said key phrases at all. */
function speakerItems(transcriptId: string | null, transcript: Transcript, options: ShapeOptions, words: Words) {
	const results = transcript.auto_highlights_result?.results;
	const phrases = (Array.isArray(results) ? results : []).filter((r) => r !== null && typeof r === 'object').map(toPhrase);
	const parts = splitBySpeaker(options.mergeCase ? mergeCaseVariants(phrases) : phrases, words.index, options);
	return parts.map((part) => ({
		transcriptId,
		speaker: part.speaker,
		channel: part.channel,
		keyPhrases: part.phrases.map((phrase) => phrase.text),
		highlights: part.phrases.map((phrase) => phraseObject(phrase, options, words)),
		mentions: part.mentions,
	}));
}

/**
 * One compact object per recording, what a model needs to answer "what was this call about": each
 * phrase's text, rank, count and first mention (m:ss), no timestamp lists. With includeContext, the
 * first mention's words and speaker; with includeText, the transcript text.
 */
function topKeyPhrasesItem(transcriptId: string | null, transcript: Transcript, phrases: Phrase[], options: ShapeOptions, words: Words) {
	const item: Record<string, unknown> = {
		transcriptId,
		audioDuration: transcript.audio_duration ?? null,
		keyPhrases: phrases.map((phrase) => {
			const compact: Record<string, unknown> = {
				text: phrase.text,
				rank: phrase.rank,
				count: phrase.count,
				firstMention: phrase.firstMentionMs === null ? null : formatTime(phrase.firstMentionMs),
			};
			const first = options.includeContext ? mentionsOf({ ...phrase, timestamps: phrase.timestamps.slice(0, 1) }, options, words)[0] : undefined;
			if (first) {
				compact.speaker = first.speaker;
				compact.context = first.context;
			}
			return compact;
		}),
	};
	if (options.includeText) item.text = transcript.text ?? null;
	return item;
}

/**
 * A transcript -> output items (one object per n8n item). 'raw' returns the transcript itself,
 * untouched. The other shapes expect findHighlightsProblem(transcript) to be undefined but
 * tolerate empty or missing results; 'speakers' gives nothing useful unless tellsSpeakers(transcript).
 * The input transcript is never modified.
 */
export function shapeTranscript(
	transcript: Transcript,
	output: OutputShape,
	options: ShapeOptions,
): Array<Record<string, unknown>> {
	if (output === 'raw') return [transcript];
	if (output !== 'keyPhrases' && output !== 'occurrences' && output !== 'summary' && output !== 'speakers' && output !== 'topKeyPhrases') {
		throw new Error(`Unknown output '${String(output)}': use keyPhrases, occurrences, summary, speakers, topKeyPhrases or raw`);
	}
	const opts = withDefaults(options);
	const transcriptId = typeof transcript.id === 'string' ? transcript.id : null;
	// Words are only read for speaker/channel/context; skip indexing them when nothing needs them.
	const needsWords = output === 'occurrences' || output === 'speakers' || opts.includeContext;
	const index = createWordIndex(needsWords ? transcript.words : undefined);
	const words: Words = { index, multichannel: needsWords && isMultichannel(transcript, index) };

	if (output === 'speakers') return speakerItems(transcriptId, transcript, opts, words);
	const phrases = selectPhrases(transcript.auto_highlights_result?.results, opts);

	if (output === 'keyPhrases') {
		return phrases.map((phrase) => ({ transcriptId, ...phraseObject(phrase, opts, words) }));
	}
	if (output === 'occurrences') {
		return phrases.flatMap((phrase) => occurrenceItems(transcriptId, phrase, opts, words));
	}
	if (output === 'topKeyPhrases') return [topKeyPhrasesItem(transcriptId, transcript, phrases, opts, words)];
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
