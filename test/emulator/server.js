// @ts-check
/**
 * The HTTP layer: logs every request, reads its body (any framing), runs request hooks,
 * checks the API key on /v2 paths and dispatches to the route table. Switchable faults (fault-plan.js) are
 * chosen when a request's headers arrive and applied around all of that.
 */
'use strict';

const http = require('http');
const messages = require('./messages');
const { routes } = require('./routes');
const { readBody, send, sendTruncated, errorReply } = require('./http-util');
const { routeOf, answerFor, ANSWER_KINDS } = require('./fault-plan');
const faults = require('./faults');

/** @typedef {import('./routes').RequestContext} RequestContext */
/** @typedef {import('./routes').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./routes').EmulatorState} EmulatorState */
/** @typedef {import('./http-util').Reply} Reply */

/**
 * A request hook runs before authentication and routing, after the body has been read.
 * Return a Reply to answer instead of the emulator, `true` when the hook answered (or destroyed the socket)
 * itself, or nothing to let the request through. Hooks run after the switchable faults' "before" stage.
 * @typedef {(ctx: RequestContext) => Reply | true | void | undefined | Promise<Reply | true | void | undefined>} RequestHook
 */

/**
 * @param {object} options
 * @param {EmulatorState} options.state
 * @param {RequestLogEntry[]} options.requests  log, appended to on arrival
 * @param {RequestHook[]} options.hooks
 * @param {import('./fault-plan').FaultPlan} options.faultPlan
 * @returns {{ server: import('http').Server, cancelDelayed: () => void }}  cancelDelayed drops the answers held back by `slow`
 */
function createServer({ state, requests, hooks, faultPlan }) {
	/** Answers held back by `slow` faults. @type {Map<NodeJS.Timeout, import('http').ServerResponse>} */
	const delayed = new Map();

	/**
	 * Hooks, authentication and the route: the emulator's own answer, or null when a hook answered itself.
	 * @param {RequestContext} ctx
	 * @returns {Promise<Reply | null>}
	 */
	async function respond(ctx) {
		const { req, res, method, pathname } = ctx;
		for (const hook of hooks) {
			const answer = await hook(ctx);
			if (answer === true || res.writableEnded || res.destroyed) return null;
			if (answer) return answer;
		}

		/** @type {import('./routes').Route | undefined} */
		let route;
		for (const candidate of routes) {
			const match = candidate.method === method ? candidate.pattern.exec(pathname) : null;
			if (match) {
				route = candidate;
				ctx.params = match.slice(1).map((p) => decodeURIComponent(p));
				break;
			}
		}
		const needsAuth = route ? route.auth : pathname === '/v2' || pathname.startsWith('/v2/');
		if (needsAuth && req.headers.authorization !== state.apiKey) return errorReply(401, messages.UNAUTHORIZED);
		if (!route) return errorReply(404, messages.NOT_FOUND);
		return route.handle(ctx, state);
	}

	/**
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 */
	async function handle(req, res) {
		const method = (req.method ?? 'GET').toUpperCase();
		const path = req.url ?? '/';
		/** @type {RequestLogEntry} */
		const entry = { method, path, headers: { ...req.headers }, bodyBytes: 0, at: Date.now() };
		requests.push(entry);

		const url = new URL(path, 'http://emulator.local');
		const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;

		// The fault is chosen when the headers arrive, so drop-before can cut a (chunked) body short.
		const fault = faultPlan.decide(routeOf(method, pathname), { method, path });
		const dropAt = fault?.kind === 'drop-before' ? (fault.rule.afterBytes ?? Infinity) : undefined;
		if (dropAt !== undefined && dropAt <= 0) {
			req.socket.destroy();
			return;
		}

		let body;
		try {
			body = await readBody(req, (n) => {
				entry.bodyBytes = n;
				if (dropAt !== undefined && n >= dropAt) req.socket.destroy();
			});
		} catch {
			return; // the client went away mid-body (or drop-before cut it)
		}

		if (fault?.kind === 'drop-before') {
			// The whole body was read; nothing happens, the client sees the connection close without an answer.
			req.socket.destroy();
			return;
		}
		if (fault && ANSWER_KINDS.includes(fault.kind)) {
			const reply = answerFor(fault.rule);
			fault.log.status = reply.status;
			send(res, reply);
			return;
		}

		/** @type {RequestContext} */
		const ctx = { req, res, method, path, pathname, query: url.searchParams, headers: entry.headers, body, entry, params: [] };
		const reply = await respond(ctx);
		if (reply === null) return;
		if (!fault) {
			send(res, reply);
			return;
		}

		// drop-after, 503-after, malformed-json, slow: the request took effect; note what it created.
		const json = /** @type {Record<string, any> | undefined} */ (reply.json);
		if (reply.status === 200 && json && fault.route === 'create') fault.log.transcriptId = json.id;
		if (reply.status === 200 && json && fault.route === 'upload') fault.log.uploadUrl = json.upload_url;
		if (fault.kind === 'drop-after') {
			req.socket.destroy();
			return;
		}
		if (fault.kind === '503-after') {
			// A load balancer or proxy in front of the API that gave up on the answer: the client sees a plain 503.
			fault.log.status = 503;
			send(res, faults.serviceUnavailable());
			return;
		}
		fault.log.status = reply.status;
		if (fault.kind === 'malformed-json') {
			sendTruncated(res, reply);
			return;
		}
		// slow
		const timer = setTimeout(() => {
			delayed.delete(timer);
			send(res, reply);
		}, fault.rule.delayMs ?? 1000);
		delayed.set(timer, res);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			console.error('[assemblyai-emulator] handler failed:', err);
			send(res, errorReply(500, 'Internal Server Error'));
		});
	});
	return {
		server,
		/** Drops the connections of answers still held back by `slow` faults. */
		cancelDelayed: () => {
			for (const [timer, res] of delayed) {
				clearTimeout(timer);
				res.destroy();
			}
			delayed.clear();
		},
	};
}

module.exports = { createServer };
