// @ts-check
/**
 * The HTTP layer: logs every request, reads its body (any framing), runs request hooks,
 * checks the API key on /v2 paths and dispatches to the route table.
 */
'use strict';

const http = require('http');
const messages = require('./messages');
const { routes } = require('./routes');
const { readBody, send, errorReply } = require('./http-util');

/** @typedef {import('./routes').RequestContext} RequestContext */
/** @typedef {import('./routes').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./routes').EmulatorState} EmulatorState */
/** @typedef {import('./http-util').Reply} Reply */

/**
 * A request hook runs before authentication and routing, after the body has been read.
 * Return a Reply to answer instead of the emulator, `true` when the hook answered (or destroyed the socket)
 * itself, or nothing to let the request through. This is where faults (429, 5xx, drops, delays) plug in.
 * @typedef {(ctx: RequestContext) => Reply | true | void | undefined | Promise<Reply | true | void | undefined>} RequestHook
 */

/**
 * @param {object} options
 * @param {EmulatorState} options.state
 * @param {RequestLogEntry[]} options.requests  log, appended to on arrival
 * @param {RequestHook[]} options.hooks
 */
function createServer({ state, requests, hooks }) {
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

		let body;
		try {
			body = await readBody(req, (n) => {
				entry.bodyBytes = n;
			});
		} catch {
			return; // the client went away mid-body
		}

		const url = new URL(path, 'http://emulator.local');
		const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
		/** @type {RequestContext} */
		const ctx = { req, res, method, path, pathname, query: url.searchParams, headers: entry.headers, body, entry, params: [] };

		for (const hook of hooks) {
			const answer = await hook(ctx);
			if (answer === true || res.writableEnded || res.destroyed) return;
			if (answer) return send(res, answer);
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
		if (needsAuth && req.headers.authorization !== state.apiKey) return send(res, errorReply(401, messages.UNAUTHORIZED));
		if (!route) return send(res, errorReply(404, messages.NOT_FOUND));
		send(res, route.handle(ctx, state));
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			// eslint-disable-next-line no-console
			console.error('[assemblyai-emulator] handler failed:', err);
			send(res, errorReply(500, 'Internal Server Error'));
		});
	});
	return server;
}

module.exports = { createServer };
