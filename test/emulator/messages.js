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
	// INFERRED from the text/html variant: what an empty file would yield.
	NOT_AUDIO_EMPTY: 'File does not appear to contain audio. File type is application/x-empty (empty).',
	AUDIO_TOO_SHORT: 'Audio duration is too short.',
	SERVER_ERROR: 'Server error, developers have been alerted',
};
