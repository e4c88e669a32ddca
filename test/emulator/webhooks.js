// @ts-check
/**
 * Webhook delivery the way AssemblyAI does it (API-NOTES §8): when a transcript with a `webhook_url` reaches
 * completed or error, POST `{"transcript_id", "status"}` as application/json to the URL exactly as given (query
 * included), with `<webhook_auth_header_name>: <webhook_auth_header_value>` when both are set.
 *
 * - A 2xx answer ends delivery. A 4xx answer is final (no retry). Anything else (other statuses, a connection
 *   error, no complete answer within `timeoutMs`) is a failed attempt, retried after `retryMs`, up to `maxAttempts`
 *   attempts in total (real API: 10 s deadline, 10 s apart, 10 attempts).
 * - The last HTTP status received is stored in the transcript (`webhook_status_code` in GET).
 * - Each transcript has a timer for its completion time, so delivery happens without anybody polling. With a hand-
 *   driven clock (`now` option) it re-checks the clock every 20 ms instead; a GET of the transcript or
 *   deliverDue() also starts a due delivery at once.
 * - By default only loopback hosts (127.0.0.0/8, localhost, ::1) are called; other hosts are not tracked at all, so
 *   tests that put `https://hooks.example.com/...` in a request never reach the internet.
 * - A transcript deleted before its completion time gets no webhook (undocumented for the real API).
 */
'use strict';

const http = require('http');
const https = require('https');

/** @typedef {import('./store').TranscriptRecord} TranscriptRecord */
/** @typedef {import('./store').TranscriptStore} TranscriptStore */

/**
 * @typedef {object} WebhookAttempt
 * @property {string} transcriptId
 * @property {string} url             the webhook_url, as given
 * @property {number} attempt         1-based
 * @property {number | null} statusCode  the receiver's HTTP status; null while in flight, on a connection error or timeout
 * @property {string} [error]         connection error message, or 'timeout after N ms'
 * @property {string} [answer]        the start of the receiver's answer (up to 300 characters)
 * @property {Record<string, string>} headers  the headers the emulator set (Node adds Host and Connection)
 * @property {{ transcript_id: string, status: 'completed' | 'error' }} body
 * @property {number} at              ms timestamp (real time) the attempt started
 * @property {number | null} durationMs  until the answer, error or timeout
 * @property {'pending' | 'delivered' | 'retry' | 'final' | 'cancelled'} outcome  in flight; 2xx; failed, another
 *   attempt follows; failed and no more attempts (4xx, or the last attempt); aborted in flight by reset()/close()
 */

/**
 * @typedef {object} WebhookOptions
 * @property {number} retryMs      wait between attempts
 * @property {number} timeoutMs    answer deadline of one attempt
 * @property {number} maxAttempts  attempts in total
 * @property {'loopback' | 'all' | 'off'} delivery  which hosts are called
 */

/**
 * @typedef {object} Tracked
 * @property {TranscriptRecord} record
 * @property {'waiting' | 'delivering' | 'done'} state
 * @property {NodeJS.Timeout | null} timer
 * @property {import('http').ClientRequest | null} request
 * @property {number} attempts
 */

const RECHECK_MS = 20;

/** @param {string} hostname as URL.hostname gives it */
function isLoopback(hostname) {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The request target exactly as written in the URL (no re-encoding by the URL parser), without the fragment;
 * falls back to the parsed form when Node would refuse the raw text.
 * @param {string} raw
 * @param {URL} parsed
 */
function requestPath(raw, parsed) {
	const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(raw);
	let path = m ? m[1] : '';
	if (path === '' || path.startsWith('?')) path = `/${path}`;
	return /^[\x21-\x7e]+$/.test(path) ? path : parsed.pathname + parsed.search;
}

class WebhookDispatcher {
	/**
	 * @param {object} input
	 * @param {TranscriptStore} input.store
	 * @param {() => number} input.now  the emulator's clock
	 * @param {boolean} input.handDriven  `now` is not Date.now: poll it every 20 ms instead of trusting a timer
	 * @param {WebhookOptions} input.options
	 */
	constructor({ store, now, handDriven, options }) {
		this.store = store;
		this.now = now;
		this.handDriven = handDriven;
		this.options = { ...options };
		/** @type {Map<string, Tracked>} */
		this.tracked = new Map();
		/** @type {WebhookAttempt[]} */
		this.attempts = [];
		/** @type {Array<() => void>} */
		this.waiters = [];
		this.closed = false;
	}

	/** @param {Partial<WebhookOptions>} options */
	configure(options) {
		for (const [key, value] of Object.entries(options)) {
			if (value !== undefined) /** @type {any} */ (this.options)[key] = value;
		}
	}

	/**
	 * Called for every created transcript: arms its completion timer when it has a webhook_url to deliver to.
	 * @param {TranscriptRecord} record
	 */
	track(record) {
		if (this.closed || this.options.delivery === 'off') return;
		const url = record.params.webhook_url;
		if (typeof url !== 'string' || url === '') return;
		if (this.options.delivery === 'loopback') {
			let parsed;
			try {
				parsed = new URL(url);
			} catch {
				return;
			}
			if (!isLoopback(parsed.hostname)) return;
		}
		/** @type {Tracked} */
		const t = { record, state: 'waiting', timer: null, request: null, attempts: 0 };
		this.tracked.set(record.id, t);
		this.arm(t);
	}

	/** @param {Tracked} t */
	arm(t) {
		const remaining = this.store.finishedAt(t.record) - this.now();
		if (remaining <= 0) {
			this.due(t);
			return;
		}
		t.timer = setTimeout(() => this.recheck(t), this.handDriven ? RECHECK_MS : remaining);
	}

	/**
	 * The transcript's finish time changed: its completion timer is set again.
	 * @param {TranscriptRecord} record
	 */
	rearm(record) {
		const t = this.tracked.get(record.id);
		if (!t || t.state !== 'waiting') return;
		if (t.timer) clearTimeout(t.timer);
		t.timer = null;
		this.arm(t);
	}

	/** @param {Tracked} t */
	recheck(t) {
		t.timer = null;
		if (t.state !== 'waiting') return;
		if (this.store.finishedAt(t.record) - this.now() <= 0) this.due(t);
		else t.timer = setTimeout(() => this.recheck(t), RECHECK_MS);
	}

	/**
	 * A GET saw this transcript: start its delivery now when it is due (useful with a hand-driven clock).
	 * @param {TranscriptRecord} record
	 */
	poke(record) {
		const t = this.tracked.get(record.id);
		if (t && t.state === 'waiting' && this.store.finishedAt(record) - this.now() <= 0) this.due(t);
	}

	/** Starts every delivery whose transcript has finished by the emulator's clock. */
	deliverDue() {
		for (const t of this.tracked.values()) this.poke(t.record);
	}

	/** @param {Tracked} t */
	due(t) {
		if (t.timer) clearTimeout(t.timer);
		t.timer = null;
		const { record } = t;
		if (record.deletedAt !== null && record.deletedAt < this.store.finishedAt(record)) {
			this.finish(t);
			return;
		}
		t.state = 'delivering';
		this.attempt(t);
	}

	/** @param {Tracked} t */
	attempt(t) {
		if (this.closed || t.state === 'done') return;
		const { record } = t;
		const params = record.params;
		const url = String(params.webhook_url);
		const status = /** @type {'completed' | 'error'} */ (this.store.statusOf(record));
		const body = { transcript_id: record.id, status };
		const payload = JSON.stringify(body);
		/** @type {Record<string, string>} */
		const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) };
		const authName = params.webhook_auth_header_name;
		const authValue = params.webhook_auth_header_value;
		if (typeof authName === 'string' && authName !== '' && typeof authValue === 'string') headers[authName] = authValue;

		t.attempts++;
		/** @type {WebhookAttempt} */
		const entry = {
			transcriptId: record.id,
			url,
			attempt: t.attempts,
			statusCode: null,
			headers,
			body,
			at: Date.now(),
			durationMs: null,
			outcome: 'pending',
		};
		this.attempts.push(entry);

		let ended = false;
		/** @type {NodeJS.Timeout | null} */
		let deadline = null;
		/**
		 * @param {number | null} code
		 * @param {string} [error]
		 */
		const done = (code, error) => {
			if (ended) return;
			ended = true;
			if (deadline) clearTimeout(deadline);
			t.request = null;
			entry.statusCode = code;
			if (error !== undefined) entry.error = error;
			entry.durationMs = Date.now() - entry.at;
			if (this.closed || t.state === 'done') {
				entry.outcome = 'cancelled'; // by reset() or close()
				return;
			}
			if (code !== null) record.webhookStatusCode = code;
			if (code !== null && code >= 200 && code < 300) {
				entry.outcome = 'delivered';
				this.finish(t);
			} else if ((code !== null && code >= 400 && code < 500) || t.attempts >= this.options.maxAttempts) {
				entry.outcome = 'final';
				this.finish(t);
			} else {
				entry.outcome = 'retry';
				t.timer = setTimeout(() => {
					t.timer = null;
					this.attempt(t);
				}, this.options.retryMs);
			}
		};

		let req;
		try {
			const parsed = new URL(url);
			const client = parsed.protocol === 'https:' ? https : parsed.protocol === 'http:' ? http : null;
			if (!client) throw new Error(`unsupported protocol ${parsed.protocol}`);
			req = client.request({
				method: 'POST',
				protocol: parsed.protocol,
				hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
				port: parsed.port || undefined,
				path: requestPath(url, parsed),
				headers,
				agent: false, // a fresh connection per attempt, closed afterwards: nothing lingers after close()
			});
		} catch (err) {
			// Invalid URL or header: counts as a failed attempt, like a connection error.
			setImmediate(() => done(null, err instanceof Error ? err.message : String(err)));
			return;
		}
		t.request = req;
		deadline = setTimeout(() => {
			req.destroy();
			done(null, `timeout after ${this.options.timeoutMs} ms`);
		}, this.options.timeoutMs);
		req.on('response', (res) => {
			// The start of the answer, for the log (a receiver's reason for a non-2xx).
			let answer = '';
			res.setEncoding('utf8');
			res.on('data', (/** @type {string} */ text) => {
				if (answer.length < 300) entry.answer = answer = (answer + text).slice(0, 300);
			});
			res.on('end', () => done(res.statusCode ?? null));
			res.on('error', (err) => done(res.statusCode ?? null, err.message));
			res.on('close', () => done(res.statusCode ?? null));
		});
		req.on('error', (err) => done(null, err.message || String(err)));
		req.end(payload);
	}

	/** @param {Tracked} t */
	finish(t) {
		if (t.timer) clearTimeout(t.timer);
		t.timer = null;
		t.state = 'done';
		this.notify();
	}

	pending() {
		let n = 0;
		for (const t of this.tracked.values()) if (t.state !== 'done') n++;
		return n;
	}

	notify() {
		if (this.pending() > 0) return;
		const waiters = this.waiters.splice(0);
		for (const resolve of waiters) resolve();
	}

	/**
	 * Resolves once no delivery is pending: every tracked transcript has finished and its delivery has ended
	 * (delivered, rejected with 4xx or out of attempts), or everything was cancelled by reset()/close().
	 * @returns {Promise<void>}
	 */
	settled() {
		if (this.pending() === 0) return Promise.resolve();
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	/** @returns {WebhookAttempt[]} copies, in the order the attempts started */
	log() {
		return this.attempts.map((a) => structuredClone(a));
	}

	/** Cancels every timer and in-flight request, forgets the tracked transcripts and the log. */
	reset() {
		this.cancelAll();
		this.tracked.clear();
		this.attempts.length = 0;
	}

	/** Cancels everything for good. */
	close() {
		this.closed = true;
		this.cancelAll();
	}

	cancelAll() {
		for (const t of this.tracked.values()) {
			if (t.timer) clearTimeout(t.timer);
			t.timer = null;
			t.state = 'done';
			const req = t.request;
			t.request = null;
			if (req) req.destroy();
		}
		const waiters = this.waiters.splice(0);
		for (const resolve of waiters) resolve();
	}
}

module.exports = { WebhookDispatcher, isLoopback, requestPath };
