/**
 * Bounds what an AI agent gets back from the node used as a tool. n8n hands the model
 * JSON.stringify of the output items' JSON (an array), so that string's UTF-8 bytes are what is
 * measured and capped. Phrases come most relevant first, so the ones left out are the last ones;
 * what was left out is said in the answer itself, for the model to pass on.
 */

type Json = Record<string, unknown>;

/** The fields that hold a recording's phrase lists, in the one-object-per-recording shapes. */
const LIST_FIELDS = ['keyPhrases', 'highlights'] as const;

export interface BoundedAnswer {
	objects: Json[];
	/** UTF-8 bytes of JSON.stringify(objects): what the model receives. */
	bytes: number;
	/** Phrases (or items) left out; 0 when everything fit. */
	leftOut: number;
	total: number;
}

export function answerBytes(objects: unknown[]): number {
	return new TextEncoder().encode(JSON.stringify(objects)).length;
}

const kb = (bytes: number) => `${+(bytes / 1024).toFixed(1)} KB`;

function leftOutNote(shown: number, total: number, unit: string, maxBytes: number): string {
	return (
		`Only the first ${shown} of ${total} ${unit} are shown, most relevant first: all of them would be more than ` +
		`this tool's answer limit of ${kb(maxBytes)}. The user can raise "Max Answer Size (KB)" in the tool's settings, ` +
		'or narrow the list with its Options (Top N, Min Rank).'
	);
}

const listLength = (object: Json) => Math.max(0, ...LIST_FIELDS.map((f) => (Array.isArray(object[f]) ? (object[f] as unknown[]).length : 0)));

/** The largest n in [0, max] for which fits(n) holds (fits is monotone, true at 0), or -1 if not even 0 fits. */
function largestFitting(max: number, fits: (n: number) => boolean): number {
	if (!fits(0)) return -1;
	let lo = 0;
	let hi = max;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (fits(mid)) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/** One object per recording (Top Key Phrases, Summary, By Speaker): each keeps its first n phrases. */
function boundEach(objects: Json[], maxBytes: number, unit: string): BoundedAnswer | undefined {
	const total = objects.reduce((sum, o) => sum + listLength(o), 0);
	const trimmed = (n: number): Json[] =>
		objects.map((object) => {
			const length = listLength(object);
			if (length <= n) return object;
			const copy: Json = { ...object };
			for (const field of LIST_FIELDS) if (Array.isArray(copy[field])) copy[field] = (copy[field] as unknown[]).slice(0, n);
			copy.keyPhrasesLeftOut = length - n;
			copy.note = leftOutNote(n, length, unit, maxBytes);
			return copy;
		});
	const longest = Math.max(0, ...objects.map(listLength));
	const n = largestFitting(longest, (k) => answerBytes(trimmed(k)) <= maxBytes);
	if (n < 0) return undefined;
	const result = trimmed(n);
	const shown = result.reduce((sum, o) => sum + listLength(o), 0);
	return { objects: result, bytes: answerBytes(result), leftOut: total - shown, total };
}

/** One item per phrase or mention (Key Phrases, Occurrences): the first n items and a note item. */
function boundList(objects: Json[], maxBytes: number, unit: string): BoundedAnswer | undefined {
	const total = objects.length;
	const withNote = (n: number): Json[] => [...objects.slice(0, n), { leftOut: total - n, note: leftOutNote(n, total, unit, maxBytes) }];
	const n = largestFitting(total, (k) => answerBytes(withNote(k)) <= maxBytes);
	if (n < 0) return undefined;
	const result = withNote(n);
	return { objects: result, bytes: answerBytes(result), leftOut: total - n, total };
}

/**
 * `objects` (the output items' JSON, in order) cut to at most `maxBytes` of JSON. Unchanged when
 * they fit. A transcript text (Include Transcript Text) that does not fit even without phrases is
 * left out, with a note; if nothing fits, one object says so.
 */
export function boundAnswer(objects: Json[], maxBytes: number, unit = 'key phrases'): BoundedAnswer {
	const bytes = answerBytes(objects);
	const perRecording = objects.length > 0 && objects.every((o) => LIST_FIELDS.some((f) => Array.isArray(o[f])));
	const total = perRecording ? objects.reduce((sum, o) => sum + listLength(o), 0) : objects.length;
	if (bytes <= maxBytes) return { objects, bytes, leftOut: 0, total };
	const bound = perRecording ? boundEach : boundList;
	const fitted = bound(objects, maxBytes, unit);
	if (fitted) return fitted;
	if (perRecording && objects.some((o) => typeof o.text === 'string')) {
		const withoutText = objects.map((o) => {
			const copy: Json = { ...o };
			if (typeof copy.text === 'string') {
				delete copy.text;
				copy.textLeftOut = 'The transcript text was left out: it is larger than this answer may be.';
			}
			return copy;
		});
		const again = bound(withoutText, maxBytes, unit);
		if (again) return again;
	}
	const tooLarge = [{ note: `This answer is larger than this tool's answer limit of ${kb(maxBytes)} even without its ${unit}. The user can raise "Max Answer Size (KB)" in the tool's settings.` }];
	return { objects: tooLarge, bytes: answerBytes(tooLarge), leftOut: total, total };
}
