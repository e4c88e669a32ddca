'use strict';
// Redis and PostgreSQL for the queue-mode suite: installed from Debian packages when missing, then our
// OWN instances on 127.0.0.1, on free ports, with their data under the suite's work folder. Both run
// as children of the suite (in its process groups), so they are killed with it; stop() shuts them
// down cleanly. PostgreSQL itself lives in ../lib/postgres.js (the stories suite uses it too).
const fs = require('fs');
const net = require('net');
const path = require('path');
const { startServer } = require('../lib/proc');
const { ensureDebianPackages, hasCommand } = require('../lib/debian');
const { freePort, limited, until } = require('../lib/services');
const { POSTGRES_PACKAGE, postgresBinDir, startPostgres } = require('../lib/postgres');

/** Redis and PostgreSQL from Debian's packages when either is missing. */
const ensureInstalled = () => ensureDebianPackages([{ pkg: 'redis-server', present: () => hasCommand('redis-server') }, POSTGRES_PACKAGE]);

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

module.exports = { ensureInstalled, startRedis, startPostgres, freePort, postgresBinDir, limited };
