'use strict';
// The native addons an n8n install compiled for itself (node_modules/**/build/Release/*.node), and
// whether each one loads under a given Node. An addon built for another Node (another ABI, other
// headers) fails to load or crashes the process (n8n 1.x's sqlite3 built for Node 24 segfaults on
// Node 20), so each one is loaded in a child process of its own.
//   node e2e/lib/native-modules.js <install dir> [node binary]   exit 1 when one does not load
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

// Packages such as oracledb ship prebuilt addons for every platform side by side
// (oracledb-6.10.0-darwin-arm64.node, …-win32-x64.node) and load only the one for their platform.
const PREBUILT_FOR = /-(aix|android|darwin|freebsd|linux|openbsd|sunos|win32)-(arm|arm64|ia32|loong64|mips|mipsel|ppc|ppc64|riscv64|s390|s390x|x64)\.node$/;
const forThisPlatform = (file) => {
	const m = PREBUILT_FOR.exec(file);
	return !m || (m[1] === process.platform && m[2] === process.arch);
};

function compiledAddons(installDir) {
	const found = [];
	const walk = (dir, depth) => {
		let entries;
		try {
			entries = fs.readdirSync(dir, { withFileTypes: true });
		} catch {
			return;
		}
		for (const e of entries) {
			if (!e.isDirectory() || e.isSymbolicLink()) continue;
			const full = path.join(dir, e.name);
			if (e.name === 'Release' && path.basename(dir) === 'build') {
				for (const f of fs.readdirSync(full)) if (f.endsWith('.node') && forThisPlatform(f)) found.push(path.join(full, f));
			} else if (depth < 12) walk(full, depth + 1);
		}
	};
	walk(path.join(installDir, 'node_modules'), 0);
	return found.sort();
}

/**
 * Whether a file name says the addon is for another platform or CPU: some packages ship prebuilt
 * binaries for every platform in build/Release (oracledb-6.9.0-darwin-arm64.node, …-win32-x64.node).
 */
const PLATFORM_TAG = /(?:^|[-_.])(darwin|win32|linux|freebsd|openbsd|sunos|aix|android)[-_](x64|x86|ia32|arm64|arm|ppc64|s390x|riscv64|loong64)(?:[-_.]|$)/;
function forAnotherPlatform(file) {
	const m = PLATFORM_TAG.exec(path.basename(file));
	return m !== null && (m[1] !== process.platform || m[2] !== process.arch);
}

/** Loads every compiled addon for this platform with `nodeExe`; returns the ones that do not load, with why. */
function checkAddons(installDir, nodeExe) {
	const addons = compiledAddons(installDir).filter((file) => !forAnotherPlatform(file));
	const failures = [];
	for (const file of addons) {
		const r = spawnSync(nodeExe, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', file], { encoding: 'utf8', timeout: 30_000 });
		if (r.status !== 0) {
			const why = r.signal ? `killed by ${r.signal}` : (r.stderr.split('\n').find((l) => /Error|error/.test(l)) ?? `exit ${r.status}`).trim();
			failures.push({ file: path.relative(installDir, file), why });
		}
	}
	const version = spawnSync(nodeExe, ['-v'], { encoding: 'utf8' }).stdout.trim();
	return { addons: addons.map((a) => path.relative(installDir, a)), failures, node: version };
}

module.exports = { compiledAddons, checkAddons, forAnotherPlatform };

if (require.main === module) {
	const [dir, nodeExe = process.execPath] = process.argv.slice(2);
	const { addons, failures, node } = checkAddons(dir, nodeExe);
	for (const f of failures) console.error(`does not load under Node ${node}: ${f.file} (${f.why})`);
	console.error(`${addons.length - failures.length}/${addons.length} native addons load under Node ${node}`);
	process.exitCode = failures.length ? 1 : 0;
}
