// @ts-check
/**
 * Ready-made answers for request hooks (`emu.onRequest`), shaped like the spec's error responses
 * (components.responses, API-NOTES §7). The switchable fault plan (`emu.setFaults`, fault-plan.js) uses them too.
 */
'use strict';

const messages = require('./messages');

/** @typedef {import('./http-util').Reply} Reply */
/** @typedef {import('./routes').RequestContext} RequestContext */

module.exports = {
	/**
	 * 429 with the documented body and a Retry-After header (seconds).
	 * @param {number} [retryAfterSeconds]
	 * @returns {Reply}
	 */
	tooManyRequests: (retryAfterSeconds = 1) => ({
		status: 429,
		headers: { 'retry-after': String(retryAfterSeconds) },
		json: { error: 'Too Many Requests' },
	}),
	/** The 2026-08 spec's text (March 2026: "Internal Server Error"). @returns {Reply} */
	internalServerError: () => ({ status: 500, json: { error: messages.INTERNAL_SERVER_ERROR } }),
	/**
	 * 502 as a load balancer in front of an API sends it: an HTML page, not JSON. INFERRED (the spec lists no 502).
	 * @returns {Reply}
	 */
	badGatewayPage: () => ({
		status: 502,
		headers: { 'content-type': 'text/html' },
		text: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
	}),
	/** 503 and 504 declare no body schema in the spec. @returns {Reply} */
	serviceUnavailable: () => ({ status: 503 }),
	/** @returns {Reply} */
	gatewayTimeout: () => ({ status: 504 }),
	/**
	 * Drops the TCP connection without an answer.
	 * @param {RequestContext} ctx
	 * @returns {true}
	 */
	dropConnection: (ctx) => {
		ctx.req.socket.destroy();
		return true;
	},
};
