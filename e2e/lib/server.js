'use strict';
// One `n8n start` per version, shared by the server tests and the editor checks: listening on
// 127.0.0.1 with WEBHOOK_URL pointing at itself, an owner account set up over REST, and a small REST
// client signed in as that owner.
const net = require('net');
const path = require('path');

const OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Password-1' };

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

async function waitReady(base, server, timeoutMs = 120_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (server.child.exitCode !== null) throw new Error(`n8n start exited (${server.child.exitCode}):\n${server.output().slice(-3000)}`);
		try {
			// /healthz/readiness turns 200 before 1.x has mounted its REST routes: wait for those.
			const r = await fetch(`${base}/rest/settings`, { signal: AbortSignal.timeout(3000) });
			if (r.ok && (r.headers.get('content-type') || '').includes('json')) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`n8n start not ready after ${timeoutMs / 1000} s:\n${server.output().slice(-3000)}`);
}

/**
 * Starts `n8n start`, waits until its REST API answers, creates the owner and signs in.
 * @returns {Promise<{base: string, port: number, logFile: string, server: any, cookie: string,
 *   rest: (method: string, p: string, body?: any) => Promise<any>, stop: () => Promise<void>}>}
 */
async function startN8nServer({ n8n, work, version, timed, tag, readyTimeoutMs = 120_000 }) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const logFile = path.join(work, `n8n-start-${version}.log`);
	// WEBHOOK_URL: what n8n puts into production webhook URLs and $execution.resumeUrl.
	const server = n8n.start({ port, logFile, env: { WEBHOOK_URL: `${base}/`, N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	const srv = { base, port, logFile, server, cookie: '', stop: () => server.stop() };
	try {
		await timed(`${tag} n8n start until ready`, () => waitReady(base, server, readyTimeoutMs));
		const r = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!r.ok) throw new Error(`owner setup: HTTP ${r.status} ${await r.text()}`);
		srv.cookie = (r.headers.getSetCookie?.() || []).map((c) => c.split(';')[0]).join('; ');
	} catch (err) {
		await server.stop();
		throw err;
	}
	/** REST call as the owner; returns the JSON's `data` (or the JSON). Throws on a non-2xx answer. */
	srv.rest = async (method, p, body) => {
		const res = await fetch(`${base}${p}`, {
			method,
			headers: { cookie: srv.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${text.slice(0, 500)}`);
		const json = text ? JSON.parse(text) : undefined;
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	};
	return srv;
}

module.exports = { startN8nServer, freePort, waitReady, OWNER };
