'use strict';
// npm packages that only the end-to-end suites use (an S3-compatible store, an SMTP server, a MIME
// parser…): installed at run time into a folder of the e2e cache, never into our package.json.
// A folder is filled once: npm installs into a temporary sibling that is then renamed into place,
// so suites running at the same time never see a half-installed folder.
const fs = require('fs');
const path = require('path');
const { run } = require('./proc');

/**
 * @param {string} cache the e2e cache folder
 * @param {string} name the tools folder, e.g. `stories-tools`
 * @param {string[]} specs exact `name@version` specs
 * @returns {Promise<{dir: string, require: (name: string) => any, installedNow: boolean, ms: number}>}
 */
async function ensureNpmTools(cache, name, specs) {
	const dir = path.join(cache, name);
	const stamp = path.join(dir, '.installed-specs');
	const want = specs.join(' ');
	const t = Date.now();
	let installedNow = false;
	if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== want) {
		const tmp = `${dir}.tmp-${process.pid}`;
		fs.rmSync(tmp, { recursive: true, force: true });
		fs.mkdirSync(tmp, { recursive: true });
		fs.writeFileSync(path.join(tmp, 'package.json'), '{"private":true}\n');
		const r = await run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
			cwd: tmp,
			env: process.env,
			timeoutMs: 600_000,
		});
		if (r.code !== 0) {
			fs.rmSync(tmp, { recursive: true, force: true });
			throw new Error(`npm install ${want} failed:\n${(r.stdout + r.stderr).slice(-2000)}`);
		}
		fs.writeFileSync(path.join(tmp, '.installed-specs'), want);
		// Another suite may have finished first: keep whichever complete folder is there.
		if (fs.existsSync(dir)) fs.rmSync(`${dir}.old-${process.pid}`, { recursive: true, force: true });
		if (fs.existsSync(dir) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) fs.rmSync(tmp, { recursive: true, force: true });
		else {
			if (fs.existsSync(dir)) fs.renameSync(dir, `${dir}.old-${process.pid}`);
			fs.renameSync(tmp, dir);
			fs.rmSync(`${dir}.old-${process.pid}`, { recursive: true, force: true });
		}
		installedNow = true;
	}
	return { dir, require: (mod) => require(path.join(dir, 'node_modules', mod)), installedNow, ms: Date.now() - t };
}

module.exports = { ensureNpmTools };
