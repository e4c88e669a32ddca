'use strict';
/**
 * n8n's security scanner (@n8n/scan-community-package), the check n8n runs on a community package
 * before it verifies it, run on our packed tarball and on our source.
 *
 *   node e2e/lib/scanner.js [--tarball=FILE]     (without --tarball: npm pack of the built package)
 *
 * Its command, `npx @n8n/scan-community-package NAME`, cannot check a package that is not on
 * npmjs.org: it reads the registry at a fixed address, requires an npm provenance statement (only a
 * GitHub Actions publish has one), and downloads the GitHub source that statement names. So this runs
 * the scanner's own analysis, `analyzePackage` with the scanner's own ESLint configuration, on the same
 * two inputs its command lints: the unpacked tarball (compiled .js and package.json) and the source
 * (package.json, nodes/, credentials/), with inline eslint-disable comments ignored as it does. A copy
 * of the tarball with a forbidden call added must fail, so a scanner that checks nothing cannot pass.
 * The scanner is installed into the e2e cache (never into our package.json).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('./proc');
const { test, assert } = require('./tests');

const SCANNER = '@n8n/scan-community-package';
const SCANNER_VERSION = '0.32.0';
const root = path.resolve(__dirname, '..', '..');
const defaultCache = () => process.env.E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-assemblyai-highlights-e2e');

/** Installs the scanner once into the cache; another suite installing it at the same time is harmless. */
async function ensureScanner(cache) {
	const dir = path.join(cache, `scan-community-package-${SCANNER_VERSION}`);
	const entry = path.join(dir, 'node_modules', ...SCANNER.split('/'), 'scanner', 'scanner.mjs');
	if (fs.existsSync(entry)) return entry;
	fs.mkdirSync(cache, { recursive: true });
	const staging = fs.mkdtempSync(`${dir}.installing-`);
	try {
		fs.writeFileSync(path.join(staging, 'package.json'), '{"private":true}\n');
		const r = await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `${SCANNER}@${SCANNER_VERSION}`], {
			cwd: staging,
			env: process.env,
			timeoutMs: 600_000,
		});
		if (r.code !== 0) throw new Error(`npm install ${SCANNER}@${SCANNER_VERSION} failed:\n${r.stderr}`);
		try {
			fs.renameSync(staging, dir);
		} catch (err) {
			if (!fs.existsSync(entry)) throw err; // else: installed meanwhile by another run
		}
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	return entry;
}

/** Runs the scanner's analyzePackage on each [dir, patterns] in a child process; its temp files go to workDir. */
async function analyze(scannerEntry, targets, workDir) {
	const script = `
		import { createRequire } from 'node:module';
		import { analyzePackage } from ${JSON.stringify(scannerEntry)};
		const glob = createRequire(${JSON.stringify(scannerEntry)})('fast-glob');
		const out = [];
		for (const [dir, patterns] of JSON.parse(process.argv[1])) {
			const files = glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;
			out.push({ dir, files, ...(await analyzePackage(dir, patterns)) });
		}
		process.stdout.write('\\n@@' + JSON.stringify(out.map(({ error, ...r }) => r)));
	`;
	const r = await run(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(targets)], {
		cwd: workDir,
		env: { ...process.env, TMPDIR: workDir },
		timeoutMs: 600_000,
	});
	const at = r.stdout.lastIndexOf('\n@@');
	if (r.code !== 0 || at < 0) throw new Error(`the scanner did not run (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
	return JSON.parse(r.stdout.slice(at + 3));
}

async function unpack(tarball, dir) {
	fs.mkdirSync(dir, { recursive: true });
	const r = await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	if (r.code !== 0) throw new Error(`tar -xzf ${tarball} failed: ${r.stderr}`);
	return dir;
}

/**
 * The e2e check: the scanner passes our tarball and our source, and fails a tarball with a forbidden
 * call. Returns whether it passed.
 */
async function scanPackage({ tarball, cache = defaultCache(), work, timed = (_label, fn) => fn() }) {
	return test(`n8n's security scanner (${SCANNER}@${SCANNER_VERSION}) passes the tarball and the source`, async () => {
		const scanWork = fs.mkdtempSync(path.join(work, 'scanner-'));
		const entry = await timed('scanner install (cached)', () => ensureScanner(cache));
		const packageDir = await unpack(tarball, path.join(scanWork, 'package'));
		const tampered = await unpack(tarball, path.join(scanWork, 'tampered'));
		fs.writeFileSync(
			path.join(tampered, 'dist', 'nodes', 'Tampered.node.js'),
			"'use strict';\nexports.run = () => require('child_process').execSync(process.env.CMD);\n",
		);
		const [source, packed, control] = await timed('scanner analysis', () =>
			analyze(
				entry,
				[
					// The scanner's SOURCE_FILE_PATTERNS (its command lints the source with these).
					[root, ['package.json', '{nodes,credentials}/**/*.{js,ts,json}']],
					// What its command lints in the tarball.
					[packageDir, ['**/*.js', 'package.json']],
					[tampered, ['**/*.js', 'package.json']],
				],
				scanWork,
			),
		);
		for (const [what, r] of [
			['source', source],
			['tarball', packed],
		]) {
			assert(r.files > 1, `the scanner found no ${what} files to lint in ${r.dir}`);
			assert(r.passed, `the scanner fails the ${what}: ${r.message}\n${r.details ?? ''}`);
		}
		assert(!control.passed && /Tampered\.node\.js/.test(control.details ?? ''), `the scanner passed a tarball that spawns processes: ${JSON.stringify(control)}`);
		return `source: ${source.files} files, tarball: ${packed.files} files; a tampered tarball fails`;
	});
}

async function main() {
	const { results } = require('./tests');
	const arg = process.argv.slice(2).find((a) => a.startsWith('--tarball='));
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aai-scanner-'));
	try {
		let tarball = arg && path.resolve(arg.slice('--tarball='.length));
		if (!tarball) {
			assert(fs.existsSync(path.join(root, 'dist')), 'dist/ is missing: npm run build first');
			const p = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'], { cwd: root, env: process.env });
			assert(p.code === 0, `npm pack failed:\n${p.stderr}`);
			tarball = path.join(work, JSON.parse(p.stdout.slice(p.stdout.indexOf('[')))[0].filename);
		}
		await scanPackage({ tarball, work });
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	const failed = results.filter((r) => !r.ok).length;
	console.log(`scanner: ${results.length - failed} passed, ${failed} failed`);
	return failed ? 1 : 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(err) => {
			console.error(err);
			process.exit(1);
		},
	);
}

module.exports = { scanPackage, ensureScanner, SCANNER_VERSION };
