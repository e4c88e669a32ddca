#!/usr/bin/env node
'use strict';
/**
 * Registry suite: the package published to a local npm registry and installed, used, updated and
 * uninstalled through n8n's own UI, as a new user would, in n8n 1.123.50 (Node 20) and 2.41.3 (Node 24).
 *
 *   npm run test:registry                (or ./run test:registry; builds first)
 *   node e2e/registry/run.js [--versions=1.123.50,2.41.3] [--screenshots=docs] [--keep]
 *
 * Per n8n version: a fresh Verdaccio (e2e/registry/verdaccio.js) on 127.0.0.1, `npm publish` of this
 * repository to it as a release does; `n8n start` with N8N_COMMUNITY_PACKAGES_REGISTRY pointing at
 * it; then in headless Chromium: Settings → Community nodes → Install; a new workflow; our node from
 * the nodes panel; the credential created in its dialog and tested against the AssemblyAI emulator;
 * Transcribe from a URL executed in the editor (15 key phrases in the output panel); the next patch
 * release published and installed with the card's Update button; the saved workflow run again; then
 * Uninstall. See e2e/registry/README.md for why n8n runs with E2E_TESTS=true.
 *
 * Environment: E2E_CACHE, E2E_SKIP_BUILD=1, E2E_NODE_1X, E2E_CHROMIUM (as e2e/run.js),
 * REGISTRY_E2E_VERSIONS, REGISTRY_E2E_SCREENSHOT_DIR / --screenshots=DIR (the newest version's
 * screenshots; otherwise they stay in the work folder).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, killAll, runSuite } = require('../lib/proc');
const { N8n } = require('../lib/n8n');
const { startN8nServer } = require('../lib/server');
const { installN8n } = require('../lib/install');
const { launchChromium, signIn } = require('../lib/browser');
const { test, fail, assert, assertEqual, results, fmtMs } = require('../lib/tests');
const { npmEnv, tail } = require('../lib/toolchain');
const { startRegistry, packument, ensureVerdaccio, VERDACCIO_VERSION } = require('./verdaccio');
const { nextPatch, stageRelease } = require('./release');
const { tid, toasts, closeToasts, until, communityNodes, editor } = require('./ui');

const root = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cache = process.env.E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-assemblyai-highlights-e2e');
const OUR_NODE = `${PKG.name}.assemblyAiHighlights`;
const OUR_CREDENTIAL = 'assemblyAiHighlightsApi';
// n8n's licence feature for N8N_COMMUNITY_PACKAGES_REGISTRY (LICENSE_FEATURES.COMMUNITY_NODES_CUSTOM_REGISTRY).
const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';
const AUDIO_URL = 'https://storage.example.com/calls/sales-call.mp3';
const FIRST_PHRASE = 'air quality alerts';

const argv = process.argv.slice(2);
const opt = (name, env, dflt) => {
	const a = argv.find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : process.env[env] || dflt;
};
const VERSIONS = opt('versions', 'REGISTRY_E2E_VERSIONS', '1.123.50,2.41.3').split(',').filter(Boolean);
const KEEP = argv.includes('--keep');
const SCREENSHOT_DIR = opt('screenshots', 'REGISTRY_E2E_SCREENSHOT_DIR', '');

const timings = [];
const timed = async (label, fn) => {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		timings.push([label, Date.now() - t]);
	}
};
/** The figures the README reports, per n8n version. */
const figures = {};

async function main() {
	const t0 = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aai-registry-'));
	const V1 = PKG.version;
	const V2 = nextPatch(V1);
	console.log(`registry e2e: ${PKG.name} ${V1} then ${V2} in n8n ${VERSIONS.join(', ')}; work folder ${work}; cache ${cache}`);
	let emu;
	try {
		const built = await test('build the package; stage the next patch release from what npm would publish', async () => {
			if (process.env.E2E_SKIP_BUILD !== '1') {
				const b = await timed('build', () => run('npm', ['run', 'build', '--silent'], { cwd: root, env: npmEnv(), timeoutMs: 300_000 }));
				assert(b.code === 0, `npm run build failed:\n${tail(b.stdout + b.stderr)}`);
			}
			const s = await stageRelease({ root, dir: path.join(work, `release-${V2}`), version: V2 });
			return `${V2} staged: ${s.files} files`;
		});
		const tools = await test(`Verdaccio ${VERDACCIO_VERSION} (installed into the e2e cache once)`, async () => (await timed('verdaccio install', () => ensureVerdaccio(cache))).how);
		if (!built || !tools) {
			fail('all versions', 'not run: the package did not build or Verdaccio did not install');
		} else {
			const apiKey = `registry-e2e-key-${process.pid}`;
			emu = await require(path.join(root, 'test', 'emulator')).startEmulator({ apiKey, queuedMs: 200, processingMs: 400 });
			console.log(`registry e2e: AssemblyAI emulator ${emu.url}`);
			for (const version of VERSIONS) {
				console.log(`\n== n8n ${version}`);
				await versionSuite({ version, tag: `n8n ${version}`, work, emu, apiKey, V1, V2 });
			}
		}
	} finally {
		if (emu) await emu.close();
		killAll();
		if (!KEEP) fs.rmSync(work, { recursive: true, force: true });
		else console.log(`registry e2e: kept ${work}`);
	}

	console.log('\nregistry e2e timings:');
	for (const [label, ms] of timings) console.log(`  ${label.padEnd(56)} ${fmtMs(ms)}`);
	console.log(`  ${'total'.padEnd(56)} ${fmtMs(Date.now() - t0)}`);
	printFigures();
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	if (failed) {
		console.log('\nfailed:');
		for (const r of results.filter((x) => !x.ok)) console.log(`  - ${r.name}`);
	}
	console.log(`registry e2e: ${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

function printFigures() {
	const cols = [
		['install', 'install (click → installed)'],
		['run', 'run (Execute step → 15 items)'],
		['update', 'update (Confirm update → new version)'],
		['rerun', 'run after update'],
		['uninstall', 'uninstall'],
	];
	console.log('\nregistry e2e figures (measured in the UI, this machine):');
	console.log(`  | n8n | ${cols.map((c) => c[1]).join(' | ')} |`);
	console.log(`  |---|${cols.map(() => '---').join('|')}|`);
	for (const [version, f] of Object.entries(figures)) console.log(`  | ${version} | ${cols.map(([k]) => (f[k] === undefined ? '–' : fmtMs(f[k]))).join(' | ')} |`);
}

async function versionSuite({ version, tag, work, emu, apiKey, V1, V2 }) {
	const f = (figures[version] = {});
	const shotDir = SCREENSHOT_DIR && version === VERSIONS[VERSIONS.length - 1] ? path.resolve(SCREENSHOT_DIR) : path.join(work, `screenshots-${version}`);
	fs.mkdirSync(shotDir, { recursive: true });

	let n8nInstall;
	const installed = await test(`${tag}: n8n install (cached after the first run), native modules load`, async () => {
		n8nInstall = await installN8n({ version, cache, timed, label: `${tag} install` });
		return n8nInstall.summary;
	});
	if (!installed) return fail(`${tag}: all`, 'not run: n8n did not install');

	let registry;
	let srv;
	let browser;
	let page;
	try {
		/** REST as the owner; a keep-alive socket n8n closed meanwhile is retried once (all calls here are idempotent). */
		const rest = async (method, p, body) => {
			try {
				return await srv.rest(method, p, body);
			} catch (err) {
				if (err?.cause?.code !== 'UND_ERR_SOCKET') throw err;
				return srv.rest(method, p, body);
			}
		};
		// --- the registry and the first release
		const published = await test(`${tag}: Verdaccio on 127.0.0.1; npm publish ${V1} from the repository (only our package is publishable, only with the token)`, async () => {
			registry = await timed(`${tag} verdaccio start`, () => startRegistry({ cache, dir: path.join(work, `registry-${version}`), packageName: PKG.name }));
			const r = await timed(`${tag} npm publish ${V1}`, () => registry.publish(root));
			assert(r.code === 0, `npm publish failed:\n${tail(r.stdout + r.stderr)}`);
			const p = await packument(registry.url, PKG.name);
			assertEqual(p?.['dist-tags']?.latest, V1, 'latest version in the registry');
			assert(p.versions[V1].dist?.integrity, 'the published version has no integrity');
			// Another name with the same token, and ours without it: both refused.
			const other = path.join(work, `not-ours-${version}`);
			fs.mkdirSync(other, { recursive: true });
			fs.writeFileSync(path.join(other, 'package.json'), JSON.stringify({ name: 'n8n-nodes-not-ours-e2e', version: '1.0.0' }));
			const o = await registry.publish(other);
			assert(o.code !== 0 && /403|forbidden|not allowed/i.test(o.stderr), `publishing another package was not refused (exit ${o.code}):\n${tail(o.stderr)}`);
			const wrongToken = path.join(work, `wrong-token-${version}.npmrc`);
			fs.writeFileSync(wrongToken, `//127.0.0.1:${registry.port}/:_authToken=not-the-token\n`);
			const anon = await run('npm', ['publish', `--registry=${registry.url}`, `--userconfig=${wrongToken}`, '--no-audit', '--loglevel=error'], { cwd: path.join(work, `release-${V2}`), env: { ...npmEnv(), RELEASE_MODE: 'true' }, timeoutMs: 180_000 });
			assert(anon.code !== 0 && /E40[13]\b|unable to authenticate|forbidden/i.test(anon.stderr), `publishing with a wrong token was not refused by the registry (exit ${anon.code}):\n${tail(anon.stderr)}`);
			assert(!(await packument(registry.url, PKG.name)).versions[V2], `${V2} got published without the token`);
			return `${registry.url} (uplink ${registry.uplink}), ${V1} integrity ${p.versions[V1].dist.integrity.slice(0, 20)}…`;
		});
		if (!published) return fail(`${tag}: UI steps`, 'not run: no registry with the package');

		// --- n8n pointed at the registry
		const userFolder = path.join(work, `user-${version}`);
		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		// n8n looks for updates with a bare `npm outdated` in this folder, which ignores
		// N8N_COMMUNITY_PACKAGES_REGISTRY: npm's own project config points it at the registry too.
		fs.writeFileSync(path.join(nodesDir, '.npmrc'), `registry=${registry.url}\n`);
		const n8n = new N8n({ version, installDir: n8nInstall.installDir, nodeBin: n8nInstall.nodeDir, userFolder });
		n8n.env_ = {
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url.replace(/\/$/, ''),
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			// The only way to switch on a licensed feature (a custom registry) without a licence key.
			E2E_TESTS: 'true',
		};
		const started = await test(`${tag}: n8n start with N8N_COMMUNITY_PACKAGES_REGISTRY=${n8n.env_.N8N_COMMUNITY_PACKAGES_REGISTRY}, no community package installed`, async () => {
			// A fresh database's migrations: minutes on a busy machine.
			srv = await startN8nServer({ n8n, work, version, timed, tag, readyTimeoutMs: 300_000 });
			assertEqual(await rest('GET', '/rest/community-packages'), [], 'installed community packages');
			const types = await rest('GET', '/types/nodes.json');
			assert(!types.some((t) => t.name === OUR_NODE), `${OUR_NODE} is known before the install`);
			return `port ${srv.port}`;
		});
		if (!started) return fail(`${tag}: UI steps`, 'not run: n8n did not start');

		const shot = (name) => page.screenshot({ path: path.join(shotDir, name) });
		const step = async (name, fn) =>
			test(name, async () => {
				try {
					return await fn();
				} catch (err) {
					const file = path.join(work, `failure-${version}-${results.length}.png`);
					if (page) await page.screenshot({ path: file }).catch(() => {});
					throw new Error(`${err.message}\n(screenshot: ${file}; n8n log: ${srv.logFile}; registry log: ${registry.logFile})`);
				}
			});
		const tarballGets = () => registry.requests().filter((q) => q.method === 'GET' && /\.tgz$/.test(q.url) && q.status === 200);
		const installedVersionOnDisk = () => {
			try {
				return JSON.parse(fs.readFileSync(path.join(nodesDir, 'node_modules', PKG.name, 'package.json'), 'utf8')).version;
			} catch {
				return undefined;
			}
		};

		const browserUp = await step(`${tag}: headless Chromium, signed in as the owner`, async () => {
			({ browser, page } = await launchChromium({ work, cache, timed, viewport: { width: 1366, height: 800 } }));
			// n8n frames the page in red in E2E mode; the screenshots show the editor as users see it.
			await browser.addInitScript(() => {
				document.addEventListener('DOMContentLoaded', () => {
					const s = document.createElement('style');
					s.textContent = '[data-test-id="e2e-test-mode-marker"]{display:none !important}';
					document.head.appendChild(s);
				});
			});
			await timed(`${tag} sign in`, () => signIn(page, srv.base));
		});
		if (!browserUp) return fail(`${tag}: UI steps`, 'not run: no browser');

		// --- without the licence feature, n8n refuses the custom registry
		await step(`${tag}: without n8n's custom-registry licence feature, Install is refused with n8n's licence message and nothing is downloaded`, async () => {
			await communityNodes.open(page, srv.base);
			const r = await communityNodes.install(page, PKG.name, { timeoutMs: 120_000 });
			assert(!r.ok, `the install succeeded without the licence feature: ${r.toasts.join(' | ')}`);
			const text = r.toasts.join(' | ');
			assert(/licen[cs]e/i.test(text) && text.includes(CUSTOM_REGISTRY_FEATURE), `the error does not name the licence feature: ${text}`);
			assertEqual(tarballGets().length, 0, 'tarballs downloaded from the registry');
			await page.waitForTimeout(1000); // the toast slides in
			await shot('registry-0-licence-refused.png');
			await closeToasts(page);
			await page.keyboard.press('Escape');
			return text.split('\n').find((l) => /licen[cs]e/i.test(l));
		});
		await rest('PATCH', '/rest/e2e/feature', { feature: CUSTOM_REGISTRY_FEATURE, enabled: true });

		// Our node's labels as this n8n loaded them from the registry's tarball (so renamed labels are followed).
		let L;
		const readLabels = async () => {
			const node = (await rest('GET', '/types/nodes.json')).find((t) => t.name === OUR_NODE);
			assert(node, `${OUR_NODE} is not in /types/nodes.json`);
			const credType = (await rest('GET', '/types/credentials.json')).find((c) => c.name === OUR_CREDENTIAL);
			assert(credType, `${OUR_CREDENTIAL} is not in /types/credentials.json`);
			const optionName = (props, param, value) => props.find((p) => p.name === param)?.options?.find((o) => o.value === value)?.name;
			return {
				node: node.displayName,
				action: node.properties.find((p) => p.name === 'operation').options.find((o) => o.value === 'transcribe').action,
				sourceUrl: optionName(node.properties, 'source', 'url'),
				credential: credType.displayName,
				regionCustom: optionName(credType.properties, 'region', 'custom'),
			};
		};

		// --- install
		const installedOk = await step(`${tag}: Settings → Community nodes → Install "${PKG.name}" → ${V1} installed from the registry, its nodes listed`, async () => {
			await communityNodes.open(page, srv.base);
			const before = tarballGets().length;
			const r = await communityNodes.install(page, PKG.name, { beforeSubmit: () => shot('registry-1-install.png') });
			assert(r.ok, `the install failed: ${r.toasts.join(' | ')}`);
			f.install = r.ms;
			L = await readLabels();
			const card = communityNodes.card(page, PKG.name);
			await card.waitFor({ state: 'visible' });
			const text = await card.innerText();
			for (const want of [PKG.name, V1, L.node]) assert(text.includes(want), `the package card does not show "${want}":\n${text}`);
			await page.waitForTimeout(500);
			await shot('registry-2-installed.png');
			await closeToasts(page);
			const list = await rest('GET', '/rest/community-packages');
			assertEqual(list.map((p) => [p.packageName, p.installedVersion]), [[PKG.name, V1]], 'installed packages (REST)');
			assertEqual(list[0].installedNodes.map((n) => n.type).sort(), [OUR_NODE, `${PKG.name}.assemblyAiHighlightsTrigger`], 'installed node types');
			assertEqual(installedVersionOnDisk(), V1, 'version in .n8n/nodes/node_modules');
			assertEqual(fs.readdirSync(path.join(nodesDir, 'node_modules')).filter((d) => !d.startsWith('.')), [PKG.name], 'packages in .n8n/nodes/node_modules (no runtime dependencies)');
			const gets = tarballGets().slice(before).map((q) => q.url);
			assert(gets.length >= 1 && gets.every((u) => u.includes(`${PKG.name}-${V1}.tgz`)), `tarballs n8n fetched: ${gets.join(', ') || 'none'}`);
			return `${fmtMs(r.ms)}; card: ${text.replace(/\s+/g, ' ').slice(0, 120)}`;
		});
		if (!installedOk) return fail(`${tag}: workflow, update, uninstall`, 'not run: the install failed');

		let ndv;
		const added = await step(`${tag}: new workflow; nodes panel search "AssemblyAI" finds "${L.node}"; its action "${L.action}" opens the node`, async () => {
			await editor.newWorkflow(page, srv.base);
			const { panel, item } = await editor.searchNodesPanel(page, 'AssemblyAI', L.node);
			await page.waitForTimeout(500);
			await shot('registry-3-nodes-panel.png');
			ndv = await editor.addNodeWithAction(page, panel, item, L.action);
			return 'node details view open';
		});
		if (!added) return fail(`${tag}: credential, run, update, uninstall`, 'not run: the node could not be added');

		const credOk = await step(`${tag}: credential "${L.credential}" created in its dialog (Region "${L.regionCustom}" → the emulator), its connection test passes`, async () => {
			const seen = emu.requests.length;
			const modal = await editor.openNewCredential(page, ndv);
			const title = await modal.innerText();
			assert(title.includes(L.credential), `the dialog is not for "${L.credential}":\n${title.slice(0, 400)}`);
			await editor.fill(modal, 'apiKey', apiKey);
			await editor.choose(page, modal, 'region', L.regionCustom);
			await editor.fill(modal, 'baseUrl', emu.url);
			await shot('registry-4-credential.png');
			const r = await editor.saveCredential(page, modal);
			assert(r.ok, `n8n's credential test did not pass: ${r.status} ${r.message} (dialog: ${r.shown.slice(0, 300)})`);
			const test = emu.requests.slice(seen).find((q) => q.method === 'GET' && q.path.startsWith('/v2/transcript'));
			assert(test && test.headers.authorization === apiKey, `the emulator saw no authorised GET /v2/transcript from the test (saw: ${emu.requests.slice(seen).map((q) => `${q.method} ${q.path}`).join(', ')})`);
			if (r.shown !== 'dialog closed') await editor.closeModal(page, modal);
			const chosen = await tid(ndv, 'node-credentials-select').first().locator('input').first().inputValue().catch(() => '');
			const creds = await rest('GET', '/rest/credentials');
			const saved = creds.find((c) => c.type === OUR_CREDENTIAL);
			assert(saved, 'no AssemblyAI API credential saved');
			assert(!chosen || chosen === saved.name, `the node uses "${chosen}", not the new credential "${saved.name}"`);
			return `test ${r.status} (${r.shown}); emulator saw ${test.method} ${test.path}; credential "${saved.name}"`;
		});
		if (!credOk) return fail(`${tag}: run, update, uninstall`, 'not run: no credential');

		let workflowId;
		const ran = await step(`${tag}: Audio Source "${L.sourceUrl}", Execute step in the editor → 15 key phrases in the output panel; workflow saved`, async () => {
			const created = emu.createdCount();
			await editor.choose(page, ndv, 'source', L.sourceUrl);
			await editor.fill(ndv, 'audioUrl', AUDIO_URL);
			const r = await editor.executeStep(page, ndv);
			f.run = r.ms;
			assert(/\b15 items\b/.test(r.text), `the output panel does not show 15 items:\n${r.text.slice(0, 600)}`);
			// The count shows before the table has rendered its rows.
			await until(async () => ((await r.output.innerText()).includes(FIRST_PHRASE) ? true : undefined), { what: `"${FIRST_PHRASE}" in the output panel` });
			const params = emu.createdParams().slice(created);
			assertEqual(params.length, 1, 'transcripts created');
			assertEqual([params[0].audio_url, params[0].auto_highlights], [AUDIO_URL, true], 'audio_url and auto_highlights sent');
			await closeToasts(page);
			await shot('registry-5-output.png');
			await page.keyboard.press('Escape');
			await tid(page, 'ndv').waitFor({ state: 'hidden' });
			workflowId = await editor.save(page);
			const wf = await rest('GET', `/rest/workflows/${workflowId}`);
			assert(wf.nodes.some((n) => n.type === OUR_NODE), 'the saved workflow has no AssemblyAI Highlights node');
			return `${fmtMs(r.ms)}; workflow ${workflowId}`;
		});

		// --- the next release and the update
		const published2 = await step(`${tag}: npm publish ${V2} (the next patch release) → the Community nodes page offers the update (only with registry= in .n8n/nodes/.npmrc)`, async () => {
			const r = await timed(`${tag} npm publish ${V2}`, () => registry.publish(path.join(work, `release-${V2}`)));
			assert(r.code === 0, `npm publish ${V2} failed:\n${tail(r.stdout + r.stderr)}`);
			assertEqual((await packument(registry.url, PKG.name))['dist-tags'].latest, V2, 'latest version in the registry');
			// Without the folder's .npmrc, n8n's update check asks npm's default registry, not ours.
			const npmrc = path.join(nodesDir, '.npmrc');
			fs.renameSync(npmrc, `${npmrc}.off`);
			let blind;
			try {
				blind = await rest('GET', '/rest/community-packages');
			} finally {
				fs.renameSync(`${npmrc}.off`, npmrc);
			}
			assert(blind[0].updateAvailable !== V2, `n8n found ${V2} without .n8n/nodes/.npmrc: the README's advice is outdated`);
			await communityNodes.open(page, srv.base);
			const card = communityNodes.card(page, PKG.name);
			await card.getByRole('button', { name: /update/i }).waitFor({ state: 'visible', timeout: 60_000 });
			const list = await rest('GET', '/rest/community-packages');
			assertEqual(list[0].updateAvailable, V2, 'updateAvailable (REST)');
			await shot('registry-6-update-available.png');
			return (await card.innerText()).replace(/\s+/g, ' ').slice(0, 120);
		});
		const updated =
			published2 &&
			(await step(`${tag}: Update → Confirm update → ${V2} installed from the registry`, async () => {
				const before = tarballGets().length;
				const r = await communityNodes.update(page, PKG.name, V2, {
					beforeConfirm: async () => {
						await page.waitForTimeout(600); // the dialog fades in
						await shot('registry-7-confirm-update.png');
					},
				});
				f.update = r.ms;
				await page.waitForTimeout(500);
				await shot('registry-8-updated.png');
				await closeToasts(page);
				const list = await rest('GET', '/rest/community-packages');
				assertEqual(list.map((p) => [p.packageName, p.installedVersion, p.updateAvailable ?? null]), [[PKG.name, V2, null]], 'installed packages after the update (REST)');
				assertEqual(installedVersionOnDisk(), V2, 'version in .n8n/nodes/node_modules');
				const gets = tarballGets().slice(before).map((q) => q.url);
				assert(gets.some((u) => u.includes(`${PKG.name}-${V2}.tgz`)), `tarballs n8n fetched for the update: ${gets.join(', ') || 'none'}`);
				return fmtMs(r.ms);
			}));

		if (ran && updated) {
			await step(`${tag}: the saved workflow, opened again after the update, runs: 15 key phrases`, async () => {
				const created = emu.createdCount();
				await page.goto(`${srv.base}/workflow/${workflowId}`);
				const execute = tid(page, 'execute-workflow-button').first();
				await execute.waitFor({ state: 'visible', timeout: 90_000 });
				const wf = await rest('GET', `/rest/workflows/${workflowId}`);
				const nodeName = wf.nodes.find((n) => n.type === OUR_NODE).name;
				const q = encodeURIComponent(JSON.stringify({ workflowId }));
				const executions = async () => (await rest('GET', `/rest/executions?filter=${q}&limit=20`)).results;
				// Execute step in the editor saved an execution of this workflow too.
				const earlier = new Set((await executions()).map((e) => e.id));
				const started = Date.now();
				await execute.click();
				const execution = await until(
					async () => (await executions()).find((e) => !earlier.has(e.id) && ['success', 'error', 'crashed', 'canceled'].includes(e.status)),
					{ timeoutMs: 180_000, what: 'the execution to finish' },
				);
				f.rerun = Date.now() - started;
				assertEqual(execution.status, 'success', 'execution status');
				assertEqual(emu.createdCount() - created, 1, 'transcripts created by the run');
				// What the user sees: the node's output.
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).first().dblclick();
				const output = tid(page, 'output-panel');
				await until(async () => {
					const t = await output.innerText().catch(() => '');
					return /\b15 items\b/.test(t) && t.includes(FIRST_PHRASE) ? t : undefined;
				}, { what: `the output panel to show 15 items, "${FIRST_PHRASE}" among them` });
				await closeToasts(page);
				await shot('registry-9-rerun.png');
				await page.keyboard.press('Escape');
				return `${fmtMs(f.rerun)}; execution ${execution.id}`;
			});
		} else fail(`${tag}: the saved workflow runs after the update`, 'not run: no saved workflow or no update');

		// --- uninstall
		await step(`${tag}: ⋯ → Uninstall package → Confirm uninstall → the package, its files and its node types are gone`, async () => {
			await communityNodes.open(page, srv.base);
			const r = await communityNodes.uninstall(page, PKG.name, {
				beforeConfirm: async () => {
					await page.waitForTimeout(600);
					await shot('registry-10-uninstall.png');
				},
			});
			f.uninstall = r.ms;
			await page.locator('[data-test-id="action-box"], [data-test-id="empty-state"]').first().waitFor({ state: 'visible' });
			assertEqual(await rest('GET', '/rest/community-packages'), [], 'installed community packages (REST)');
			assert(!fs.existsSync(path.join(nodesDir, 'node_modules', PKG.name)), 'the package folder is still in .n8n/nodes/node_modules');
			const after = await rest('GET', '/types/nodes.json');
			assert(!after.some((t) => t.name === OUR_NODE), `${OUR_NODE} is still in /types/nodes.json`);
			const t = await toasts(page);
			return `${fmtMs(r.ms)}${t.length ? `; ${t[0].replace(/\s+/g, ' ')}` : ''}`;
		});
	} finally {
		if (browser) await browser.close().catch(() => {});
		if (srv) await srv.stop();
		if (registry) await registry.stop();
	}
}

runSuite(main, 'registry e2e');
