import type { AutoHighlightResult, Phrase, ShapeOptions, SortBy } from './types';

/** Tolerance for comparing ranks to minRank: 0.06 >= 0.06 must hold whatever path the numbers took. */
const RANK_EPSILON = 1e-9;

function isNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function byStart(a: { start: number }, b: { start: number }): number {
	return a.start - b.start;
}

/** One AssemblyAI result -> Phrase (copies; never touches the input). */
export function toPhrase(result: AutoHighlightResult): Phrase {
	const raw = Array.isArray(result.timestamps) ? result.timestamps : [];
	const timestamps = raw
		.filter((t) => t !== null && typeof t === 'object' && isNumber(t.start) && isNumber(t.end))
		.map((t) => ({ start: t.start, end: t.end }))
		.sort(byStart);
	return {
		text: typeof result.text === 'string' ? result.text : String(result.text ?? ''),
		rank: isNumber(result.rank) ? result.rank : null,
		count: isNumber(result.count) ? result.count : timestamps.length,
		timestamps,
		firstMentionMs: timestamps.length > 0 ? timestamps[0].start : null,
	};
}

/**
 * Merge phrases whose text differs only in case. The merged phrase takes the text of the variant
 * with the highest count (tie: the first), the highest rank (null only if all are null), the sum
 * of counts and the union of timestamps sorted by start without exact duplicates. It sits where
 * its first member was.
 */
export function mergeCaseVariants(phrases: Phrase[]): Phrase[] {
	const groups = new Map<string, Phrase[]>();
	for (const phrase of phrases) {
		const key = phrase.text.toLowerCase();
		const group = groups.get(key);
		if (group) group.push(phrase);
		else groups.set(key, [phrase]);
	}
	const merged: Phrase[] = [];
	for (const group of groups.values()) {
		if (group.length === 1) {
			merged.push(group[0]);
			continue;
		}
		let textSource = group[0];
		let rank: number | null = null;
		let count = 0;
		const seen = new Set<string>();
		const timestamps: Array<{ start: number; end: number }> = [];
		for (const phrase of group) {
			if (phrase.count > textSource.count) textSource = phrase;
			if (phrase.rank !== null && (rank === null || phrase.rank > rank)) rank = phrase.rank;
			count += phrase.count;
			for (const t of phrase.timestamps) {
				const key = `${t.start}:${t.end}`;
				if (seen.has(key)) continue;
				seen.add(key);
				timestamps.push(t);
			}
		}
		timestamps.sort(byStart);
		merged.push({
			text: textSource.text,
			rank,
			count,
			timestamps,
			firstMentionMs: timestamps.length > 0 ? timestamps[0].start : null,
		});
	}
	return merged;
}

/** rank >= minRank (a null rank passes only when minRank <= 0) and count >= minCount. */
export function filterPhrases(phrases: Phrase[], minRank: number, minCount: number): Phrase[] {
	const rankFloor = isNumber(minRank) ? minRank : 0;
	const countFloor = isNumber(minCount) ? minCount : 0;
	return phrases.filter((phrase) => {
		const rankOk = phrase.rank === null ? rankFloor <= 0 : phrase.rank >= rankFloor - RANK_EPSILON;
		return rankOk && phrase.count >= countFloor;
	});
}

/** Orders a before b when a has a value and b has none; 0 when both or neither have one. */
function missingLast(a: number | null, b: number | null): number | undefined {
	if (a === null && b === null) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return undefined;
}

/**
 * Stable sort. 'rank': highest first, phrases without a rank last (AssemblyAI's spec promises no
 * order for its results); 'time': first mention first.
 */
export function sortPhrases(phrases: Phrase[], sortBy: SortBy): Phrase[] {
	const copy = [...phrases];
	switch (sortBy) {
		case 'rank':
			return copy.sort((a, b) => missingLast(a.rank, b.rank) ?? (b.rank as number) - (a.rank as number));
		case 'count':
			return copy.sort((a, b) => b.count - a.count);
		case 'time':
			return copy.sort(
				(a, b) => missingLast(a.firstMentionMs, b.firstMentionMs) ?? (a.firstMentionMs as number) - (b.firstMentionMs as number),
			);
		case 'text':
			return copy.sort((a, b) => a.text.toLowerCase().localeCompare(b.text.toLowerCase()));
		default:
			throw new Error(`Unknown sortBy '${String(sortBy)}': use rank, count, time or text`);
	}
}

/** First N phrases; 0 (or less) keeps all. */
export function takeTop(phrases: Phrase[], topN: number): Phrase[] {
	if (!isNumber(topN) || topN <= 0) return phrases;
	return phrases.slice(0, Math.floor(topN));
}

/** The whole selection, in order: merge case -> filter -> sort -> topN. */
export function selectPhrases(results: readonly AutoHighlightResult[] | null | undefined, options: ShapeOptions): Phrase[] {
	let phrases = (Array.isArray(results) ? results : [])
		.filter((r) => r !== null && typeof r === 'object')
		.map(toPhrase);
	if (options.mergeCase) phrases = mergeCaseVariants(phrases);
	phrases = filterPhrases(phrases, options.minRank, options.minCount);
	phrases = sortPhrases(phrases, options.sortBy);
	return takeTop(phrases, options.topN);
}
