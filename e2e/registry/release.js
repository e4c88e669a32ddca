'use strict';
// The next release without touching the checkout: a copy of exactly what `npm publish` would publish
// from the repository (the files `npm pack --dry-run` lists), with package.json at another version.
// Its node_modules links to the checkout's, so publish hooks (e.g. n8n-node's prerelease guard) run
// as they would in the repository.
const fs = require('fs');
const path = require('path');
const { run } = require('../lib/proc');
const { npmEnv, tail } = require('../lib/toolchain');

/** "0.1.0" -> "0.1.1" */
function nextPatch(version) {
	const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
	if (!m) throw new Error(`cannot bump the patch of version "${version}"`);
	return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

/** @returns {Promise<{dir: string, files: number}>} */
async function stageRelease({ root, dir, version }) {
	const r = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: root, env: npmEnv(), timeoutMs: 120_000 });
	if (r.code !== 0) throw new Error(`npm pack --dry-run failed:\n${tail(r.stdout + r.stderr)}`);
	const files = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0].files.map((f) => f.path);
	fs.rmSync(dir, { recursive: true, force: true });
	for (const f of files) {
		fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
		fs.copyFileSync(path.join(root, f), path.join(dir, f));
	}
	const pkgFile = path.join(dir, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	pkg.version = version;
	fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return { dir, files: files.length };
}

module.exports = { nextPatch, stageRelease };
