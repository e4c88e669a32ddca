/**
 * Plain types for AssemblyAI transcript JSON (only the fields this module reads) and for the
 * shaping options. Every interface tolerates unknown fields: AssemblyAI adds fields freely.
 */

/** One timestamp of a key phrase, in milliseconds from the start of the audio. */
export interface Timestamp {
	start: number;
	end: number;
	[key: string]: unknown;
}

/** One entry of `auto_highlights_result.results`. `rank` has been seen missing in production. */
export interface AutoHighlightResult {
	text: string;
	rank?: number | null;
	count?: number | null;
	timestamps?: Timestamp[] | null;
	[key: string]: unknown;
}

export interface AutoHighlightsResult {
	status?: 'success' | 'unavailable' | string;
	results?: AutoHighlightResult[] | null;
	[key: string]: unknown;
}

/**
 * One entry of `words`; `speaker` is null when speaker labels are off. With multichannel, `channel`
 * is "1", "2", … (left, right, …) and `speaker` is the channel, or "1A", "1B", … with speaker labels.
 */
export interface Word {
	text: string;
	start: number;
	end: number;
	confidence?: number;
	speaker?: string | null;
	channel?: string | null;
	[key: string]: unknown;
}

export interface Transcript {
	id?: string;
	status?: string;
	/** Absent, null or "" all mean "no error". */
	error?: string | null;
	audio_url?: string | null;
	/** Seconds. */
	audio_duration?: number | null;
	language_code?: string | null;
	/** True when AssemblyAI detected the language (no language_code was sent). */
	language_detection?: boolean | null;
	text?: string | null;
	words?: Word[] | null;
	speaker_labels?: boolean | null;
	multichannel?: boolean | null;
	auto_highlights?: boolean | null;
	auto_highlights_result?: AutoHighlightsResult | null;
	[key: string]: unknown;
}

/** 'topKeyPhrases': one compact object per recording, for an AI agent (the node as a tool). */
export type OutputShape = 'keyPhrases' | 'occurrences' | 'summary' | 'speakers' | 'topKeyPhrases' | 'raw';

export type SortBy = 'rank' | 'count' | 'time' | 'text';

export interface ShapeOptions {
	/** 'rank': highest rank first (stable; no rank last). */
	sortBy: SortBy;
	/** Keep the first N phrases after sorting; 0 keeps all. */
	topN: number;
	minRank: number;
	minCount: number;
	/** Merge phrases whose text differs only in case. */
	mergeCase: boolean;
	/** summary output: add the transcript text. */
	includeText: boolean;
	/** Add `speaker` and `context` per mention (`mentions` on keyPhrases, `context` on occurrences). */
	includeContext: boolean;
	/** Words of context around a mention, split evenly before and after. */
	contextWords: number;
	/** Names shown instead of AssemblyAI's labels, by upper-case label or channel (parseSpeakerNames). */
	speakerNames: SpeakerNames;
}

/** Upper-case speaker label or channel ("A", "1A", "2") -> the name to show. Plain JSON: it travels in executions. */
export type SpeakerNames = Record<string, string>;

export const DEFAULT_SHAPE_OPTIONS: ShapeOptions = {
	sortBy: 'rank',
	topN: 0,
	minRank: 0,
	minCount: 0,
	mergeCase: false,
	includeText: false,
	includeContext: false,
	contextWords: 12,
	speakerNames: {},
};

/** A key phrase after normalisation and selection (internal, before output shaping). */
export interface Phrase {
	text: string;
	/** null where AssemblyAI left the rank out. */
	rank: number | null;
	count: number;
	/** Sorted by start, only {start, end}. */
	timestamps: Array<{ start: number; end: number }>;
	/** Smallest timestamp start; null when the phrase has no timestamps. */
	firstMentionMs: number | null;
}

export interface Mention {
	start: number;
	end: number;
	startTime: string;
	speaker: string | null;
	/** Only on multichannel transcripts. */
	channel?: string | null;
	context: string | null;
}

export type HighlightsProblem =
	| { kind: 'notCompleted'; status: string }
	| { kind: 'failed'; message: string }
	| { kind: 'notRequested' }
	/** Key Phrases is English-only: a transcript in another language has none, however it was created. */
	| { kind: 'notInLanguage'; languageCode: string; language: string | undefined; detected: boolean }
	| { kind: 'deleted' }
	| { kind: 'unavailable' };
