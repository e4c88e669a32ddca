'use strict';
// A tiny test recorder: named checks, each timed, printed as they finish; a failed check never
// stops the suite (the next version still runs).
const results = [];

function fmtMs(ms) {
	return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

async function test(name, fn) {
	const started = Date.now();
	try {
		const note = await fn();
		const ms = Date.now() - started;
		results.push({ name, ok: true, ms, note });
		console.log(`  ok    ${name} (${fmtMs(ms)})${note ? ` — ${note}` : ''}`);
		return true;
	} catch (err) {
		const ms = Date.now() - started;
		results.push({ name, ok: false, ms, error: err });
		console.log(`  FAIL  ${name} (${fmtMs(ms)})\n        ${String(err && err.message ? err.message : err).split('\n').join('\n        ')}`);
		return false;
	}
}

function fail(name, reason) {
	results.push({ name, ok: false, ms: 0, error: new Error(reason) });
	console.log(`  FAIL  ${name}\n        ${reason}`);
}

function assert(cond, message) {
	if (!cond) throw new Error(message);
}

function assertEqual(actual, expected, what) {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

module.exports = { test, fail, assert, assertEqual, results, fmtMs };
