// @ts-check
/**
 * Renders transcript records into the JSON shapes of the real API, starting from the recorded templates
 * (fixtures.js) so that key sets and value types match what AssemblyAI returned in 2025-11.
 */
'use strict';

const fixtures = require('./fixtures');
const { toMultichannel } = require('./multichannel');
const { SPEECH_MODELS } = require('./validate');
const { DETECTED_CONFIDENCE, hasKeyPhrases, speechModelUsed } = require('./language');

/** @typedef {Record<string, any>} Json */
/** @typedef {import('./store').TranscriptRecord} TranscriptRecord */
/** @typedef {import('./store').TranscriptStatus} TranscriptStatus */

/**
 * Request fields copied into the transcript when the request set them (API-NOTES §3.1, §4.1).
 * `audio_url`, `webhook_auth` and `speech_models` are handled separately; `webhook_auth_header_value` is never echoed.
 */
const ECHO_FIELDS = [
	'auto_highlights',
	'language_code',
	'keyterms_prompt',
	'speaker_labels',
	'multichannel',
	'audio_start_from',
	'audio_end_at',
	'webhook_url',
	'webhook_auth_header_name',
	'punctuate',
	'format_text',
	'language_detection',
	'language_detection_options',
	'language_confidence_threshold',
	'prompt',
	'filter_profanity',
	'disfluencies',
	'speakers_expected',
	'speaker_options',
	'content_safety',
	'iab_categories',
	'auto_chapters',
	'entity_detection',
	'sentiment_analysis',
	'summarization',
	'speech_threshold',
	'custom_spelling',
];

/** `speech_models` reported when the request sent none: the 2026-08 spec's default, `["universal-3-5-pro", "universal-2"]`. */
const DEFAULT_SPEECH_MODELS = [...SPEECH_MODELS];

/** What the real API reports for a model that was not requested (`iab_categories_result` in the recorded completed transcript). */
const UNAVAILABLE = () => ({ status: 'unavailable', results: [], summary: {} });

/**
 * @param {Json} params
 * @returns {string[]}
 */
function speechModelsOf(params) {
	return Array.isArray(params.speech_models) && params.speech_models.length > 0
		? [...params.speech_models]
		: [...DEFAULT_SPEECH_MODELS];
}

/**
 * @param {Json} view template copy, mutated
 * @param {TranscriptRecord} record
 */
function applyRequest(view, record) {
	const params = record.params;
	for (const field of ECHO_FIELDS) {
		if (params[field] === undefined) continue;
		view[field] = structuredClone(params[field]);
	}
	// Without language_code the language is detected (spec 2026-08): none is known until the transcript completes,
	// as in the spec's create example (`language_code: null`, `language_detection: true`).
	const detecting = record.detectedLanguage !== null;
	view.language_detection = detecting;
	if (detecting) view.language_code = null;
	view.language_confidence = null;
	for (const [field, form] of Object.entries(record.echo ?? {})) {
		if (params[field] !== undefined) view[field] = form(structuredClone(params[field]));
	}
	view.id = record.id;
	view.audio_url = params.audio_url;
	view.speech_models = speechModelsOf(params);
	view.webhook_auth = typeof params.webhook_auth_header_name === 'string' && params.webhook_auth_header_name !== '';
	view.webhook_status_code = record.webhookStatusCode ?? null;
	delete view.webhook_auth_header_value;
	delete view.error;
}

/**
 * The pending shape (POST response, then GETs while queued/processing): the recorded queued response.
 * @param {TranscriptRecord} record
 * @param {'queued' | 'processing'} status
 */
function pendingView(record, status) {
	const view = fixtures.queuedTranscript();
	applyRequest(view, record);
	view.status = status;
	return view;
}

/**
 * A failed job: HTTP 200, status "error", an `error` message, text and words null (API-NOTES §4).
 * The real API's other fields for a failed job are undocumented; the pending shape is used.
 * @param {TranscriptRecord} record
 * @param {string} message
 */
function errorView(record, message) {
	const view = pendingView(record, 'processing');
	view.status = 'error';
	view.error = message;
	view.text = null;
	view.words = null;
	view.utterances = null;
	return view;
}

/**
 * The recorded completed transcript, re-addressed to this record and trimmed to the features it asked for.
 * @param {TranscriptRecord} record
 * @param {((completed: Json) => void) | undefined} mutate
 */
function completedView(record, mutate) {
	const view = fixtures.completedTranscript();
	const params = record.params;
	applyRequest(view, record);
	view.status = 'completed';
	if (record.detectedLanguage !== null) {
		view.language_code = record.detectedLanguage;
		view.language_confidence = DETECTED_CONFIDENCE;
	}
	view.speech_model_used = speechModelUsed(view.speech_models, view.language_code);

	view.auto_highlights = params.auto_highlights === true;
	// Key Phrases is English-only; in a detected language that lacks it, it is left out without an error (spec 2026-08).
	if (!view.auto_highlights || !hasKeyPhrases(view.language_code)) view.auto_highlights_result = null;

	view.speaker_labels = params.speaker_labels === true;
	if (params.multichannel === true) {
		toMultichannel(view, view.speaker_labels);
	} else if (!view.speaker_labels) {
		for (const word of view.words ?? []) word.speaker = null;
		view.utterances = null;
		for (const item of view.sentiment_analysis_results ?? []) item.speaker = null;
	}

	view.content_safety = params.content_safety === true;
	if (!view.content_safety) view.content_safety_labels = UNAVAILABLE();
	view.iab_categories = params.iab_categories === true;
	if (!view.iab_categories) view.iab_categories_result = UNAVAILABLE();
	view.auto_chapters = params.auto_chapters === true;
	if (!view.auto_chapters) view.chapters = null;
	view.entity_detection = params.entity_detection === true;
	if (!view.entity_detection) view.entities = null;
	view.sentiment_analysis = params.sentiment_analysis === true;
	if (!view.sentiment_analysis) view.sentiment_analysis_results = null;

	if (mutate) mutate(view);
	return view;
}

/**
 * The DELETE response and what GET returns afterwards: the recorded scrubbed transcript (API-NOTES §6).
 * @param {TranscriptRecord} record
 * @param {TranscriptStatus} status
 */
function deletedView(record, status) {
	const view = fixtures.deletedTranscript();
	view.id = record.id;
	view.status = status;
	if (status !== 'completed') view.audio_duration = null;
	if (status === 'error' && record.outcome.kind === 'error') view.error = record.outcome.message;
	return view;
}

/**
 * How list items write `created` and `completed`:
 * - `spec` (default): as AssemblyAI's spec and its examples, UTC without a zone designator, microseconds
 *   ("2024-03-11T21:29:59.936851"; the spec's pattern allows no zone);
 * - `recorded`: as the list recorded from the real API in 2025-11, with a `Z` ("2025-11-27T05:20:21.843761Z");
 * - a function of the time in ms: anything a test wants (null, garbage).
 * @typedef {'spec' | 'recorded' | ((ms: number) => unknown)} ListTimes
 */

/**
 * ISO timestamp with microseconds, without a zone ("2024-03-11T21:29:59.936851") or with a `Z` ('recorded').
 * @param {number} ms
 * @param {ListTimes} [format]
 * @returns {unknown}
 */
function isoMicros(ms, format = 'spec') {
	if (typeof format === 'function') return format(ms);
	const iso = new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
	return format === 'recorded' ? iso : iso.slice(0, -1);
}

/**
 * An item of GET /v2/transcript, shaped like the recorded list (`error: ""` on success, `region: null`).
 * @param {TranscriptRecord} record
 * @param {TranscriptStatus} status
 * @param {string} baseUrl
 * @param {ListTimes} [times]
 */
function listItemView(record, status, baseUrl, times = 'spec') {
	const finishedAt = record.createdAt + record.queuedMs + record.processingMs;
	return {
		id: record.id,
		resource_url: `${baseUrl}/v2/transcript/${record.id}`,
		status,
		created: isoMicros(record.createdAt, times),
		completed: status === 'completed' ? isoMicros(finishedAt, times) : null,
		audio_url: record.deletedAt !== null ? 'deleted_by_user' : record.params.audio_url,
		error: status === 'error' && record.outcome.kind === 'error' ? record.outcome.message : '',
		region: null,
	};
}

module.exports = {
	ECHO_FIELDS,
	DEFAULT_SPEECH_MODELS,
	pendingView,
	errorView,
	completedView,
	deletedView,
	listItemView,
	isoMicros,
};
