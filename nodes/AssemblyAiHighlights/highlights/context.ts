import type { Word } from './types';

/** A transcript's words, ready for finding a mention's words by binary search on start time. */
export interface WordIndex {
	/** Words sorted by start (the input order when it already is; a sorted copy otherwise). */
	readonly words: readonly Word[];
}

export interface MentionWords {
	/** Index of the mention's first word (the first overlapping word, or the nearest one at/after start). */
	first: number;
	/** Index after the mention's last word. */
	end: number;
}

function isUsableWord(word: unknown): word is Word {
	if (word === null || typeof word !== 'object') return false;
	const w = word as Word;
	return typeof w.start === 'number' && Number.isFinite(w.start) && typeof w.end === 'number';
}

/**
 * Indexes the words once, so that finding the words of m mentions in a transcript of n words costs
 * O(n) once plus O(m log n).
 */
export function createWordIndex(words: readonly Word[] | null | undefined): WordIndex {
	const usable = (Array.isArray(words) ? words : []).filter(isUsableWord);
	let sorted = true;
	for (let i = 1; i < usable.length && sorted; i++) sorted = usable[i - 1].start <= usable[i].start;
	return { words: sorted ? usable : [...usable].sort((a, b) => a.start - b.start) };
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

/** The words of the mention [start, end]; undefined when there are no words. */
export function findMentionWords(index: WordIndex, start: number, end: number): MentionWords | undefined {
	const { words } = index;
	if (words.length === 0) return undefined;
	let first = firstStartingAtOrAfter(words, start);
	// A word that started before the mention and is still running at its start overlaps it.
	while (first > 0 && words[first - 1].end > start) first--;
	let last = first;
	while (last < words.length && words[last].start < end && words[last].end > start) last++;
	if (last > first) return { first, end: last };
	// Nothing overlaps (a zero-length mention, or one in a gap): the nearest word at/after start.
	const nearest = Math.min(firstStartingAtOrAfter(words, start), words.length - 1);
	return { first: nearest, end: nearest + 1 };
}

/**
 * The mention's words plus contextWords more, floor(n/2) before and the rest after, joined by
 * spaces; '…' marks a cut before the transcript's start or its end. null without words.
 */
export function contextOf(index: WordIndex, mention: MentionWords | undefined, contextWords: number): string | null {
	if (!mention) return null;
	const n = Number.isFinite(contextWords) && contextWords > 0 ? Math.floor(contextWords) : 0;
	const before = Math.floor(n / 2);
	const after = n - before;
	const { words } = index;
	const from = Math.max(0, mention.first - before);
	const to = Math.min(words.length, mention.end + after);
	const text = words
		.slice(from, to)
		.map((w) => (typeof w.text === 'string' ? w.text : String(w.text ?? '')))
		.join(' ');
	return `${from > 0 ? '…' : ''}${text}${to < words.length ? '…' : ''}`;
}
