// @ts-check
/**
 * Synchronous checks of a POST /v2/transcript body: the ones the real API answers with HTTP 400 (API-NOTES §3, §4.2, §7).
 */
'use strict';

const messages = require('./messages');

/** @typedef {Record<string, any>} Json */

/** Key Phrases is English-only (API-NOTES §4.2). */
const KEY_PHRASES_LANGUAGES = ['en', 'en_au', 'en_uk', 'en_us'];

/** Deprecated model names -> the 400 message builder (API-NOTES §3.2). */
/** @type {Record<string, (model: string) => string>} */
const REJECTED_SPEECH_MODELS = {
	'universal-3-pro': messages.speechModelDeprecated,
	nano: messages.speechModelUnavailable,
};

/** Boolean request fields; the spec's own error example is "format_text must be a Boolean". */
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
	'multichannel',
];

/**
 * @param {Json} params
 * @param {{ requireSpeechModels?: boolean }} [options]
 * @returns {string | null} the 400 error message, or null when the body is acceptable
 */
function validateCreateParams(params, options = {}) {
	if (typeof params.audio_url !== 'string' || params.audio_url.trim() === '') return messages.AUDIO_URL_REQUIRED;

	for (const field of BOOLEAN_FIELDS) {
		const value = params[field];
		if (value !== undefined && value !== null && typeof value !== 'boolean') return messages.mustBeBoolean(field);
	}

	if (params.speech_model !== undefined && params.speech_model !== null) return messages.SPEECH_MODEL_DEPRECATED;

	const models = params.speech_models;
	if (models !== undefined && models !== null) {
		if (!Array.isArray(models) || models.some((m) => typeof m !== 'string')) {
			return 'speech_models must be a list of strings'; // INFERRED wording
		}
		for (const model of models) {
			const reject = REJECTED_SPEECH_MODELS[model];
			if (reject) return reject(model);
		}
	}
	if (options.requireSpeechModels && (!Array.isArray(models) || models.length === 0)) {
		return 'speech_models is required. See documentation: https://www.assemblyai.com/docs/pre-recorded-audio/select-the-speech-model'; // INFERRED wording
	}

	if (
		params.auto_highlights === true &&
		typeof params.language_code === 'string' &&
		!KEY_PHRASES_LANGUAGES.includes(params.language_code)
	) {
		return messages.notAvailableInLanguage('auto_highlights');
	}
	return null;
}

module.exports = { validateCreateParams, KEY_PHRASES_LANGUAGES, REJECTED_SPEECH_MODELS, BOOLEAN_FIELDS };
