import type { Word } from './types';

/**
 * A transcript's words, ready for finding a mention's words by binary search on start time. With
 * multichannel, each channel is a track of its own: on a call the parties talk over each other, so
 * the words of all channels interleave in time and only a channel's own words read as a sentence.
 */
export interface WordIndex {
	/** All words sorted by start (the input order when it already is; a sorted copy otherwise). */
	readonly words: readonly Word[];
	/** The words of each channel, sorted by start; one track (`words` itself) without channels. */
	readonly tracks: ReadonlyArray<readonly Word[]>;
	/** For words[i]: its track, and its position in that track. */
	readonly trackOf: readonly number[];
	readonly positionInTrack: readonly number[];
}

/** The words a mention is made of, on the track (channel) of the party who said it. */
export interface MentionWords {
	/** The track the words are on: that party's words only. */
	words: readonly Word[];
	/** Index in `words` of the mention's first word. */
	first: number;
	/** Index in `words` after the mention's last word. */
	end: number;
}

/**
 * How far apart a mention's start and its first word's start may be and still count as the same
 * moment. AssemblyAI's key phrase timestamps are exactly the first word's start and the last word's
 * end in every recorded response; this only absorbs rounding.
 */
const SAME_MOMENT_MS = 100;

function isUsableWord(word: unknown): word is Word {
	if (word === null || typeof word !== 'object') return false;
	const w = word as Word;
	return typeof w.start === 'number' && Number.isFinite(w.start) && typeof w.end === 'number';
}

const trackKey = (word: Word): string => (typeof word.channel === 'string' ? word.channel.trim() : '');

/** A word as compared with a phrase's words: lower case, letters and digits only ("City," -> "city"). */
const normalized = (text: unknown): string => String(text ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Indexes the words once, so that finding the words of m mentions in a transcript of n words costs
 * O(n) once plus O(m log n).
 */
export function createWordIndex(words: readonly Word[] | null | undefined): WordIndex {
	const usable = (Array.isArray(words) ? words : []).filter(isUsableWord);
	let isSorted = true;
	for (let i = 1; i < usable.length && isSorted; i++) isSorted = usable[i - 1].start <= usable[i].start;
	const sorted = isSorted ? usable : [...usable].sort((a, b) => a.start - b.start);

	const trackNumbers = new Map<string, number>();
	const tracks: Word[][] = [];
	const trackOf: number[] = [];
	const positionInTrack: number[] = [];
	for (const word of sorted) {
		const key = trackKey(word);
		let track = trackNumbers.get(key);
		if (track === undefined) {
			track = tracks.length;
			trackNumbers.set(key, track);
			tracks.push([]);
		}
		trackOf.push(track);
		positionInTrack.push(tracks[track].length);
		tracks[track].push(word);
	}
	// One track: the words themselves, so indexes into it are indexes into `words`.
	return { words: sorted, tracks: tracks.length === 1 ? [sorted] : tracks, trackOf, positionInTrack };
}

/** First index whose word starts at or after ms (words.length when none). */
function firstStartingAtOrAfter(words: readonly Word[], ms: number): number {
	let lo = 0;
	let hi = words.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (words[mid].start < ms) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** How well a word fits as the first word of a mention; compared field by field, larger first. */
interface Fit {
	/** How many of the phrase's words its track says in a row from it (0: not even the first). */
	phraseWords: number;
	/** Its track's words within the mention end where the mention ends. */
	endsTogether: boolean;
	/** Not already given to an earlier mention of the same phrase at the same time. */
	untaken: boolean;
	/** It starts when the mention starts. */
	startsTogether: boolean;
	distance: number;
}

function isBetter(a: Fit, b: Fit): boolean {
	if (a.phraseWords !== b.phraseWords) return a.phraseWords > b.phraseWords;
	if (a.endsTogether !== b.endsTogether) return a.endsTogether;
	if (a.untaken !== b.untaken) return a.untaken;
	if (a.startsTogether !== b.startsTogether) return a.startsTogether;
	return a.distance < b.distance;
}

/** Index after the last word of track, from first on, that starts before the mention's end. */
function spanEnd(track: readonly Word[], first: number, end: number): number {
	let last = first + 1;
	while (last < track.length && track[last].start < end) last++;
	return last;
}

function fitOf(track: readonly Word[], first: number, start: number, end: number, tokens: readonly string[], untaken: boolean): Fit {
	let phraseWords = 0;
	for (let i = first; phraseWords < tokens.length && i < track.length && track[i].start < end + SAME_MOMENT_MS; i++) {
		if (normalized(track[i].text) !== tokens[phraseWords]) break;
		phraseWords++;
	}
	const lastWord = track[spanEnd(track, first, end) - 1];
	const distance = Math.abs(track[first].start - start);
	return {
		phraseWords,
		endsTogether: Math.abs(lastWord.end - end) <= SAME_MOMENT_MS,
		untaken,
		startsTogether: distance <= SAME_MOMENT_MS,
		distance,
	};
}

/**
 * The words of the mention [start, end] of a phrase: on the track of the word that starts it. That
 * word is, best first, the one its track continues with the most of the phrase's words (case and
 * punctuation aside), then the one whose track ends the mention on time, then one not in `taken`
 * (two parties saying the phrase at once), then the one starting nearest the mention's start. A word
 * of another party that overlaps the mention (a "yeah" across the start of a sentence) does not say
 * the phrase, so it loses to the words that do. Candidates are the words starting within the mention
 * (or up to 100 ms before it) and those still running at its start; when none, the nearest word
 * starting at or after it. undefined when there are no words.
 */
export function findMentionWords(
	index: WordIndex,
	start: number,
	end: number,
	phraseText = '',
	taken?: ReadonlySet<Word>,
): MentionWords | undefined {
	const { words } = index;
	if (words.length === 0) return undefined;
	const tokens = phraseText.split(/\s+/).map(normalized).filter((token) => token !== '');
	const from = firstStartingAtOrAfter(words, start - SAME_MOMENT_MS);
	let lo = from;
	while (lo > 0 && words[lo - 1].end > start) lo--;
	const until = Math.max(end, start + SAME_MOMENT_MS);

	let best: { track: number; first: number; fit: Fit } | undefined;
	for (let i = lo; i < words.length && words[i].start < until; i++) {
		if (i < from && words[i].end <= start) continue;
		const track = index.trackOf[i];
		const first = index.positionInTrack[i];
		const fit = fitOf(index.tracks[track], first, start, end, tokens, !taken?.has(words[i]));
		if (!best || isBetter(fit, best.fit)) best = { track, first, fit };
	}
	if (best) {
		const track = index.tracks[best.track];
		return { words: track, first: best.first, end: spanEnd(track, best.first, end) };
	}
	// Nothing near (a mention in a gap, or its words are missing): the nearest word at/after start.
	const nearest = Math.min(firstStartingAtOrAfter(words, start), words.length - 1);
	const track = index.tracks[index.trackOf[nearest]];
	const first = index.positionInTrack[nearest];
	return { words: track, first, end: first + 1 };
}

/**
 * The words of every mention of a phrase, in the order of its timestamps. Two mentions at the same
 * moment (both parties said it) go to two different words when the transcript has both.
 */
export function findPhraseMentions(
	index: WordIndex,
	phrase: { text: string; timestamps: ReadonlyArray<{ start: number; end: number }> },
): Array<MentionWords | undefined> {
	const taken = new Set<Word>();
	return phrase.timestamps.map(({ start, end }) => {
		const found = findMentionWords(index, start, end, phrase.text, taken);
		if (found) taken.add(found.words[found.first]);
		return found;
	});
}

/**
 * The mention's words plus contextWords more of the same party (track), floor(n/2) before and the
 * rest after, joined by spaces; '…' marks a cut before the track's start or its end. null without words.
 */
export function contextOf(mention: MentionWords | undefined, contextWords: number): string | null {
	if (!mention) return null;
	const n = Number.isFinite(contextWords) && contextWords > 0 ? Math.floor(contextWords) : 0;
	const before = Math.floor(n / 2);
	const after = n - before;
	const { words } = mention;
	const from = Math.max(0, mention.first - before);
	const to = Math.min(words.length, mention.end + after);
	const text = words
		.slice(from, to)
		.map((w) => (typeof w.text === 'string' ? w.text : String(w.text ?? '')))
		.join(' ');
	return `${from > 0 ? '…' : ''}${text}${to < words.length ? '…' : ''}`;
}
