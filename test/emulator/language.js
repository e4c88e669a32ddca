// @ts-check
/**
 * Language detection. Since AssemblyAI's spec of 2026-08-18, a transcript created without `language_code` has its
 * language detected, and features the detected language lacks are left out of the response without an error.
 * The emulator has one recording (English), so what it "detects" comes from a marker a test puts in the audio:
 * `lang-<code>` in the audio URL (`https://host/call.lang-es.mp3`, `https://host/lang-ja/call.mp3`) or in the first
 * 256 bytes of an uploaded file, or a scenario's `language`; anything else is English, `en`.
 */
'use strict';

const { KEY_PHRASES_LANGUAGES } = require('./validate');

/** What a recording without a marker is detected as: the recorded wildfires interview is English. */
const DEFAULT_DETECTED = 'en';

/**
 * `language_confidence` of a detected language. INFERRED: the real value depends on the audio; the spec only
 * bounds it to 0..1.
 */
const DETECTED_CONFIDENCE = 0.9874;

/**
 * Languages Universal-3.5 Pro transcribes; others go to the next model of `speech_models`. INFERRED: API-NOTES §3.2
 * lists them for Universal-3 Pro (en, es, pt, fr, de, it); the 2026-08 spec does not list them for 3.5.
 */
const UNIVERSAL_3_5_PRO_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it'];

const MARKER = /(?:^|[^a-z0-9])lang-([a-z]{2,3}(?:_[a-z]{2})?)(?=$|[^a-z0-9_])/i;

/**
 * The language a test marked the recording with, or undefined.
 * @param {string} audioUrl
 * @param {Buffer | undefined} uploadBytes
 * @returns {string | undefined}
 */
function markedLanguage(audioUrl, uploadBytes) {
	const inUrl = MARKER.exec(audioUrl);
	if (inUrl) return inUrl[1].toLowerCase();
	const inFile = uploadBytes ? MARKER.exec(uploadBytes.subarray(0, 256).toString('latin1')) : null;
	return inFile ? inFile[1].toLowerCase() : undefined;
}

/**
 * What is detected for a recording.
 * @param {string} audioUrl
 * @param {Buffer | undefined} uploadBytes
 * @param {string | undefined} scenarioLanguage
 */
function detectLanguage(audioUrl, uploadBytes, scenarioLanguage) {
	return scenarioLanguage ?? markedLanguage(audioUrl, uploadBytes) ?? DEFAULT_DETECTED;
}

/** @param {string} code e.g. en_us -> en */
const baseLanguage = (code) => code.split('_')[0].toLowerCase();

/**
 * The first model of the list that transcribes the language (the list is a priority order), else the last one.
 * @param {string[]} models
 * @param {string} language
 */
function speechModelUsed(models, language) {
	const base = baseLanguage(language);
	const usable = models.find((m) => m !== 'universal-3-5-pro' || UNIVERSAL_3_5_PRO_LANGUAGES.includes(base));
	return usable ?? models[models.length - 1] ?? null;
}

/** @param {string} language */
const hasKeyPhrases = (language) => KEY_PHRASES_LANGUAGES.includes(language.toLowerCase());

module.exports = { detectLanguage, markedLanguage, speechModelUsed, hasKeyPhrases, DEFAULT_DETECTED, DETECTED_CONFIDENCE };
