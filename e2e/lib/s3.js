'use strict';
// An S3-compatible object store on 127.0.0.1 (s3rver from npm, installed into the e2e cache by
// npm-tools.js; MinIO is not available here), reached by n8n's own S3 node through an `s3`
// credential with a custom endpoint and path-style URLs. It runs inside the suite's process on a port
// the OS picks, stores objects under `dir`, and logs every request it gets.
//
// s3rver accepts only access key IDs it knows (we register ours) but does not verify AWS v4
// signatures; n8n signs every request, and that is all the stories need from it.
const fs = require('fs');

/**
 * @param {{tools: {require: (m: string) => any}, dir: string, buckets: string[], accessKeyId: string, secretAccessKey: string}} o
 * @returns {Promise<{endpoint: string, requests: {method: string, url: string}[], put: (bucket: string, key: string, bytes: Buffer, contentType?: string) => Promise<void>,
 *   list: (bucket: string) => Promise<string[]>, close: () => Promise<void>}>}
 */
async function startS3({ tools, dir, buckets, accessKeyId, secretAccessKey }) {
	const S3rver = tools.require('s3rver');
	tools.require('s3rver/lib/models/account').DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
	fs.mkdirSync(dir, { recursive: true });
	const s3 = new S3rver({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory: dir,
		resetOnClose: true,
		configureBuckets: buckets.map((name) => ({ name })),
	});
	const { port } = await s3.run();
	const endpoint = `http://127.0.0.1:${port}`;
	/** @type {{method: string, url: string}[]} */
	const requests = [];
	s3.httpServer.on('request', (req) => requests.push({ method: req.method, url: req.url }));
	return {
		endpoint,
		requests,
		// What a recorder or a sync tool does: PUT the object (anonymous requests are allowed).
		async put(bucket, key, bytes, contentType = 'audio/wav') {
			const r = await fetch(`${endpoint}/${bucket}/${key}`, { method: 'PUT', body: bytes, headers: { 'content-type': contentType } });
			if (!r.ok) throw new Error(`PUT ${bucket}/${key}: HTTP ${r.status} ${await r.text()}`);
		},
		async list(bucket) {
			const r = await fetch(`${endpoint}/${bucket}?list-type=2`);
			const xml = await r.text();
			return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]);
		},
		async close() {
			s3.httpServer.closeAllConnections?.();
			await s3.close();
		},
	};
}

module.exports = { startS3 };
