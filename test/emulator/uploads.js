// @ts-check
/**
 * Uploaded files: the exact bytes received by POST /v2/upload, keyed by upload id.
 * Upload URLs look like the real CDN's: `<base>/upload/<64 hex>/<uuid>` (API-NOTES §2).
 */
'use strict';

const crypto = require('crypto');

const UPLOAD_PATH = /^\/upload\/([0-9a-f]{64})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const REAL_CDN_HOST = 'cdn.assemblyai.com';

/**
 * @typedef {object} UploadLookup
 * @property {boolean} isUploadUrl  the URL is shaped like an upload URL (this emulator's, an earlier run's, or the real CDN's)
 * @property {string} [uploadId]    set when the URL names an upload this emulator holds
 * @property {Buffer} [bytes]       the uploaded bytes, when known
 */

class UploadStore {
	/** @param {() => string} baseUrl */
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		/** @type {Map<string, Buffer>} upload id (uuid) -> bytes */
		this.files = new Map();
		/** @type {Map<string, string>} upload id -> the 64-hex path segment */
		this.secrets = new Map();
	}

	/**
	 * @param {Buffer} bytes
	 * @returns {{ uploadId: string, uploadUrl: string }}
	 */
	add(bytes) {
		const uploadId = crypto.randomUUID();
		const secret = crypto.randomBytes(32).toString('hex');
		this.files.set(uploadId, bytes);
		this.secrets.set(uploadId, secret);
		return { uploadId, uploadUrl: `${this.baseUrl()}/upload/${secret}/${uploadId}` };
	}

	/**
	 * @param {string} url
	 * @returns {UploadLookup}
	 */
	lookup(url) {
		let parsed;
		try {
			parsed = new URL(url);
		} catch {
			return { isUploadUrl: false };
		}
		const own = parsed.origin === new URL(this.baseUrl()).origin;
		const m = UPLOAD_PATH.exec(parsed.pathname);
		// Upload URLs of this emulator, of an earlier emulator run (any host, same path shape) or of the real CDN.
		const isUploadUrl = (own && parsed.pathname.startsWith('/upload/')) || m !== null || parsed.hostname === REAL_CDN_HOST;
		if (!isUploadUrl) return { isUploadUrl: false };
		if (!own || !m || this.secrets.get(m[2]) !== m[1]) return { isUploadUrl: true };
		const bytes = this.files.get(m[2]);
		return bytes ? { isUploadUrl: true, uploadId: m[2], bytes } : { isUploadUrl: true };
	}

	/** @param {string} uploadId */
	delete(uploadId) {
		this.files.delete(uploadId);
		this.secrets.delete(uploadId);
	}

	clear() {
		this.files.clear();
		this.secrets.clear();
	}
}

module.exports = { UploadStore, UPLOAD_PATH };
