'use strict';
// One n8n version from the e2e cache (install-n8n.sh installs it the first time), checked before any
// test runs: every native addon it compiled loads under the Node that will run it.
const fs = require('fs');
const path = require('path');
const { run } = require('./proc');
const { checkAddons } = require('./native-modules');
const { nodeDirFor, readBuiltWith, tail } = require('./toolchain');
const { fmtMs } = require('./tests');

/**
 * @returns {Promise<{installDir: string, nodeDir: string, summary: string}>} throws with the reason
 */
async function installN8n({ version, cache, timed = (_label, fn) => fn(), label = `n8n ${version} install` }) {
	const nodeDir = nodeDirFor(version);
	const script = path.join(__dirname, '..', 'install-n8n.sh');
	const r = await timed(label, () => run('bash', [script, version], { env: { ...process.env, E2E_CACHE: cache }, timeoutMs: 45 * 60_000 }));
	if (r.code !== 0) throw new Error(`install failed (${r.timedOut ? 'timed out' : `exit ${r.code}`}):\n${tail(r.stderr)}`);
	const installDir = r.stdout.trim().split('\n').pop();
	const native = checkAddons(installDir, path.join(nodeDir, 'node'));
	if (native.failures.length) {
		throw new Error(`native modules that do not load under Node ${native.node}: ${native.failures.map((f) => `${f.file} (${f.why})`).join(', ')}`);
	}
	const secs = fs.readFileSync(path.join(installDir, '.install-seconds'), 'utf8').trim();
	const how = r.ms > 20_000 ? `installed now in ${fmtMs(r.ms)}` : `cached (first install took ${secs} s)`;
	const summary = `${how}, runs on Node ${native.node}, ${native.addons.length} native addons load (${readBuiltWith(installDir)})`;
	return { installDir, nodeDir, summary };
}

module.exports = { installN8n };
