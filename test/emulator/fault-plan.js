// @ts-check
/**
 * Switchable faults: a list of rules (`emu.setFaults([...])`) that make chosen requests fail the way a flaky network
 * or an overloaded AssemblyAI would: 429, 5xx, a connection dropped before or after the request took effect, a 503 after
 * the request took effect (a proxy in front that gave up waiting for the answer),
 * a slow answer, or a truncated JSON body. Random rules use a seeded PRNG, so a run is reproducible.
 *
 * The server asks `decide(route)` once per request, when its headers arrive, and then applies the fault
 * (server.js). Requests that are not one of the five API routes are never faulted and not counted.
 */
'use strict';

const faults = require('./faults');

/** @typedef {import('./http-util').Reply} Reply */

/** @typedef {'upload' | 'create' | 'get' | 'list' | 'delete'} FaultRoute */
/** @typedef {'429' | '500' | '502' | '503' | '504' | 'drop-before' | 'drop-after' | '503-after' | 'slow' | 'malformed-json'} FaultKind */

/**
 * @typedef {object} FaultRule
 * @property {FaultRoute | '*'} route   which endpoint: upload = POST /v2/upload, create = POST /v2/transcript,
 *   get = GET /v2/transcript/{id}, list = GET /v2/transcript, delete = DELETE /v2/transcript/{id}, * = any of them
 * @property {FaultKind} kind
 * @property {number} [probability]     0..1: fires at random (seeded PRNG) on a matching request
 * @property {number} [every]           fires on every n-th request of the route since setFaults (requests n, n * 2, n * 3, ...)
 * @property {number} [times]           fires at most this many times in total
 * @property {number | null} [retryAfterSeconds]  429: the Retry-After header (default 1; null sends none)
 * @property {boolean} [withBody]       for the 5xx kinds: true sends a JSON body `error: "<reason>"`; false an empty body (502: an HTML page).
 *   Default: true for 500 (the spec's body), false for 502/503/504 (the spec declares no body for 503/504)
 * @property {number} [delayMs]         slow: the real answer is sent this much later (default 1000)
 * @property {number} [afterBytes]      drop-before: reset once this many body bytes arrived (default: after the whole
 *   body was read; 0: at once, before reading any of it)
 */

/**
 * @typedef {object} FaultDecision
 * @property {FaultRule} rule
 * @property {FaultRoute} route
 * @property {FaultKind} kind
 * @property {number} seq        1-based ordinal of the request on its route since setFaults
 * @property {FaultLogEntry} log  the entry in faultStats().log; the server adds what the request did
 */

/**
 * @typedef {object} FaultLogEntry
 * @property {FaultRoute} route
 * @property {FaultKind} kind
 * @property {number} seq
 * @property {string} method
 * @property {string} path
 * @property {number} at             ms timestamp
 * @property {number} [status]       the HTTP status sent (not for drops)
 * @property {string} [transcriptId] create: the transcript that was created although its answer was lost/late/a 503
 * @property {string} [uploadUrl]    upload: the upload that was stored although its answer was lost/late
 */

/**
 * @typedef {object} FaultStats
 * @property {Record<string, Record<string, number>>} injected  route -> kind -> count
 * @property {Record<string, number>} requests  route -> requests seen (faulted or not)
 * @property {FaultLogEntry[]} log  every injected fault, in order
 */

const ROUTES = /** @type {const} */ (['upload', 'create', 'get', 'list', 'delete']);
const KINDS = /** @type {const} */ (['429', '500', '502', '503', '504', 'drop-before', 'drop-after', '503-after', 'slow', 'malformed-json']);

/** Faults that answer instead of the emulator: the request has no effect. */
const ANSWER_KINDS = ['429', '500', '502', '503', '504'];

/**
 * Which fault route a request is, from its method and pathname (no query, no trailing slash).
 * @param {string} method
 * @param {string} pathname
 * @returns {FaultRoute | null}
 */
function routeOf(method, pathname) {
	if (method === 'POST' && pathname === '/v2/upload') return 'upload';
	if (pathname === '/v2/transcript') {
		if (method === 'POST') return 'create';
		if (method === 'GET') return 'list';
		return null;
	}
	if (/^\/v2\/transcript\/[^/]+$/.test(pathname)) {
		if (method === 'GET') return 'get';
		if (method === 'DELETE') return 'delete';
	}
	return null;
}

/**
 * mulberry32: a small seeded PRNG, uniform in [0, 1).
 * @param {number} seed
 */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @param {unknown} rule
 * @param {number} i
 * @returns {FaultRule}
 */
function checkRule(rule, i) {
	const where = `setFaults: rule ${i}`;
	if (rule === null || typeof rule !== 'object') throw new TypeError(`${where} is not an object`);
	const r = /** @type {FaultRule} */ (rule);
	if (r.route !== '*' && !(/** @type {readonly string[]} */ (ROUTES)).includes(r.route)) {
		throw new TypeError(`${where}: route must be one of ${ROUTES.join(', ')}, * (got ${String(r.route)})`);
	}
	if (!(/** @type {readonly string[]} */ (KINDS)).includes(r.kind)) {
		throw new TypeError(`${where}: kind must be one of ${KINDS.join(', ')} (got ${String(r.kind)})`);
	}
	if (r.probability !== undefined && !(r.probability >= 0 && r.probability <= 1)) {
		throw new TypeError(`${where}: probability must be between 0 and 1`);
	}
	for (const key of /** @type {const} */ (['every', 'times'])) {
		const v = r[key];
		if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new TypeError(`${where}: ${key} must be an integer >= 1`);
	}
	for (const key of /** @type {const} */ (['delayMs', 'afterBytes'])) {
		const v = r[key];
		if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new TypeError(`${where}: ${key} must be a number >= 0`);
	}
	if (r.retryAfterSeconds !== undefined && r.retryAfterSeconds !== null && !(r.retryAfterSeconds >= 0)) {
		throw new TypeError(`${where}: retryAfterSeconds must be >= 0 or null`);
	}
	return { ...r };
}

class FaultPlan {
	/** @param {number} [seed] default seed of setFaults */
	constructor(seed = 1) {
		this.defaultSeed = seed;
		/** @type {FaultRule[]} */
		this.rules = [];
		/** @type {Array<{ fired: number }>} */
		this.ruleState = [];
		this.random = prng(seed);
		/** @type {Record<string, Record<string, number>>} */
		this.injected = {};
		/** @type {Record<string, number>} */
		this.requests = {};
		this.anyRequests = 0;
		/** @type {FaultLogEntry[]} */
		this.log = [];
	}

	resetStats() {
		this.injected = {};
		this.requests = {};
		this.anyRequests = 0;
		this.log = [];
	}

	/**
	 * Replaces the rules, re-seeds the PRNG and restarts the counters and statistics.
	 * @param {FaultRule[]} rules
	 * @param {{ seed?: number }} [options]
	 */
	set(rules, options = {}) {
		if (!Array.isArray(rules)) throw new TypeError('setFaults: expected an array of rules');
		this.rules = rules.map(checkRule);
		this.ruleState = this.rules.map(() => ({ fired: 0 }));
		this.random = prng(options.seed ?? this.defaultSeed);
		this.resetStats();
	}

	/** Stops injecting; the statistics so far are kept (and requests keep being counted). */
	clear() {
		this.rules = [];
		this.ruleState = [];
	}

	/** Everything back to the state of a new emulator. */
	reset() {
		this.clear();
		this.random = prng(this.defaultSeed);
		this.resetStats();
	}

	/**
	 * Counts the request and picks the fault for it: the first rule, in list order, that fires.
	 * A rule fires when its route matches, its `every` divides the request's ordinal, it has fired fewer than
	 * `times` times, and (with `probability`) the PRNG draw is below the probability. The PRNG is drawn only for
	 * rules that got that far, so the same rules, seed and request sequence give the same faults.
	 * @param {FaultRoute | null} route
	 * @param {{ method: string, path: string }} request
	 * @returns {FaultDecision | null}
	 */
	decide(route, request) {
		if (route === null) return null;
		const seq = (this.requests[route] = (this.requests[route] ?? 0) + 1);
		const anySeq = ++this.anyRequests;
		for (let i = 0; i < this.rules.length; i++) {
			const rule = this.rules[i];
			const state = this.ruleState[i];
			if (rule.route !== '*' && rule.route !== route) continue;
			const ordinal = rule.route === '*' ? anySeq : seq;
			if (rule.every !== undefined && ordinal % rule.every !== 0) continue;
			if (rule.times !== undefined && state.fired >= rule.times) continue;
			if (rule.probability !== undefined && !(this.random() < rule.probability)) continue;
			state.fired++;
			const byKind = (this.injected[route] ??= {});
			byKind[rule.kind] = (byKind[rule.kind] ?? 0) + 1;
			/** @type {FaultLogEntry} */
			const log = { route, kind: rule.kind, seq, method: request.method, path: request.path, at: Date.now() };
			this.log.push(log);
			return { rule, route, kind: rule.kind, seq, log };
		}
		return null;
	}

	/** @returns {FaultStats} a deep copy */
	stats() {
		return structuredClone({ injected: this.injected, requests: this.requests, log: this.log });
	}
}

/**
 * The answer of a 429 / 5xx fault. 429 and 500 are the spec's (components.responses); the spec lists no 502 and no
 * body for 503/504, so the JSON bodies of 502/503/504 (`withBody: true`, the HTTP reason phrase) are INFERRED.
 * @param {FaultRule} rule
 * @returns {Reply}
 */
function answerFor(rule) {
	switch (rule.kind) {
		case '429': {
			const reply = faults.tooManyRequests(rule.retryAfterSeconds ?? 1);
			if (rule.retryAfterSeconds === null) delete reply.headers;
			return reply;
		}
		case '500':
			return rule.withBody === false ? { status: 500 } : faults.internalServerError();
		case '502':
			return rule.withBody ? { status: 502, json: { error: 'Bad Gateway' } } : faults.badGatewayPage();
		case '503':
			return rule.withBody ? { status: 503, json: { error: 'Service Unavailable' } } : faults.serviceUnavailable();
		case '504':
			return rule.withBody ? { status: 504, json: { error: 'Gateway Timeout' } } : faults.gatewayTimeout();
		default:
			throw new Error(`not an answering fault: ${rule.kind}`);
	}
}

module.exports = { FaultPlan, routeOf, answerFor, prng, ROUTES, KINDS, ANSWER_KINDS };
