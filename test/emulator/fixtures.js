// @ts-check
/**
 * Response templates: real AssemblyAI responses recorded in 2025-11 (see fixtures/README.md).
 * Loaded once; every accessor returns a fresh deep copy so callers may mutate freely.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const FIXTURES_DIR = path.join(__dirname, 'fixtures');

/** @typedef {Record<string, any>} Json */

/** @type {Map<string, Json>} */
const cache = new Map();

/**
 * @param {string} name file name without `.json`
 * @returns {Json}
 */
function load(name) {
	let value = cache.get(name);
	if (!value) {
		value = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, `${name}.json`), 'utf8'));
		cache.set(name, /** @type {Json} */ (value));
	}
	return structuredClone(/** @type {Json} */ (value));
}

module.exports = {
	FIXTURES_DIR,
	/** GET /v2/transcript/{id} of a completed transcript with 15 key phrases (wildfires.mp3). */
	completedTranscript: () => load('transcript-completed-highlights'),
	/** POST /v2/transcript response (status queued). */
	queuedTranscript: () => load('transcript-queued'),
	/** DELETE /v2/transcript/{id} response. */
	deletedTranscript: () => load('transcript-deleted'),
	/** GET /v2/transcript?limit=10&status=completed response. */
	transcriptList: () => load('transcript-list'),
	/** POST /v2/upload response (spec example, not recorded). */
	uploadResponse: () => load('upload-response'),
};
