'use strict';
// PostgreSQL for the end-to-end suites (n8n's database in queue mode; the "CRM" table of the
// stories): Debian's package when missing, then our OWN instance on 127.0.0.1, on a free port, with
// its data under the suite's work folder, running as a child of the suite (in its process group) so
// it dies with it; stop() shuts it down cleanly.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { run, startServer } = require('./proc');
const { ensureDebianPackages, isRoot } = require('./debian');
const { freePort, limited, until } = require('./services');

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

/** For ensureDebianPackages: Debian's postgresql, present when initdb and postgres are. */
const POSTGRES_PACKAGE = { pkg: 'postgresql', present: () => postgresBinDir() !== undefined };

const ensurePostgres = () => ensureDebianPackages([POSTGRES_PACKAGE]);

/** A command as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
const asPostgres = (cmd, args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

/**
 * initdb into `dir` (trust auth, 127.0.0.1 only), then `postgres` in the foreground as our child; a
 * login role and a database it owns (default: role and database `n8n`, password `n8n`); its log is
 * `logName` beside `dir`.
 * @returns {Promise<{port: number, server: any, database: string, user: string, password: string, bin: string,
 *   psql: (sql: string) => Promise<{code: number|null, stdout: string, stderr: string}>, stop: () => Promise<void>}>}
 */
async function startPostgres(dir, limitMs, { user = 'n8n', password = 'n8n', database = 'n8n', logName = 'postgres.log' } = {}) {
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
	const server = limited(startServer(c2, a2, { cwd: '/', logFile: path.join(path.dirname(dir), logName) }), limitMs, 'postgres');
	await until('postgres', async () => (await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], { timeoutMs: 5000 })).code === 0, {
		timeoutMs: 60_000,
		server,
	});
	/** psql as the superuser, on `db` (default: the new database). */
	const psql = (sql, db = database) =>
		run(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { timeoutMs: 30_000 });
	for (const sql of [`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`, `CREATE DATABASE ${database} OWNER ${user}`]) {
		const r = await psql(sql, 'postgres');
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
	return { port, server, database, user, password, bin, psql, stop };
}

module.exports = { postgresBinDir, POSTGRES_PACKAGE, ensurePostgres, startPostgres };
