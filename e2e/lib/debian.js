'use strict';
// Debian packages the end-to-end suites need (Chromium, Redis, PostgreSQL, …): installed with apt-get
// when missing, so a suite passes on a fresh machine. `apt-get update` runs only when the first
// install attempt fails (the package lists of a fresh machine are often empty).
const { spawnSync } = require('child_process');
const { run } = require('./proc');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether a command is on the PATH. */
const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;

/**
 * Installs the packages whose `present()` is false.
 * @param {Array<{pkg: string, present: () => boolean}>} wanted
 * @returns {Promise<string>} what was done
 */
async function ensureDebianPackages(wanted) {
	const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
	const names = wanted.map((w) => w.pkg).join(', ');
	if (missing.length === 0) return `${names} already installed`;
	if (!isRoot) throw new Error(`missing ${missing.join(', ')}; install them (apt-get install -y ${missing.join(' ')}) or run as root`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, timeoutMs: 15 * 60_000 });
	let r = await install();
	if (r.code !== 0) {
		const u = await run('apt-get', ['update', '-qq'], { env, timeoutMs: 10 * 60_000 });
		if (u.code !== 0) throw new Error(`apt-get update failed:\n${u.stderr.slice(-2000)}`);
		r = await install();
	}
	if (r.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${(r.stdout + r.stderr).slice(-2000)}`);
	const still = wanted.filter((w) => !w.present()).map((w) => w.pkg);
	if (still.length) throw new Error(`apt-get install ${missing.join(' ')} left ${still.join(', ')} missing`);
	return `installed ${missing.join(', ')} with apt-get in ${(r.ms / 1000).toFixed(0)} s`;
}

module.exports = { ensureDebianPackages, hasCommand, isRoot };
