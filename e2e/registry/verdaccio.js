'use strict';
// A local npm registry for the suite: Verdaccio (installed once into the e2e cache), one instance per
// n8n version with its own storage, config and user in the suite's work folder, on 127.0.0.1.
// Our package is served from local storage only and can be published only by the one local user the
// suite registers (max_users: 1, token auth); every other package is read through from the registry
// this machine's npm uses.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { run, startServer } = require('../lib/proc');
const { npmEnv, tail } = require('../lib/toolchain');

// 6.8.0 is the last Verdaccio that supports Node 20 (6.9 and later want Node 22).
const VERDACCIO_VERSION = '6.8.0';

/** Installs Verdaccio into the e2e cache once; returns its package folder. */
async function ensureVerdaccio(cache) {
	const dir = path.join(cache, `verdaccio-${VERDACCIO_VERSION}`);
	const pkgDir = path.join(dir, 'node_modules', 'verdaccio');
	const marker = path.join(dir, '.installed-ok');
	if (fs.existsSync(marker) && fs.existsSync(path.join(pkgDir, 'package.json'))) return { pkgDir, how: 'cached' };
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
	const r = await run('npm', ['install', '--no-save', `verdaccio@${VERDACCIO_VERSION}`, '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		env: npmEnv(),
		timeoutMs: 600_000,
	});
	if (r.code !== 0) throw new Error(`npm install verdaccio@${VERDACCIO_VERSION} failed:\n${tail(r.stdout + r.stderr)}`);
	fs.writeFileSync(marker, new Date().toISOString());
	return { pkgDir, how: `installed in ${(r.ms / 1000).toFixed(0)} s` };
}

/** The registry this machine's npm reads from (Verdaccio's uplink for everything but our package). */
function machineRegistry() {
	const r = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8', env: npmEnv(), timeout: 60_000 });
	const url = r.status === 0 ? r.stdout.trim() : '';
	return /^https?:\/\//.test(url) ? url : 'https://registry.npmjs.org/';
}

function configYaml({ storage, htpasswd, uplink, packageName }) {
	// JSON is YAML: no YAML writer needed.
	return JSON.stringify(
		{
			storage,
			auth: { htpasswd: { file: htpasswd, max_users: 1 } },
			uplinks: { npmjs: { url: uplink } },
			packages: {
				// Ours: local only (no proxy), so nothing from the public registry can shadow it.
				[packageName]: { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
				// Everything else: read-through, never publishable here (no user is in group "nobody").
				'**': { access: '$all', publish: 'nobody', unpublish: 'nobody', proxy: 'npmjs' },
			},
			log: { type: 'stdout', format: 'json', level: 'http' },
		},
		null,
		2,
	);
}

/**
 * Starts a fresh registry in `dir` and registers the suite's publishing user.
 * @returns {Promise<{url: string, token: string, npmrc: string, uplink: string, logFile: string,
 *   requests: () => Array<{method: string, url: string, status: number, user: string|null}>,
 *   publish: (cwd: string, args?: string[]) => Promise<any>, stop: () => Promise<void>}>}
 */
async function startRegistry({ cache, dir, packageName, user = 'e2e-publisher', timeoutMs = 120_000 }) {
	const { pkgDir } = await ensureVerdaccio(cache);
	fs.mkdirSync(dir, { recursive: true });
	const uplink = machineRegistry();
	const configFile = path.join(dir, 'config.yaml');
	fs.writeFileSync(configFile, configYaml({ storage: path.join(dir, 'storage'), htpasswd: path.join(dir, 'htpasswd'), uplink, packageName }));
	const logFile = path.join(dir, 'verdaccio.log');
	const server = startServer(process.execPath, [path.join(__dirname, 'verdaccio-main.js'), pkgDir, configFile], { cwd: dir, env: process.env, logFile });

	const until = Date.now() + timeoutMs;
	let port;
	while (!port) {
		const m = /\{"port":(\d+)\}/.exec(server.output());
		if (m) port = Number(m[1]);
		else if (server.child.exitCode !== null) throw new Error(`verdaccio exited (${server.child.exitCode}):\n${tail(server.output())}`);
		else if (Date.now() > until) {
			await server.stop();
			throw new Error(`verdaccio did not listen within ${timeoutMs / 1000} s:\n${tail(server.output())}`);
		} else await new Promise((r) => setTimeout(r, 200));
	}
	const url = `http://127.0.0.1:${port}/`;

	// What `npm adduser` does; the answer carries the token npm would store.
	const password = `pw-${process.pid}-${Date.now()}`;
	const res = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: user, password, type: 'user', roles: [], date: new Date().toISOString() }),
	});
	const body = await res.json().catch(() => ({}));
	if (res.status !== 201 || !body.token) {
		await server.stop();
		throw new Error(`registering the publishing user: HTTP ${res.status} ${JSON.stringify(body)}`);
	}
	const token = body.token;
	// A user config of its own: the publishing token never lands in ~/.npmrc.
	const npmrc = path.join(dir, 'publisher.npmrc');
	fs.writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);

	const requests = () =>
		server
			.output()
			.split('\n')
			.filter((l) => l.includes('"request"'))
			.flatMap((l) => {
				try {
					const j = JSON.parse(l);
					return j.request ? [{ method: j.request.method, url: j.request.url, status: j.status, user: j.user ?? null }] : [];
				} catch {
					return [];
				}
			});

	/** `npm publish` in cwd to this registry with the publisher's token (RELEASE_MODE as n8n-node release sets it). */
	const publish = (cwd, args = []) =>
		run('npm', ['publish', `--registry=${url}`, `--userconfig=${npmrc}`, '--no-audit', '--no-fund', '--loglevel=error', ...args], {
			cwd,
			env: { ...npmEnv(), RELEASE_MODE: 'true' },
			timeoutMs: 300_000,
		});

	return { url, port, token, npmrc, uplink, logFile, requests, publish, stop: () => server.stop() };
}

/** The registry's packument of a package (its versions and dist-tags), or undefined for a 404. */
async function packument(url, name) {
	const res = await fetch(`${url}${name}`, { signal: AbortSignal.timeout(30_000) });
	if (res.status === 404) return undefined;
	if (!res.ok) throw new Error(`GET ${url}${name}: HTTP ${res.status}`);
	return res.json();
}

module.exports = { VERDACCIO_VERSION, ensureVerdaccio, startRegistry, packument, machineRegistry };
