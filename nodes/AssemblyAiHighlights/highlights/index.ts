/** Pure functions: AssemblyAI transcript JSON -> output items. No HTTP, no n8n. */
export { shapeTranscript } from './shape';
export { answerBytes, boundAnswer } from './bound';
export type { BoundedAnswer } from './bound';
export { findHighlightsProblem, languageName, noKeyPhrasesInLanguage } from './problems';
export { formatTime } from './time';
export { selectPhrases } from './select';
export { parseSpeakerNames, tellsSpeakers } from './speakers';
export { DEFAULT_SHAPE_OPTIONS } from './types';
export type {
	AutoHighlightResult,
	AutoHighlightsResult,
	HighlightsProblem,
	Mention,
	OutputShape,
	Phrase,
	ShapeOptions,
	SortBy,
	SpeakerNames,
	Timestamp,
	Transcript,
	Word,
} from './types';
