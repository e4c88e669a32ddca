// @ts-check
/**
 * Ready-made answers for request hooks (`emu.onRequest`), shaped like the spec's error responses
 * (components.responses, API-NOTES §7). Switchable fault plans can be built on these later.
 */
'use strict';

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
	/** @returns {Reply} */
	internalServerError: () => ({ status: 500, json: { error: 'Internal Server Error' } }),
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
