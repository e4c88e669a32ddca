'use strict';
// One `n8n start` per version, shared by the server tests and the editor checks: listening on
// 127.0.0.1 with WEBHOOK_URL pointing at itself (or, with `proxy`, at nginx in front of it), an owner
// account set up over REST (or signed in, when the user folder has one), and a small REST client
// signed in as that owner.
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

/** Creates the owner, or signs in when the user folder already has one; returns the session cookie. */
async function signIn(base) {
	const postJson = (p, body) => fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	let r = await postJson('/rest/owner/setup', OWNER);
	if (r.status === 400) r = await postJson('/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	if (!r.ok) throw new Error(`owner setup or sign-in: HTTP ${r.status} ${await r.text()}`);
	return (r.headers.getSetCookie?.() || []).map((c) => c.split(';')[0]).join('; ');
}

/**
 * Starts `n8n start`, waits until its REST API answers, creates the owner (or signs in).
 * With `proxy`, nginx (lib/nginx.js) in front of it: WEBHOOK_URL is the proxy's (`publicBase`), n8n
 * logs as JSON (so a test can read the level of a line), N8N_PROXY_HOPS is set when `proxy.hops` is.
 * @returns {Promise<{base: string, publicBase: string, port: number, logFile: string, server: any, cookie: string,
 *   rest: (method: string, p: string, body?: any) => Promise<any>, stop: () => Promise<void>}>}
 */
async function startN8nServer({ n8n, work, version, timed, tag, readyTimeoutMs = 120_000, proxy, name = version }) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const logFile = path.join(work, `n8n-start-${name}.log`);
	let nginx;
	const env = { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	if (proxy) {
		const { startNginx } = require('./nginx');
		nginx = await startNginx(path.join(work, `nginx-${name}`), port, 60 * 60_000);
		Object.assign(env, { N8N_LOG_FORMAT: 'json' }, proxy.hops ? { N8N_PROXY_HOPS: String(proxy.hops) } : {});
	}
	const publicBase = nginx ? nginx.base : base;
	// WEBHOOK_URL: what n8n puts into production webhook URLs and $execution.resumeUrl.
	env.WEBHOOK_URL = `${publicBase}/`;
	const server = n8n.start({ port, logFile, env });
	const stop = async () => {
		await server.stop();
		if (nginx) await nginx.stop();
	};
	const srv = { base, publicBase, port, logFile, server, cookie: '', stop };
	try {
		await timed(`${tag} n8n start until ready`, () => waitReady(base, server, readyTimeoutMs));
		srv.cookie = await signIn(base);
	} catch (err) {
		await stop();
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
