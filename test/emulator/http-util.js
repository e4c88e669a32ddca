// @ts-check
/** Small HTTP helpers shared by the server and the route handlers. */
'use strict';

/**
 * What a route handler or request hook answers. `json` is serialized with content-type application/json;
 * `text` is sent as-is (set your own content-type in `headers`); neither means an empty body.
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [json]
 * @property {string | Buffer} [text]
 * @property {Record<string, string | number>} [headers]
 */

/**
 * Reads the whole request body, whatever its framing (Content-Length or chunked).
 * @param {import('http').IncomingMessage} req
 * @param {(bytesSoFar: number) => void} [onProgress]
 * @returns {Promise<Buffer>}
 */
function readBody(req, onProgress) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			chunks.push(chunk);
			size += chunk.length;
			if (onProgress) onProgress(size);
		});
		req.on('end', () => resolve(Buffer.concat(chunks, size)));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.complete) reject(new Error('request body incomplete: client went away'));
		});
	});
}

/**
 * @param {number} status
 * @param {unknown} json
 * @param {Record<string, string | number>} [headers]
 * @returns {Reply}
 */
function jsonReply(status, json, headers) {
	return { status, json, headers };
}

/**
 * @param {number} status
 * @param {string} message
 * @returns {Reply}
 */
function errorReply(status, message) {
	return { status, json: { error: message } };
}

/**
 * @param {import('http').ServerResponse} res
 * @param {Reply} reply
 */
function send(res, reply) {
	if (res.headersSent || res.destroyed) return;
	/** @type {Record<string, string | number>} */
	const headers = { ...(reply.headers ?? {}) };
	/** @type {string | Buffer | undefined} */
	let body = reply.text;
	if (reply.json !== undefined) {
		body = JSON.stringify(reply.json);
		headers['content-type'] = 'application/json';
	}
	if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
	res.writeHead(reply.status, headers);
	res.end(body);
}

module.exports = { readBody, jsonReply, errorReply, send };
