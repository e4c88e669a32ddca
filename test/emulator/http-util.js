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
 * The status, headers and body bytes a reply is sent as.
 * @param {Reply} reply
 * @returns {{ status: number, headers: Record<string, string | number>, body: string | Buffer | undefined }}
 */
function serialize(reply) {
	/** @type {Record<string, string | number>} */
	const headers = { ...(reply.headers ?? {}) };
	/** @type {string | Buffer | undefined} */
	let body = reply.text;
	if (reply.json !== undefined) {
		body = JSON.stringify(reply.json);
		headers['content-type'] = 'application/json';
	}
	if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
	return { status: reply.status, headers, body };
}

/**
 * @param {import('http').ServerResponse} res
 * @param {Reply} reply
 */
function send(res, reply) {
	if (res.headersSent || res.destroyed) return;
	const { status, headers, body } = serialize(reply);
	res.writeHead(status, headers);
	res.end(body);
}

/**
 * Sends the reply's status with its body cut in half (at least one byte short of the whole), labelled
 * application/json: a complete HTTP message whose JSON does not parse. An empty body becomes `{"`.
 * @param {import('http').ServerResponse} res
 * @param {Reply} reply
 */
function sendTruncated(res, reply) {
	if (res.headersSent || res.destroyed) return;
	const { status, headers } = serialize(reply);
	const whole = Buffer.from(reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? ''));
	const body = whole.length >= 2 ? whole.subarray(0, Math.max(1, Math.floor(whole.length / 2))) : Buffer.from('{"');
	headers['content-type'] = 'application/json';
	headers['content-length'] = body.length;
	res.writeHead(status, headers);
	res.end(body);
}

module.exports = { readBody, jsonReply, errorReply, send, sendTruncated, serialize };
