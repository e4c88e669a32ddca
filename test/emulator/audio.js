// @ts-check
/**
 * Decides what a transcription of an audio URL ends in: the recorded completed transcript or an error.
 * Test scenarios are checked newest-first, then the built-in rules (API-NOTES §4, §11.6).
 */
'use strict';

const messages = require('./messages');

/** @typedef {Record<string, any>} Json */

/**
 * @typedef {object} Scenario
 * @property {(audioUrl: string, upload: Buffer | undefined) => boolean} match
 * @property {(completed: Json) => void} [mutate]  forces completion and edits the completed transcript (a deep copy) before it is served
 * @property {string} [error]   makes the transcript end in status "error" with this message (wins over mutate)
 * A scenario with neither `error` nor `mutate` only changes the timing; the built-in rules decide the outcome.
 * @property {number} [queuedMs]
 * @property {number} [processingMs]
 * @property {number} [durationSeconds]  completes as a recording this long, derived from the recorded one (long-recording.js)
 * @property {string} [language]  the language detected when the request has no `language_code` (language.js); like the
 *   timing, it does not change the outcome
 * @property {Record<string, (sent: any) => any>} [echo]  request fields the transcript reports in another form than sent,
 *   in every view of it (the create's answer, lookups): e.g. `{ language_code: () => 'en' }`. No such normalisation is
 *   documented; it lets a test check that a client does not take an unexplained difference for another request
 */

/**
 * @typedef {{ kind: 'completed', mutate?: (completed: Json) => void, durationSeconds?: number } | { kind: 'error', message: string }} Outcome
 */

/**
 * @param {string} host
 */
function isUnreachableHost(host) {
	return host === 'invalid' || host.endsWith('.invalid') || host === 'unreachable.example';
}

/**
 * @param {URL} url
 */
function isWebPage(url) {
	const host = url.hostname.toLowerCase();
	return (
		url.pathname.toLowerCase().endsWith('.html') ||
		host === 'youtube.com' ||
		host.endsWith('.youtube.com') ||
		host === 'youtu.be'
	);
}

/**
 * Built-in rules, applied when no scenario matched.
 * @param {string} audioUrl
 * @param {import('./uploads').UploadLookup} upload
 * @returns {Outcome}
 */
function builtInOutcome(audioUrl, upload) {
	if (upload.isUploadUrl) {
		if (!upload.bytes) return { kind: 'error', message: messages.downloadError(audioUrl) };
		return { kind: 'completed' };
	}
	let url;
	try {
		url = new URL(audioUrl);
	} catch {
		return { kind: 'error', message: messages.downloadError(audioUrl) };
	}
	if (!/^https?:$/.test(url.protocol) || isUnreachableHost(url.hostname.toLowerCase())) {
		return { kind: 'error', message: messages.downloadError(audioUrl) };
	}
	if (isWebPage(url)) return { kind: 'error', message: messages.NOT_AUDIO_HTML };
	return { kind: 'completed' };
}

/**
 * @param {string} audioUrl
 * @param {import('./uploads').UploadLookup} upload
 * @param {Scenario[]} scenarios in the order they were added
 * @returns {{ outcome: Outcome, scenario?: Scenario }}
 */
function resolveAudio(audioUrl, upload, scenarios) {
	for (let i = scenarios.length - 1; i >= 0; i--) {
		const scenario = scenarios[i];
		if (!scenario.match(audioUrl, upload.bytes)) continue;
		/** @type {Outcome} */
		let outcome;
		if (scenario.error !== undefined) outcome = { kind: 'error', message: scenario.error };
		else if (scenario.mutate) outcome = { kind: 'completed', mutate: scenario.mutate };
		else outcome = builtInOutcome(audioUrl, upload); // a timing-only scenario keeps the built-in outcome
		if (outcome.kind === 'completed' && scenario.durationSeconds !== undefined) outcome.durationSeconds = scenario.durationSeconds;
		return { outcome, scenario };
	}
	return { outcome: builtInOutcome(audioUrl, upload) };
}

module.exports = { resolveAudio, builtInOutcome };
