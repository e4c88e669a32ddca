// @ts-check
/**
 * Error strings used by the emulator. Each is verbatim from a source named in
 * /work/shared/assemblyai/API-NOTES.md (and examples/error-messages.json) unless marked INFERRED.
 */
'use strict';

module.exports = {
	// spec components.responses.Unauthorized.example
	UNAUTHORIZED: 'Authentication error, API token missing/invalid',
	// spec components.responses.NotFound.example
	NOT_FOUND: 'Not found',
	// docs common_errors_and_solutions.mdx; FastAPI-branch DELETE 400
	TRANSCRIPT_NOT_FOUND: 'Transcript lookup error, transcript id not found',
	// FastAPI-branch POST /v2/transcript 400 example
	AUDIO_URL_REQUIRED: 'audio_url is required',
	// spec 2026-08 POST /v2/upload 422 example (text/plain), for an empty body
	UPLOAD_FAILED: 'Upload failed, please try again. If you continue to have issues please reach out to support@assemblyai.com',
	// spec 2026-08 components.responses.InternalServerError example (March 2026: "Internal Server Error")
	INTERNAL_SERVER_ERROR:
		'Internal server error. Please retry your request. If the error persists, please contact support@assemblyai.com for more information.',
	/**
	 * docs pattern "...not available in this language: speaker_labels"; the auto_highlights variant is INFERRED (API-NOTES §4.2).
	 * @param {string} feature
	 */
	notAvailableInLanguage: (feature) => `The following models are not available in this language: ${feature}`,
	// supoclip#11 (2026-03-05)
	SPEECH_MODEL_DEPRECATED:
		'speech_model is deprecated. Use "speech_models" instead. See documentation: https://www.assemblyai.com/docs/pre-recorded-audio/select-the-speech-model',
	/**
	 * typewhisper-mac#1042 (2026-07-31), verbatim including the newline.
	 * @param {string} model
	 */
	speechModelDeprecated: (model) =>
		`The "${model}" speech model(s) have been deprecated.\nUse speech_models: ["universal-3-5-pro", "universal-2"] instead.`,
	/**
	 * A name that never was a speech model: INFERRED wording, shaped like the deprecated-model message above. The
	 * 2026-08 spec's SpeechModel enum holds only universal-3-5-pro and universal-2.
	 * @param {string} model
	 */
	speechModelUnknown: (model) =>
		`The "${model}" speech model is not supported.\nUse speech_models: ["universal-3-5-pro", "universal-2"] instead.`,
	// INFERRED wording; the spec says only that speech_models is optional (an empty list is not "omitted").
	SPEECH_MODELS_EMPTY: 'speech_models must list at least one model. Use speech_models: ["universal-3-5-pro", "universal-2"] or leave it out.',
	// INFERRED wording; spec 2026-08 language_code: "Cannot be used together with `language_detection`."
	LANGUAGE_CODE_WITH_DETECTION:
		'language_code cannot be used together with language_detection. Send language_code to set the language, or leave it out to have it detected.',
	// INFERRED wording; spec 2026-08 language_detection: "disabling it without specifying a language returns an error."
	DETECTION_OFF_WITHOUT_LANGUAGE: 'language_detection can only be false together with a language_code.',
	// INFERRED wording; spec 2026-08 language_confidence_threshold: "Can only be set when `language_detection` is enabled."
	THRESHOLD_WITHOUT_DETECTION:
		'language_confidence_threshold can only be set when language_detection is enabled (leave language_code out).',
	// INFERRED wording from the spec 2026-08 field description (the rule is the spec's).
	WEBHOOK_HEADER_NAME_INVALID:
		'webhook_auth_header_name must be 1-1000 characters and contain only ASCII letters, numbers, hyphens, and underscores.',
	// INFERRED wording from the spec 2026-08 field description; the value itself is never repeated.
	WEBHOOK_HEADER_VALUE_INVALID:
		'webhook_auth_header_value must be 1-1000 characters and must not contain carriage returns or newlines.',
	/**
	 * INFERRED wording for the spec 2026-08 "Requires `x` to (also) be set/true" and "cannot be used together" rules.
	 * @param {string} field
	 * @param {string} rule e.g. 'requires speaker_labels to be true'
	 */
	fieldRule: (field, rule) => `${field} ${rule}.`,
	/**
	 * vercel/ai#16548 says nano is rejected with 400 "no longer available"; the exact wording is INFERRED.
	 * @param {string} model
	 */
	speechModelUnavailable: (model) =>
		`The "${model}" speech model is no longer available. Use speech_models: ["universal-3-5-pro", "universal-2"] instead.`,
	/**
	 * Shape from the spec example "format_text must be a Boolean".
	 * @param {string} field
	 */
	mustBeBoolean: (field) => `${field} must be a Boolean`,
	// INFERRED: the real wording for an unparsable body is undocumented.
	INVALID_JSON: 'Invalid JSON in request body',
	// INFERRED: the real wording for an out-of-range list parameter is undocumented.
	/**
	 * @param {string} name
	 * @param {string} rule
	 */
	invalidQuery: (name, rule) => `${name} ${rule}`,

	// Failed-transcript `error` strings (HTTP 200, status "error"), docs common_errors_and_solutions.mdx
	/** @param {string} url */
	downloadError: (url) =>
		`Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet.`,
	NOT_AUDIO_HTML:
		'File does not appear to contain audio. File type is text/html (HTML document, ASCII text, with very long lines (56754)).',
	AUDIO_TOO_SHORT: 'Audio duration is too short.',
	SERVER_ERROR: 'Server error, developers have been alerted',
};
