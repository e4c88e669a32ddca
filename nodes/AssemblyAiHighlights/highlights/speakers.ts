import type { MentionWords, WordIndex } from './context';
import type { SpeakerNames, Transcript, Word } from './types';

/** Who said a mention: the speaker's name (or AssemblyAI's label) and, with multichannel, its channel. */
export interface Voice {
	speaker: string | null;
	channel: string | null;
}

export type ParsedSpeakerNames = { names: SpeakerNames } | { problem: string };

const label = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** AssemblyAI's labels: "A", "B", … (speaker labels), "1", "2", … (channels), "1A", "2B", … (both). */
const LABEL = /^[A-Za-z0-9]+$/;

/**
 * "A=Agent, B=Customer" or "1=Agent, 2=Customer" (commas or new lines between pairs) -> names keyed
 * by upper-case label. Empty text gives no names; anything that is not label=name is a problem.
 */
export function parseSpeakerNames(text: string | null | undefined): ParsedSpeakerNames {
	const names: SpeakerNames = {};
	for (const part of String(text ?? '').split(/[,\n]/)) {
		const pair = part.trim();
		if (pair === '') continue;
		const equals = pair.indexOf('=');
		if (equals < 0) return { problem: `"${pair}" is not label=name` };
		const key = pair.slice(0, equals).trim();
		const name = pair.slice(equals + 1).trim();
		if (!LABEL.test(key)) {
			return { problem: `"${key}" is not one of AssemblyAI's labels (letters for speakers, numbers for channels, e.g. A or 1)` };
		}
		if (name === '') return { problem: `"${pair}" gives no name` };
		const upper = key.toUpperCase();
		if (names[upper] !== undefined && names[upper] !== name) return { problem: `${key} is named twice` };
		names[upper] = name;
	}
	return { names };
}

/**
 * The speaker to show: the name given for AssemblyAI's speaker label, else the one given for the
 * channel, else the label itself; a multichannel word without a speaker label counts as its channel.
 */
export function speakerName(names: SpeakerNames, speaker: string | null, channel: string | null): string | null {
	const named = (key: string | null) => (key === null ? undefined : names[key.toUpperCase()]);
	return named(speaker) ?? named(channel) ?? speaker ?? channel;
}

export function voiceOfWord(word: Word, names: SpeakerNames): Voice {
	const channel = label(word.channel);
	return { speaker: speakerName(names, label(word.speaker), channel), channel };
}

/** Who said a mention: the speaker of its first word, on the track findMentionWords chose. */
export function voiceAt(mention: MentionWords | undefined, names: SpeakerNames): Voice {
	if (!mention) return { speaker: null, channel: null };
	return voiceOfWord(mention.words[mention.first], names);
}

/** Whether the transcript tells who said what: speaker labels or channels on its words. */
export function tellsSpeakers(transcript: Transcript): boolean {
	const words = Array.isArray(transcript.words) ? transcript.words : [];
	return words.some((w) => w !== null && typeof w === 'object' && (label(w.speaker) !== null || label(w.channel) !== null));
}

/** Whether mentions carry a channel: the transcript was made with multichannel. */
export function isMultichannel(transcript: Transcript, index: WordIndex): boolean {
	return transcript.multichannel === true || index.words.some((w) => label(w.channel) !== null);
}
