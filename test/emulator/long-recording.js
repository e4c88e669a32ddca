// @ts-check
/**
 * Long recordings derived from the recorded one (wildfires.mp3, 282 s): its words and utterances
 * (and text) repeated back to back, each copy shifted by the recording's length, cut at the wanted
 * duration, and each key phrase's timestamps repeated the same way (count follows). A 3-hour
 * recording with speaker labels is about 6 MB of JSON, like AssemblyAI's for a 3-hour call: the words,
 * and the utterances that repeat them.
 *
 * Cheap to serve: the long parts are serialized once per (duration, speaker labels) and spliced into
 * each answer's JSON bytes, so an answer costs one copy of them, not a JSON.stringify.
 */
'use strict';

const fixtures = require('./fixtures');

/** @typedef {Record<string, any>} Json */

/** The recorded transcript's length: each copy starts this much after the previous one. */
const RECORDED_MS = fixtures.completedTranscript().audio_duration * 1000;

/** @type {Map<string, Record<string, Buffer>>} */
const cache = new Map();

/**
 * @param {number} copies
 * @param {number} totalMs
 * @param {(copy: number, offset: number) => Json[]} each
 */
function repeat(copies, totalMs, each) {
	/** @type {Json[]} */
	const out = [];
	for (let copy = 0; copy < copies; copy++) {
		for (const item of each(copy, copy * RECORDED_MS)) if (item.start < totalMs) out.push(item);
	}
	return out;
}

/**
 * @param {Json} word
 * @param {number} offset
 * @param {boolean} speakerLabels
 */
const shiftWord = (word, offset, speakerLabels) => ({ ...word, start: word.start + offset, end: word.end + offset, speaker: speakerLabels ? word.speaker : null });

/**
 * The words, utterances and text of a recording of `seconds`, as JSON text.
 * @param {number} seconds
 * @param {boolean} speakerLabels
 */
function longParts(seconds, speakerLabels) {
	const key = `${seconds}:${speakerLabels}`;
	let parts = cache.get(key);
	if (parts) return parts;
	const recorded = fixtures.completedTranscript();
	const totalMs = seconds * 1000;
	const copies = Math.ceil(totalMs / RECORDED_MS);
	const words = repeat(copies, totalMs, (_, offset) => recorded.words.map((/** @type {Json} */ w) => shiftWord(w, offset, speakerLabels)));
	const utterances = repeat(copies, totalMs, (_, offset) =>
		recorded.utterances.map((/** @type {Json} */ u) => ({
			...u,
			start: u.start + offset,
			end: u.end + offset,
			words: u.words.map((/** @type {Json} */ w) => shiftWord(w, offset, true)).filter((/** @type {Json} */ w) => w.start < totalMs),
		})),
	);
	const text = words.map((w) => w.text).join(' ');
	parts = {
		words: Buffer.from(JSON.stringify(words)),
		utterances: Buffer.from(JSON.stringify(speakerLabels ? utterances : null)),
		text: Buffer.from(JSON.stringify(text)),
	};
	cache.set(key, parts);
	return parts;
}

/**
 * Each key phrase said again in every copy: its timestamps repeated with the copy's offset (up to the
 * duration), its count their number.
 * @param {Json | null} result  auto_highlights_result of the recorded-length transcript
 * @param {number} seconds
 */
function longHighlights(result, seconds) {
	if (!result || !Array.isArray(result.results)) return result;
	const totalMs = seconds * 1000;
	const copies = Math.ceil(totalMs / RECORDED_MS);
	return {
		...result,
		results: result.results.map((/** @type {Json} */ phrase) => {
			const timestamps = repeat(copies, totalMs, (_, offset) =>
				phrase.timestamps.map((/** @type {Json} */ t) => ({ start: t.start + offset, end: t.end + offset })),
			);
			return { ...phrase, count: timestamps.length, timestamps };
		}),
	};
}

/** @param {string} name */
/** Where a long part goes in the JSON text: `"@@long-recording:words@@"`. */
const SLOT = /"@@long-recording:(\w+)@@"/;

/**
 * The JSON of a completed transcript of `seconds`, from the view of the recorded-length one (request
 * fields, trimming and scenario edits already applied to it).
 * @param {Json} view
 * @param {number} seconds
 * @returns {Buffer}
 */
function longCompletedBody(view, seconds) {
	const parts = longParts(seconds, view.speaker_labels === true);
	const withSlots = {
		...view,
		audio_duration: seconds,
		text: '@@long-recording:text@@',
		words: '@@long-recording:words@@',
		utterances: '@@long-recording:utterances@@',
		auto_highlights_result: longHighlights(view.auto_highlights_result, seconds),
	};
	// Split at the slots: text, slot name, text, slot name, ..., text.
	const pieces = JSON.stringify(withSlots).split(SLOT);
	return Buffer.concat(pieces.map((piece, i) => (i % 2 ? parts[piece] : Buffer.from(piece))));
}

module.exports = { longCompletedBody, RECORDED_MS };
