#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite: our packed package inside REAL n8n servers.
 *
 *   npm run test:e2e                     (or ./run test:e2e; builds first)
 *   node e2e/run.js [--versions=1.123.50,2.41.3] [--no-editor] [--no-server] [--no-stories | --only-stories] [--only-agent] [--keep]
 *
 * For each n8n version: install it once into the e2e cache (outside the repo), make a fresh
 * N8N_USER_FOLDER, install the `npm pack` tarball into its .n8n/nodes the way a user's n8n does,
 * import a credential pointing at the local AssemblyAI emulator and the example workflows, run them
 * with `n8n execute`, and check their outputs. Then start `n8n start` (WEBHOOK_URL pointing at it)
 * with two workflows activated: the AssemblyAI Highlights Trigger called by the emulator, and
 * Transcribe with waitMode "callback" resumed by the emulator's callbacks (lib/server-tests.js); and
 * look at the editor in headless Chromium (screenshots: --screenshots=docs). Finally the users' stories
 * (e2e/stories/): the examples that talk to S3, SMTP, PostgreSQL and HubSpot, run in their own n8n start.
 *
 * Environment: E2E_CACHE (install cache, default ~/.cache/n8n-nodes-assemblyai-highlights-e2e),
 * E2E_N8N_VERSIONS, E2E_EDITOR_VERSIONS (default: all), E2E_SKIP_BUILD=1, E2E_NODE_1X (a Node 20-22
 * binary for n8n 1.x), E2E_SCREENSHOT_DIR / --screenshots=DIR (newest version's editor screenshots).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, killAll, runSuite } = require('./lib/proc');
const { N8n, nodeItems, nodeError } = require('./lib/n8n');
const { startReceiver } = require('./lib/receiver');
const { loadDescriptions, checkWorkflow } = require('./lib/node-types');
const W = require('./lib/workflows');
const { test, fail, assert, assertEqual, results, fmtMs } = require('./lib/tests');
const { npmEnv, writeWav, tail } = require('./lib/toolchain');
const { installN8n } = require('./lib/install');
const { scanPackage } = require('./lib/scanner');
const { createStories } = require('./stories');
const { startOpenAiStub } = require('./lib/openai-stub');
const { agentSuite } = require('./lib/agent-tests');

const root = path.resolve(__dirname, '..');
const PKG = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cache = process.env.E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-assemblyai-highlights-e2e');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, env, dflt) => {
	const a = argv.find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : process.env[env] || dflt;
};
const VERSIONS = opt('versions', 'E2E_N8N_VERSIONS', '1.123.50,2.41.3').split(',').filter(Boolean);
const EDITOR_VERSIONS = opt('editor-versions', 'E2E_EDITOR_VERSIONS', VERSIONS.join(',')).split(',');
const EDITOR = !flag('no-editor');
const SERVER = !flag('no-server');
const STORIES = !flag('no-stories');
const ONLY_STORIES = flag('only-stories'); // after installing n8n and the package, only the stories
const ONLY_AGENT = flag('only-agent'); // after the import, only the AI Agent tests (lib/agent-tests.js)
const KEEP = flag('keep');
// --screenshots=DIR (or E2E_SCREENSHOT_DIR): where the newest version's editor screenshots go
// (`npm run e2e:screenshots` refreshes docs/); otherwise they stay in the work folder.
const SCREENSHOT_DIR = opt('screenshots', 'E2E_SCREENSHOT_DIR', '');
const screenshotDirFor = (version, work) =>
	SCREENSHOT_DIR && version === VERSIONS[VERSIONS.length - 1] ? path.resolve(SCREENSHOT_DIR) : path.join(work, `screenshots-${version}`);

/**
 * n8n 2.x set to behave as 3.x does where it can (3.x itself is Docker-only): binary data on the
 * filesystem in regular mode (3.x drops in-memory binary data), SSRF protection on (its built-in
 * blocked ranges include 127.0.0.0/8: the emulator and the receiver are allowed by address, as a
 * user allows a Custom Base URL on a private address). Queue mode's manual executions on workers
 * are the queue suite's (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS).
 */
const THREE_X_LIKE = {
	N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
};

const timings = [];
const timed = async (label, fn) => {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		timings.push([label, Date.now() - t]);
	}
};

async function main() {
	const t0 = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aai-e2e-'));
	console.log(`e2e: ${PKG.name}@${PKG.version} in n8n ${VERSIONS.join(', ')}; work folder ${work}; cache ${cache}`);
	let emu;
	let receiver;
	let stories;
	let openAi;
	try {
		// Build and pack exactly what npm would publish.
		let tarball;
		const packed = await test('build and npm pack the package', async () => {
			if (process.env.E2E_SKIP_BUILD !== '1') {
				const b = await timed('build', () => run('npm', ['run', 'build', '--silent'], { cwd: root, env: npmEnv(), timeoutMs: 300_000 }));
				assert(b.code === 0, `npm run build failed:\n${tail(b.stdout + b.stderr)}`);
			}
			const p = await timed('npm pack', () =>
				run('npm', ['pack', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: root, env: npmEnv(), timeoutMs: 120_000 }),
			);
			assert(p.code === 0, `npm pack failed:\n${tail(p.stdout + p.stderr)}`);
			const info = JSON.parse(p.stdout.slice(p.stdout.indexOf('[')))[0];
			tarball = path.join(work, info.filename);
			const files = info.files.map((f) => f.path);
			assert(files.includes('dist/nodes/AssemblyAiHighlights/AssemblyAiHighlights.node.js'), 'the tarball has no built node (dist/)');
			return `${info.filename}, ${info.files.length} files, ${(info.size / 1024).toFixed(0)} kB`;
		});
		if (packed) await scanPackage({ tarball, cache, work, timed });

		const filesDir = path.join(work, 'files');
		fs.mkdirSync(filesDir);
		const audioFile = path.join(filesDir, 'sales-call.wav');
		const audioBytes = writeWav(audioFile);
		const apiKey = `e2e-key-${process.pid}`;
		emu = await require(path.join(root, 'test', 'emulator')).startEmulator({ apiKey, queuedMs: 200, processingMs: 400 });
		receiver = await startReceiver();
		openAi = await startOpenAiStub();
		console.log(`e2e: AssemblyAI emulator ${emu.url}, receiver ${receiver.url}, OpenAI-compatible stub ${openAi.url}`);
		const examples = W.loadExamples(path.join(root, 'examples'));
		const suite = W.suiteWorkflows({ examples, audioFile, receiverUrl: receiver.url });
		// The secrets of the two webhook header credentials: searched for in n8n's files at the end.
		suite.triggerSecret = `e2e-trigger-secret-${process.pid}-${Date.now()}`;
		suite.callbackSecret = `e2e-callback-secret-${process.pid}-${Date.now()}`;
		suite.server = SERVER ? W.serverWorkflows({ receiverUrl: receiver.url }) : [];
		// The users' stories (e2e/stories/): their own n8n start and local services, after each version's other tests.
		stories = STORIES ? createStories({ work, cache, emu, apiKey, timed, versions: VERSIONS, examples }) : undefined;

		for (const version of VERSIONS) {
			console.log(`\n== n8n ${version}`);
			const tag = `n8n ${version}`;
			if (!packed) {
				fail(`${tag}: all`, 'not run: the package did not build or pack');
				continue;
			}
			await versionSuite({ version, tag, tarball, work, filesDir, audioFile, audioBytes, emu, receiver, suite, apiKey, stories, openAi, examples });
		}
	} finally {
		if (stories) await stories.close();
		if (receiver) await receiver.close();
		if (openAi) await openAi.close();
		if (emu) await emu.close();
		killAll();
		if (!KEEP) fs.rmSync(work, { recursive: true, force: true });
		else console.log(`e2e: kept ${work}`);
	}

	console.log('\ne2e timings:');
	for (const [label, ms] of timings) console.log(`  ${label.padEnd(48)} ${fmtMs(ms)}`);
	console.log(`  ${'total'.padEnd(48)} ${fmtMs(Date.now() - t0)}`);
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	if (failed) {
		console.log('\nfailed:');
		for (const r of results.filter((x) => !x.ok)) console.log(`  - ${r.name}`);
	}
	console.log(`e2e: ${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

async function versionSuite(ctx) {
	const { version, tag, tarball, work, filesDir, audioFile, audioBytes, emu, receiver, suite } = ctx;
	let installDir;
	let nodeDir;
	const installed = await test(`${tag}: install (cached after the first run), native modules load`, async () => {
		const r = await installN8n({ version, cache, timed, label: `${tag} install` });
		({ installDir, nodeDir } = r);
		return r.summary;
	});
	if (!installed) return fail(`${tag}: all`, 'not run: n8n did not install');

	const userFolder = path.join(work, `user-${version}`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const n8n = new N8n({ version, installDir, nodeBin: nodeDir, userFolder });
	n8n.env_ = { N8N_RESTRICT_FILE_ACCESS_TO: filesDir, ...(n8n.major >= 2 ? THREE_X_LIKE : {}) };
	if (n8n.major >= 2) console.log(`  (3.x-like settings: ${Object.entries(THREE_X_LIKE).map(([k, v]) => `${k}=${v}`).join(' ')})`);

	const pkgInstalled = await test(`${tag}: npm install the tarball into .n8n/nodes`, async () => {
		fs.mkdirSync(nodesDir, { recursive: true });
		fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
		const r = await timed(`${tag} install package`, () =>
			run('npm', ['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], {
				cwd: nodesDir,
				env: npmEnv(),
				timeoutMs: 180_000,
			}),
		);
		assert(r.code === 0, `npm install failed:\n${tail(r.stdout + r.stderr)}`);
		const dir = path.join(nodesDir, 'node_modules', PKG.name);
		assert(fs.existsSync(path.join(dir, 'package.json')), `${dir} missing`);
		const deps = fs.readdirSync(path.join(nodesDir, 'node_modules')).filter((d) => !d.startsWith('.'));
		assertEqual(deps, [PKG.name], 'packages installed next to ours (runtime dependencies)');
	});
	if (!pkgInstalled) return fail(`${tag}: all`, 'not run: the package did not install');
	if (ONLY_STORIES) return ctx.stories && ctx.stories.versionSuite({ n8n, tag, version });

	await test(`${tag}: examples and test workflows use node types, versions and parameters this n8n has`, async () => {
		const byType = loadDescriptions(installDir, root, PKG.name);
		const problems = [...suite.examples, ...suite.runs].flatMap((wf) => checkWorkflow(wf, byType).map((p) => `${wf.id}: ${p}`));
		assert(problems.length === 0, problems.join('\n'));
		return `${suite.examples.length + suite.runs.length} workflows`;
	});

	const imported = await test(`${tag}: import:credentials and import:workflow`, async () => {
		const credFile = path.join(work, `creds-${version}.json`);
		fs.writeFileSync(credFile, JSON.stringify(W.credentials(emu.url, ctx.apiKey, { trigger: suite.triggerSecret, callback: suite.callbackSecret }), null, 2));
		const c = await timed(`${tag} import:credentials`, () => n8n.cli(['import:credentials', `--input=${credFile}`], { timeoutMs: 120_000 }));
		assert(c.code === 0, `import:credentials failed:\n${tail(c.stdout + c.stderr)}`);
		const wfDir = path.join(work, `workflows-${version}`);
		fs.mkdirSync(wfDir);
		for (const wf of [...suite.examples, ...suite.runs, ...suite.server]) fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		const w = await timed(`${tag} import:workflow`, () => n8n.cli(['import:workflow', '--separate', `--input=${wfDir}`], { timeoutMs: 120_000 }));
		assert(w.code === 0, `import:workflow failed:\n${tail(w.stdout + w.stderr)}`);
		const l = await n8n.cli(['list:workflow'], { timeoutMs: 120_000 });
		const listed = l.stdout;
		const all = [...suite.examples, ...suite.runs, ...suite.server];
		const missing = all.filter((wf) => !listed.includes(wf.id)).map((wf) => wf.id);
		assert(missing.length === 0, `not listed after import: ${missing.join(', ')}\n${tail(l.stdout + l.stderr)}`);
		return `${all.length} workflows`;
	});
	if (!imported) return fail(`${tag}: executions`, 'not run: import failed');
	const runAgentSuite = () =>
		agentSuite({ tag, n8n, emu, stub: ctx.openAi, work, examples: ctx.examples, byType: loadDescriptions(installDir, root, PKG.name), timed });
	if (ONLY_AGENT) return await runAgentSuite();

	const exec = async (id, options) => {
		const r = await timed(`${tag} execute ${id}`, () => n8n.execute(id, options));
		if (/Unrecognized node type|unknown node type|is not known/i.test(r.output)) throw new Error(`n8n did not recognise a node type:\n${tail(r.output)}`);
		return r;
	};
	const mustSucceed = (r, what) => {
		assert(!r.timedOut, `${what}: n8n execute timed out`);
		assert(r.code === 0 && r.run, `${what}: n8n execute exit ${r.code}\n${tail(r.output)}`);
		const err = r.run.data?.resultData?.error;
		assert(err === undefined, `${what}: execution error ${JSON.stringify(err ?? null).slice(0, 500)}`);
	};
	const phrasesOf = (items) => items.map((i) => i.json.text);

	// (d) exactly as shipped except for the file path and the URL.
	await test(`${tag}: example offline-file-to-http: local file -> key phrases -> 15 POSTs to a receiver`, async () => {
		receiver.reset();
		const uploadsBefore = emu.uploads.size;
		const r = await exec(W.ids.fileToHttp);
		mustSucceed(r, 'offline-file-to-http');
		const items = nodeItems(r.run, 'Key Phrases');
		assertEqual(items.length, 15, 'key phrase items');
		assertEqual(items[0].json.text, 'air quality alerts', 'first phrase');
		for (const f of ['transcriptId', 'text', 'rank', 'count', 'timestamps', 'firstMentionMs', 'firstMention'])
			assert(f in items[0].json, `key phrase item lacks ${f}: ${JSON.stringify(items[0].json)}`);
		assert(items.every((i) => i.pairedItem && (i.pairedItem.item ?? i.pairedItem[0]?.item) === 0), 'every phrase is paired with input item 0');
		const posts = receiver.requests.filter((q) => q.method === 'POST' && q.url === '/key-phrases');
		assertEqual(posts.length, 15, 'POSTs the receiver got');
		assertEqual(posts.map((p) => p.json && p.json.phrase).sort(), phrasesOf(items).sort(), 'phrases the receiver got');
		assertEqual(posts[0].json.file, 'sales-call.wav', 'file name in the POST');
		assertEqual(posts.find((p) => p.json.phrase === 'air quality alerts').json.count, items[0].json.count, 'count in the POST');
		const uploaded = [...emu.uploads.values()].slice(uploadsBefore);
		assert(uploaded.some((b) => Buffer.compare(b, audioBytes) === 0), 'the emulator did not receive the exact bytes of the file');
		return `${fmtMs(r.ms)} for n8n execute`;
	});

	// (a) trigger and download swapped for local stand-ins, the email node for a Set evaluating its expressions.
	await test(`${tag}: example drive-recording-to-email (Drive and SMTP swapped for local stand-ins): summary, top 10, email text`, async () => {
		const r = await exec(W.ids.driveRun);
		mustSucceed(r, 'drive-recording-to-email');
		const s = nodeItems(r.run, 'Key Phrases');
		assertEqual(s.length, 1, 'summary items');
		const j = s[0].json;
		for (const f of ['transcriptId', 'status', 'audioUrl', 'audioDuration', 'languageCode', 'keyPhrases', 'highlights']) assert(f in j, `summary lacks ${f}`);
		assertEqual(j.status, 'completed', 'status');
		assertEqual(j.keyPhrases.length, 10, 'topN 10 key phrases');
		assertEqual(j.keyPhrases[0], 'air quality alerts', 'first phrase');
		const email = nodeItems(r.run, 'Email key phrases')[0].json;
		assert(email.subject === 'Key phrases: sales-call.wav', `email subject: ${email.subject}`);
		assert(email.text.includes('1. air quality alerts (said 1x, jump to 0:03)'), `email text: ${email.text}`);
		assert(email.text.includes('10. ') && !email.text.includes('11. '), `email text lists 10 phrases: ${email.text}`);
		assertEqual(nodeItems(r.run, 'Email failure'), undefined, 'the failure email node ran');
		return `${fmtMs(r.ms)} for n8n execute`;
	});

	// (b) webhook swapped for its output, the HubSpot request for a Set evaluating its URL and body.
	await test(`${tag}: example webhook-url-to-hubspot-notes (webhook and HubSpot swapped for stand-ins): 10 phrases, 10 note bodies`, async () => {
		const r = await exec(W.ids.hookRun);
		mustSucceed(r, 'webhook-url-to-hubspot-notes');
		const items = nodeItems(r.run, 'Key Phrases');
		assertEqual(items.length, 10, 'key phrase items (topN 10)');
		const notes = nodeItems(r.run, 'HubSpot note');
		assertEqual(notes.length, 10, 'note items');
		const body = JSON.parse(notes[0].json.jsonBody);
		assert(body.properties.hs_note_body.includes('"air quality alerts"'), `note body: ${body.properties.hs_note_body}`);
		assertEqual(body.associations[0].to.id, '123', 'note associated with the contact');
		return `${fmtMs(r.ms)} for n8n execute`;
	});

	// (c) the Wait node swapped for the callback body AssemblyAI would send.
	await test(`${tag}: example transcribe-then-wait (Wait swapped for the callback body): resume URL sent, then 15 phrases`, async () => {
		const before = emu.createdCount();
		const r = await exec(W.ids.waitRun);
		mustSucceed(r, 'transcribe-then-wait');
		const submitted = nodeItems(r.run, 'Submit transcript');
		assertEqual(submitted.length, 1, 'Submit transcript items');
		assertEqual(Object.keys(submitted[0].json).sort(), ['status', 'transcriptId'], "Don't Wait output fields");
		const params = emu.createdParams().slice(before);
		assertEqual(params.length, 1, 'transcripts created');
		assert(/\/webhook-waiting\/\d+/.test(params[0].webhook_url || ''), `webhook_url is not the execution's resume URL: ${params[0].webhook_url}`);
		const phrases = nodeItems(r.run, 'Get Highlights');
		assertEqual(phrases.length, 15, 'Get Highlights items');
		assertEqual(phrases[0].json.transcriptId, submitted[0].json.transcriptId, 'Get Highlights read the submitted transcript');
		return `webhook_url ${params[0].webhook_url}`;
	});

	await test(`${tag}: continue on fail: 2 URLs, one unreachable -> 15 phrases paired to item 0, 1 error item paired to item 1`, async () => {
		const r = await exec(W.ids.continueOnFail);
		mustSucceed(r, 'continue on fail');
		const items = nodeItems(r.run, 'Key Phrases');
		const paired = (i) => (Array.isArray(i.pairedItem) ? i.pairedItem[0].item : i.pairedItem.item);
		const ok = items.filter((i) => !('error' in i.json));
		const bad = items.filter((i) => 'error' in i.json);
		assertEqual(ok.length, 15, 'phrase items');
		assert(ok.every((i) => paired(i) === 0), 'phrases paired with item 0');
		assertEqual(bad.length, 1, 'error items');
		assertEqual(paired(bad[0]), 1, 'error item paired with');
		const e = bad[0].json;
		assert(/Download error/i.test(`${e.error} ${e.errorDescription}`), `error item: ${JSON.stringify(e)}`);
		assert(typeof e.transcriptId === 'string' && e.transcriptId, `error item names the transcript: ${JSON.stringify(e)}`);
		return `error: ${e.error}`;
	});

	await test(`${tag}: continue using the error output: 2 URLs, one unreachable -> 15 phrases on the success output, the error item (message, description, transcript ID) on the error output`, async () => {
		const r = await exec(W.ids.errorOutput);
		mustSucceed(r, 'error output');
		const paired = (i) => (Array.isArray(i.pairedItem) ? i.pairedItem[0].item : i.pairedItem.item);
		const ok = nodeItems(r.run, 'Key Phrases', 0);
		const bad = nodeItems(r.run, 'Key Phrases', 1) ?? [];
		assertEqual(ok.length, 15, 'phrase items on the success output');
		assert(ok.every((i) => !('error' in i.json)), 'no error item on the success output');
		assertEqual(bad.length, 1, 'items on the error output');
		assertEqual(paired(bad[0]), 1, 'error item paired with');
		const e = bad[0].json.error;
		assert(/Download error/i.test(e?.message) && typeof e?.transcriptId === 'string' && e.description, `error item: ${JSON.stringify(bad[0].json)}`);
		assert(bad[0].json.url, `n8n adds the input item's fields: ${JSON.stringify(bad[0].json)}`);
		return `error output: ${JSON.stringify(bad[0].json).slice(0, 160)}`;
	});

	if (n8n.major >= 2) {
		await test(`${tag}: SSRF protection on, the emulator's 127.0.0.1 not in N8N_SSRF_ALLOWED_IP_RANGES -> the Custom Base URL is refused before any request, with n8n's reason`, async () => {
			const before = emu.createdCount();
			const r = await exec(W.ids.hookRun, { env: { N8N_SSRF_ALLOWED_IP_RANGES: '' } });
			assert(!r.timedOut, 'n8n execute timed out');
			assert(r.code !== 0, `n8n execute exit ${r.code}; expected a failure`);
			assert(/restricted IP address/i.test(r.output), `n8n's SSRF reason is not in the output:\n${tail(r.output)}`);
			assertEqual(emu.createdCount() - before, 0, 'transcripts created');
			const line = r.output.split('\n').find((l) => /restricted IP address/i.test(l));
			return line.trim().slice(0, 200);
		});
	}

	await test(`${tag}: wrong API key -> the execution fails with AssemblyAI's message`, async () => {
		const r = await exec(W.ids.wrongKey);
		assert(!r.timedOut, 'n8n execute timed out');
		assert(r.code !== 0, `n8n execute exit ${r.code}; expected a failure`);
		assert(r.output.includes('Authentication error, API token missing/invalid'), `AssemblyAI's message is not in the output:\n${tail(r.output)}`);
		assert(!r.output.includes('not-the-right-key'), 'the API key appears in the output');
		return `exit ${r.code}`;
	});

	await require('./lib/callcenter-tests').callCenterSuite({ tag, n8n, emu, receiver, work, root, byType: loadDescriptions(installDir, root, PKG.name), timed });
	await runAgentSuite();

	// `n8n start`: the trigger and waitMode callback in active workflows, then the editor checks.
	const editor = EDITOR && EDITOR_VERSIONS.includes(version);
	if (SERVER || editor) {
		const { serverSuite } = require('./lib/server-tests');
		await serverSuite({
			n8n,
			tag,
			version,
			work,
			emu,
			receiver,
			timed,
			serverWorkflows: suite.server,
			triggerSecret: suite.triggerSecret,
			callbackSecret: suite.callbackSecret,
			apiKey: ctx.apiKey,
			byType: loadDescriptions(installDir, root, PKG.name),
			editor: editor ? { cache, screenshotDir: screenshotDirFor(version, work), suite } : undefined,
		});
	}
	if (ctx.stories) await ctx.stories.versionSuite({ n8n, tag, version });
}

runSuite(main, 'e2e');
