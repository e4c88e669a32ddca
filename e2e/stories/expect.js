'use strict';
// What the stories' downstream effects must contain, worked out from the emulator's recorded
// transcript independently of the node: phrases in AssemblyAI's order (it already ranks them),
// first mentions as m:ss.
const path = require('path');

const fixture = () => require(path.join(__dirname, '..', '..', 'test', 'emulator', 'fixtures')).completedTranscript();

/** The recorded transcript's key phrases: [{text, rank, count, timestamps}]. */
const fixturePhrases = () => fixture().auto_highlights_result.results.map((r) => ({ ...r, timestamps: r.timestamps.map((t) => ({ ...t })) }));

const pad = (n) => String(n).padStart(2, '0');
function mmss(ms) {
	const s = Math.floor(ms / 1000);
	const h = Math.floor(s / 3600);
	return h ? `${h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}
const firstMention = (p) => mmss(Math.min(...p.timestamps.map((t) => t.start)));

/** The emulator's transcript of a recording: its phrases replaced (mutate) so each recording has its own. */
const withPhrases = (phrases) => (t) => {
	t.auto_highlights_result.results = phrases.map((p) => ({ ...p, timestamps: p.timestamps.map((x) => ({ ...x })) }));
};
const prefixed = (prefix, phrases = fixturePhrases()) => phrases.map((p) => ({ ...p, text: `${prefix}${p.text}` }));

/** Matches an upload by its exact bytes (binary sources) for emu.addScenario. */
const sameBytes = (bytes) => (_url, uploaded) => Buffer.isBuffer(uploaded) && Buffer.compare(uploaded, bytes) === 0;

module.exports = { fixture, fixturePhrases, mmss, firstMention, withPhrases, prefixed, sameBytes };
