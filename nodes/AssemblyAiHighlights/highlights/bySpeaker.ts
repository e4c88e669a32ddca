import { findPhraseMentions, type WordIndex } from './context';
import { filterPhrases, sortPhrases, takeTop } from './select';
import { voiceOfWord } from './speakers';
import type { Phrase, ShapeOptions, Word } from './types';

/** One speaker's (or, without speaker labels, one channel's) part of a recording. */
export interface SpeakerPart {
	speaker: string | null;
	/** The channel all of this speaker's words are on; null without multichannel or when they span channels. */
	channel: string | null;
	/** That speaker's phrases after Min Rank / Min Count, Sort By and Top N: counts and timestamps are their mentions only. */
	phrases: Phrase[];
	/** How many times that speaker said any key phrase of the recording (before the filters and Top N). */
	mentions: number;
}

interface Group {
	speaker: string | null;
	channels: Set<string | null>;
	/** AssemblyAI's smallest label in the group, to order the parts: A before B, channel 1 before 2. */
	firstLabel: string;
	timestampsByPhrase: Map<number, Array<{ start: number; end: number }>>;
	mentions: number;
}

const rawLabel = (word: Word) => String(word.speaker ?? word.channel ?? '');
const byLabel = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Splits the phrases by who said each mention: the speaker (channel) whose words make up the
 * phrase there (findMentionWords: never an overlapping word of the other party), found with the
 * word index, so m mentions cost O(m log n). Speakers that share a name
 * (Speaker Names) are one part. Every speaker of the recording gets a part, also one who said no
 * key phrase. `phrases` come in AssemblyAI's order, case variants already merged, not yet filtered.
 */
export function splitBySpeaker(phrases: readonly Phrase[], index: WordIndex, options: ShapeOptions): SpeakerPart[] {
	const groups = new Map<string | null, Group>();
	const groupOf = (word: Word): Group => {
		const voice = voiceOfWord(word, options.speakerNames);
		let group = groups.get(voice.speaker);
		if (!group) {
			group = { speaker: voice.speaker, channels: new Set(), firstLabel: rawLabel(word), timestampsByPhrase: new Map(), mentions: 0 };
			groups.set(voice.speaker, group);
		} else if (byLabel(rawLabel(word), group.firstLabel) < 0) {
			group.firstLabel = rawLabel(word);
		}
		group.channels.add(voice.channel);
		return group;
	};
	for (const word of index.words) groupOf(word);

	phrases.forEach((phrase, p) => {
		const found = findPhraseMentions(index, phrase);
		phrase.timestamps.forEach((timestamp, t) => {
			const words = found[t];
			if (!words) return;
			const group = groupOf(words.words[words.first]);
			const own = group.timestampsByPhrase.get(p);
			if (own) own.push(timestamp);
			else group.timestampsByPhrase.set(p, [timestamp]);
			group.mentions++;
		});
	});

	const ordered = [...groups.values()].sort((a, b) => {
		if ((a.speaker === null) !== (b.speaker === null)) return a.speaker === null ? 1 : -1;
		return byLabel(a.firstLabel, b.firstLabel);
	});
	return ordered.map((group) => {
		let own: Phrase[] = [];
		phrases.forEach((phrase, p) => {
			const timestamps = group.timestampsByPhrase.get(p);
			if (timestamps) own.push({ text: phrase.text, rank: phrase.rank, count: timestamps.length, timestamps, firstMentionMs: timestamps[0].start });
		});
		own = filterPhrases(own, options.minRank, options.minCount);
		own = takeTop(sortPhrases(own, options.sortBy), options.topN);
		const channels = [...group.channels];
		return { speaker: group.speaker, channel: channels.length === 1 ? channels[0] : null, phrases: own, mentions: group.mentions };
	});
}
