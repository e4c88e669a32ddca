'use strict';
// Redis and PostgreSQL for the queue-mode suite: installed from Debian packages when missing, then our
// OWN instances on 127.0.0.1, on free ports, with their data under the suite's work folder. Both run
// as children of the suite (in its process groups), so they are killed with it; stop() shuts them
// down cleanly.
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawnSync } = require('child_process');
const { run, startServer } = require('../lib/proc');
const { ensureDebianPackages, hasCommand, isRoot } = require('../lib/debian');

/** A free TCP port on 127.0.0.1 (the OS picks it; nothing holds it afterwards). */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/** The newest /usr/lib/postgresql/<ver>/bin holding initdb and postgres. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const versions = fs
		.readdirSync(base)
		.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')) && fs.existsSync(path.join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

/** Redis and PostgreSQL from Debian's packages when either is missing. */
const ensureInstalled = () =>
	ensureDebianPackages([
		{ pkg: 'redis-server', present: () => hasCommand('redis-server') },
		{ pkg: 'postgresql', present: () => postgresBinDir() !== undefined },
	]);

/** Sends PING over a plain socket; true on +PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1');
		let buf = '';
		const done = (ok) => {
			s.destroy();
			resolve(ok);
		};
		s.setTimeout(1000, () => done(false));
		s.on('error', () => done(false));
		s.on('connect', () => s.write('PING\r\n'));
		s.on('data', (c) => {
			buf += c;
			if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
		});
	});
}

/** A server with a time limit: stopped (SIGTERM, then SIGKILL) when it is still running at the deadline. */
function limited(server, limitMs, label) {
	const timer = setTimeout(() => {
		console.log(`queue e2e: ${label} reached its time limit (${Math.round(limitMs / 60_000)} min), stopping it`);
		server.stop(5000);
	}, limitMs);
	timer.unref();
	server.exited.then(() => clearTimeout(timer));
	return server;
}

async function until(what, fn, { timeoutMs, server }) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (server && server.child.exitCode !== null) throw new Error(`${what} exited (${server.child.exitCode}):\n${server.output().slice(-2000)}`);
		if (await fn()) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${what} not ready after ${timeoutMs / 1000} s${server ? `:\n${server.output().slice(-2000)}` : ''}`);
}

/**
 * redis-server with its whole config on the command line: 127.0.0.1 only, no persistence.
 * @returns {Promise<{port: number, server: any, stop: () => Promise<void>}>}
 */
async function startRedis(dir, limitMs) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const server = limited(startServer(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning'],
		{ cwd: dir, logFile: path.join(dir, 'redis.log') },
	), limitMs, 'redis-server');
	await until('redis-server', () => redisPing(port), { timeoutMs: 30_000, server });
	return { port, server, stop: () => server.stop(5000) };
}

/** A command as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
const asPostgres = (cmd, args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

/**
 * initdb into `dir` (trust auth, 127.0.0.1 only), then `postgres` in the foreground as our child; a
 * role and database `n8n` (password `n8n`).
 * @returns {Promise<{port: number, server: any, database: string, user: string, password: string, stop: () => Promise<void>}>}
 */
async function startPostgres(dir, limitMs) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('no /usr/lib/postgresql/<version>/bin');
	const data = path.join(dir, 'data');
	const sock = path.join(dir, 'sock');
	fs.mkdirSync(sock, { recursive: true });
	// The postgres user must reach its folders: the work folder is mkdtemp's 0700.
	if (isRoot) {
		fs.chmodSync(path.dirname(dir), 0o711);
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
		fs.chownSync(dir, uid, gid);
		fs.chownSync(sock, uid, gid);
	}
	const [c1, a1] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
	const init = await run(c1, a1, { cwd: '/', timeoutMs: 180_000 });
	if (init.code !== 0) throw new Error(`initdb failed:\n${(init.stdout + init.stderr).slice(-2000)}`);
	const port = await freePort();
	const [c2, a2] = asPostgres(path.join(bin, 'postgres'), [
		'-D', data,
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${sock}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=100',
		'-c', 'shared_buffers=64MB',
	]);
	const server = limited(startServer(c2, a2, { cwd: '/', logFile: path.join(path.dirname(dir), 'postgres.log') }), limitMs, 'postgres');
	await until('postgres', async () => (await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], { timeoutMs: 5000 })).code === 0, {
		timeoutMs: 60_000,
		server,
	});
	const psql = (sql) => run(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { timeoutMs: 30_000 });
	for (const sql of ["CREATE ROLE n8n LOGIN PASSWORD 'n8n'", 'CREATE DATABASE n8n OWNER n8n']) {
		const r = await psql(sql);
		if (r.code !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
	}
	// SIGINT: PostgreSQL's "fast" shutdown (SIGTERM from startServer would wait for clients).
	const stop = async () => {
		if (server.child.exitCode === null) {
			try {
				process.kill(-server.child.pid, 'SIGINT');
			} catch {
				/* gone */
			}
		}
		await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
		await server.stop(2000);
	};
	return { port, server, database: 'n8n', user: 'n8n', password: 'n8n', bin, stop };
}

module.exports = { ensureInstalled, startRedis, startPostgres, freePort, postgresBinDir, limited };
