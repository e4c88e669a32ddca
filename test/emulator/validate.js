// @ts-check
/**
 * Synchronous checks of a POST /v2/transcript body: the ones the real API answers with HTTP 400 (API-NOTES §3, §4.2,
 * §7, and the rules AssemblyAI's spec of 2026-08-18 states in its field descriptions).
 */
'use strict';

const messages = require('./messages');

/** @typedef {Record<string, any>} Json */

/** Key Phrases is English-only (API-NOTES §4.2). */
const KEY_PHRASES_LANGUAGES = ['en', 'en_au', 'en_uk', 'en_us'];

/** The only values of `speech_models` (spec 2026-08 SpeechModel enum), and its default when omitted, in this order. */
const SPEECH_MODELS = ['universal-3-5-pro', 'universal-2'];

/** Names that were speech models once -> the 400 message builder (API-NOTES §3.2); any other name is unknown. */
/** @type {Record<string, (model: string) => string>} */
const RETIRED_SPEECH_MODELS = {
	'universal-3-pro': messages.speechModelDeprecated,
	universal: messages.speechModelDeprecated,
	best: messages.speechModelDeprecated,
	'slam-1': messages.speechModelDeprecated,
	nano: messages.speechModelUnavailable,
};

/** Boolean request fields; the spec's own error example (March 2026) is "format_text must be a Boolean". */
const BOOLEAN_FIELDS = [
	'auto_highlights',
	'speaker_labels',
	'punctuate',
	'format_text',
	'language_detection',
	'filter_profanity',
	'disfluencies',
	'content_safety',
	'iab_categories',
	'auto_chapters',
	'entity_detection',
	'sentiment_analysis',
	'summarization',
	'redact_pii',
	'redact_pii_audio',
	'redact_pii_return_unredacted',
	'multichannel',
];

/** Webhook auth header rules (spec 2026-08 webhook_auth_header_name / _value). */
const WEBHOOK_HEADER_NAME = /^[A-Za-z0-9_-]{1,1000}$/;
/** @param {string} value */
const webhookHeaderValueOk = (value) => value.length >= 1 && value.length <= 1000 && !/[\r\n]/.test(value);

/** @param {unknown} value */
const isSet = (value) => value !== undefined && value !== null;
/** `punctuate` and `format_text` default to true: only an explicit false turns them off. */
/** @param {Json} p @param {string} field */
const isOff = (p, field) => p[field] === false;

/**
 * "Requires ..." and "cannot be used together" rules from the 2026-08 spec's field descriptions: [field, applies, rule].
 * @type {Array<[string, (p: Json) => boolean, string]>}
 */
const FIELD_RULES = [
	['speaker_options', (p) => isSet(p.speaker_options) && p.speaker_labels !== true, 'requires speaker_labels to be true'],
	['speakers_expected', (p) => isSet(p.speakers_expected) && p.speaker_labels !== true, 'requires speaker_labels to be true'],
	['speakers_expected', (p) => isSet(p.speakers_expected) && isSet(p.speaker_options), 'cannot be used together with speaker_options'],
	['speakers_expected', (p) => isSet(p.speakers_expected) && !(Number.isInteger(p.speakers_expected) && Number(p.speakers_expected) > 0), 'must be a positive integer'],
	[
		'min_speakers_expected',
		(p) =>
			Number.isFinite(p.speaker_options?.min_speakers_expected) &&
			Number.isFinite(p.speaker_options?.max_speakers_expected) &&
			p.speaker_options.min_speakers_expected > p.speaker_options.max_speakers_expected,
		'must be less than or equal to max_speakers_expected',
	],
	['speaker_labels', (p) => p.speaker_labels === true && isOff(p, 'punctuate'), 'requires punctuate to be true'],
	['sentiment_analysis', (p) => p.sentiment_analysis === true && isOff(p, 'punctuate'), 'requires punctuate to be true'],
	['summarization', (p) => p.summarization === true && (isOff(p, 'punctuate') || isOff(p, 'format_text')), 'requires both punctuate and format_text to be true'],
	['summarization', (p) => p.summarization === true && p.auto_chapters === true, 'cannot be enabled together with auto_chapters'],
	['redact_pii', (p) => p.redact_pii === true && isOff(p, 'format_text'), 'requires format_text to be true'],
	['redact_pii_audio', (p) => p.redact_pii_audio === true && p.redact_pii !== true, 'requires redact_pii to be true'],
	['redact_pii_return_unredacted', (p) => p.redact_pii_return_unredacted === true && p.redact_pii !== true, 'requires redact_pii to be true'],
	['redact_static_entities', (p) => isSet(p.redact_static_entities) && p.redact_pii !== true, 'requires redact_pii to be true'],
];

/**
 * @param {Json} params
 * @returns {string | null} the 400 error message, or null when the body is acceptable
 */
function validateCreateParams(params) {
	if (typeof params.audio_url !== 'string' || params.audio_url.trim() === '') return messages.AUDIO_URL_REQUIRED;

	for (const field of BOOLEAN_FIELDS) {
		const value = params[field];
		if (value !== undefined && value !== null && typeof value !== 'boolean') return messages.mustBeBoolean(field);
	}

	if (params.speech_model !== undefined && params.speech_model !== null) return messages.SPEECH_MODEL_DEPRECATED;
	const models = params.speech_models;
	if (isSet(models)) {
		if (!Array.isArray(models) || models.some((m) => typeof m !== 'string')) {
			return 'speech_models must be a list of strings'; // INFERRED wording
		}
		if (models.length === 0) return messages.SPEECH_MODELS_EMPTY;
		for (const model of models) {
			if (SPEECH_MODELS.includes(model)) continue;
			return (RETIRED_SPEECH_MODELS[model] ?? messages.speechModelUnknown)(model);
		}
	}

	const hasLanguageCode = isSet(params.language_code);
	if (hasLanguageCode && typeof params.language_code !== 'string') return 'language_code must be a string'; // INFERRED wording
	if (hasLanguageCode && params.language_detection === true) return messages.LANGUAGE_CODE_WITH_DETECTION;
	if (!hasLanguageCode && params.language_detection === false) return messages.DETECTION_OFF_WITHOUT_LANGUAGE;
	if (hasLanguageCode && isSet(params.language_confidence_threshold)) return messages.THRESHOLD_WITHOUT_DETECTION;

	const problem = webhookProblem(params);
	if (problem) return problem;
	for (const [field, applies, rule] of FIELD_RULES) if (applies(params)) return messages.fieldRule(field, rule);

	if (params.auto_highlights === true && hasLanguageCode && !KEY_PHRASES_LANGUAGES.includes(params.language_code)) {
		return messages.notAvailableInLanguage('auto_highlights');
	}
	return null;
}

/**
 * The webhook auth header: name and value each valid, set together, and only with a webhook_url.
 * @param {Json} params
 * @returns {string | null}
 */
function webhookProblem(params) {
	const name = params.webhook_auth_header_name;
	const value = params.webhook_auth_header_value;
	if (isSet(name) && (typeof name !== 'string' || !WEBHOOK_HEADER_NAME.test(name))) return messages.WEBHOOK_HEADER_NAME_INVALID;
	if (isSet(value) && (typeof value !== 'string' || !webhookHeaderValueOk(value))) return messages.WEBHOOK_HEADER_VALUE_INVALID;
	if (isSet(name) && !isSet(value)) return messages.fieldRule('webhook_auth_header_name', 'requires webhook_auth_header_value and webhook_url to also be set');
	if (isSet(value) && !isSet(name)) return messages.fieldRule('webhook_auth_header_value', 'requires webhook_auth_header_name and webhook_url to also be set');
	if (isSet(name) && !isSet(params.webhook_url)) return messages.fieldRule('webhook_auth_header_name', 'requires webhook_auth_header_value and webhook_url to also be set');
	return null;
}

module.exports = { validateCreateParams, KEY_PHRASES_LANGUAGES, SPEECH_MODELS, RETIRED_SPEECH_MODELS, BOOLEAN_FIELDS };
