#!/usr/bin/env node
'use strict';
/**
 * Queue-mode (scale-out) suite: our packed package in n8n 2.41.3 running as one main, two workers and
 * one webhook process, on our own Redis and PostgreSQL.
 *
 *   npm run test:queue                  (or ./run test:queue; builds first)
 *   node e2e/queue/run.js [--keep] [--workers=2]
 *
 * Environment: E2E_CACHE (n8n install cache, shared with e2e/run.js), E2E_SKIP_BUILD=1,
 * QUEUE_E2E_TIMEOUT_MIN (whole-suite limit, default 40).
 * See e2e/queue/README.md.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { run, killAll, runSuite } = require('../lib/proc');
const { startReceiver } = require('../lib/receiver');
const { loadDescriptions, checkWorkflow } = require('../lib/node-types');
const W = require('../lib/workflows');
const { test, fail, assert, assertEqual, results, fmtMs } = require('../lib/tests');
const { node24Dir, npmEnv, writeWav, tail } = require('../lib/toolchain');
const { installN8n } = require('../lib/install');
const { ensureInstalled, startRedis, startPostgres, freePort } = require('./services');
const { Cluster, pgClient } = require('./cluster');
const Q = require('./workflows');
const { searchN8nRecords } = require('../lib/secret-search');

const root = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cache = process.env.E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-assemblyai-highlights-e2e');
const VERSION = '2.41.3';
const argv = process.argv.slice(2);
const KEEP = argv.includes('--keep');
const WORKERS = Number((argv.find((a) => a.startsWith('--workers=')) || '--workers=2').split('=')[1]);
const LIMIT_MIN = Number(process.env.QUEUE_E2E_TIMEOUT_MIN || 40);
const PHRASES = 15; // the emulator's recorded transcript has 15 key phrases
const FIRST_PHRASE = 'air quality alerts';

const timings = [];
const timed = async (label, fn) => {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		timings.push([label, Date.now() - t]);
	}
};
/** Lines for the "who ran what" report. */
const report = [];
const pending = [];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what, fn, timeoutMs, everyMs = 250) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await fn();
		if (last) return last;
		await sleep(everyMs);
	}
	throw new Error(`timed out after ${fmtMs(timeoutMs)} waiting for ${what}`);
}

async function main() {
	const t0 = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aai-queue-e2e-'));
	console.log(`queue e2e: ${PKG.name}@${PKG.version} in n8n ${VERSION} queue mode (main, ${WORKERS} workers, webhook process); work folder ${work}`);
	// Ctrl-C / kill: e2e/lib/proc.js kills every child and exits; the work folder goes too.
	process.on('exit', () => {
		if (!KEEP) fs.rmSync(work, { recursive: true, force: true });
	});
	const watchdog = setTimeout(() => {
		console.log(`queue e2e: the whole suite passed its ${LIMIT_MIN} min limit; killing everything`);
		killAll();
		console.log('queue e2e: 0 passed, 1 failed');
		process.exit(1);
	}, LIMIT_MIN * 60_000);
	watchdog.unref();

	let emu;
	let receiver;
	let redis;
	let pg;
	let db;
	let cluster;
	try {
		await run_();
	} finally {
		if (cluster) {
			// Workers first (nothing left to take jobs), then the webhook process and main.
			await Promise.all(cluster.workerNames(true).map((n) => cluster.stop(n, 10_000)));
			await cluster.stop('webhook', 10_000);
			await cluster.stop('main', 10_000);
		}
		if (db) await db.end().catch(() => {});
		if (pg) await pg.stop();
		if (redis) await redis.stop();
		if (receiver) await receiver.close();
		if (emu) await emu.close();
		killAll();
		if (!KEEP) fs.rmSync(work, { recursive: true, force: true });
		else console.log(`queue e2e: kept ${work} (logs: main.log, webhook.log, worker-N.log)`);
	}

	async function run_() {
		// 1. Redis and PostgreSQL from Debian packages, n8n from the e2e cache, our package packed.
		const services = await test('redis-server and postgresql installed (apt-get when missing)', () => timed('apt-get', ensureInstalled));
		if (!services) return fail('all', 'not run: no Redis/PostgreSQL');

		let installDir;
		const nodeBin = node24Dir();
		const installed = await test(`n8n ${VERSION} installed (e2e cache), native modules load`, async () => {
			const r = await installN8n({ version: VERSION, cache, timed, label: 'n8n install' });
			installDir = r.installDir;
			return r.summary;
		});
		if (!installed) return fail('all', 'not run: n8n did not install');

		let tarball;
		const packed = await test('build and npm pack the package', async () => {
			if (process.env.E2E_SKIP_BUILD !== '1') {
				const b = await timed('build', () => run('npm', ['run', 'build', '--silent'], { cwd: root, env: npmEnv(), timeoutMs: 300_000 }));
				assert(b.code === 0, `npm run build failed:\n${tail(b.stdout + b.stderr)}`);
			}
			const p = await timed('npm pack', () => run('npm', ['pack', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: root, env: npmEnv(), timeoutMs: 120_000 }));
			assert(p.code === 0, `npm pack failed:\n${tail(p.stdout + p.stderr)}`);
			const info = JSON.parse(p.stdout.slice(p.stdout.indexOf('[')))[0];
			tarball = path.join(work, info.filename);
			return `${info.filename}, ${info.files.length} files`;
		});
		if (!packed) return fail('all', 'not run: the package did not build or pack');

		// Does the built node have waitMode "callback" yet (scenario c)?
		const byType = loadDescriptions(installDir, root, PKG.name);
		const ours = byType.get(W.OUR_TYPE)[0];
		const waitModes = (ours.properties.find((p) => p.name === 'waitMode')?.options || []).map((o) => o.value);
		const hasWebhookWait = waitModes.includes('callback');

		const started = await test('Redis and PostgreSQL of our own on 127.0.0.1 (free ports, data in the work folder)', async () => {
			redis = await timed('redis start', () => startRedis(path.join(work, 'redis'), LIMIT_MIN * 60_000));
			pg = await timed('postgres initdb + start', () => startPostgres(path.join(work, 'pg'), LIMIT_MIN * 60_000));
			db = pgClient(installDir, pg);
			await db.connect();
			return `redis-server :${redis.port}, postgres :${pg.port}`;
		});
		if (!started) return fail('all', 'not run: Redis/PostgreSQL did not start');

		// The suite's side: the AssemblyAI emulator, a receiver for the workflows' POSTs, recordings.
		const apiKey = `queue-e2e-key-${process.pid}`;
		// The webhook header credentials' secrets: searched for in the database and exports at the end.
		const headerSecrets = { trigger: crypto.randomBytes(12).toString('hex'), callback: crypto.randomBytes(12).toString('hex') };
		emu = await require(path.join(root, 'test', 'emulator')).startEmulator({ apiKey, queuedMs: 200, processingMs: 400 });
		receiver = await startReceiver();
		const filesDir = path.join(work, 'files');
		fs.mkdirSync(filesDir);
		const batch = [];
		const uploads = [];
		for (let i = 1; i <= 6; i++) {
			batch.push({ name: `batch-${i}.wav`, bytes: writeWav(path.join(filesDir, `batch-${i}.wav`), 0.5 + i * 0.25, 200 + i * 40) });
			uploads.push({ name: `upload-${i}.wav`, bytes: writeWav(path.join(work, `upload-${i}.wav`), 0.4 + i * 0.3, 300 + i * 55) });
		}
		console.log(`queue e2e: AssemblyAI emulator ${emu.url}, receiver ${receiver.url}`);

		const ports = { main: await freePort(), webhook: await freePort(), mainRunners: await freePort(), webhookRunners: await freePort() };
		for (const k of [...Array.from({ length: WORKERS }, (_, i) => `worker${i + 1}`), 'workerBare']) {
			ports[`${k}Health`] = await freePort();
			ports[`${k}Runners`] = await freePort();
		}
		cluster = new Cluster({
			version: VERSION,
			installDir,
			nodeBin,
			work,
			ports,
			redisPort: redis.port,
			pg,
			encryptionKey: crypto.randomBytes(24).toString('base64'),
			filesDir,
			workers: WORKERS,
			limitMs: (LIMIT_MIN - 1) * 60_000,
		});
		const names = Object.keys(cluster.procs).filter((n) => n !== 'worker-bare');
		const workflows = Q.queueWorkflows({ filesDir, receiverUrl: receiver.url, webhookBase: cluster.webhookBase }).filter(
			(wf) => hasWebhookWait || (wf.id !== Q.ids.waitHook && wf.id !== Q.ids.waitBatch),
		);

		// 2. Our package into EVERY process's own user folder, like separate machines.
		const pkgInstalled = await test(`npm install the tarball into .n8n/nodes of each process (${names.join(', ')})`, async () => {
			await timed('npm install x' + names.length, () =>
				Promise.all(
					names.map(async (name) => {
						const nodesDir = path.join(cluster.procs[name].n8n.userFolder, '.n8n', 'nodes');
						fs.mkdirSync(nodesDir, { recursive: true });
						fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
						const r = await run('npm', ['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], {
							cwd: nodesDir,
							env: npmEnv(),
							timeoutMs: 180_000,
						});
						assert(r.code === 0, `${name}: npm install failed:\n${tail(r.stdout + r.stderr)}`);
						assert(fs.existsSync(path.join(nodesDir, 'node_modules', PKG.name, 'package.json')), `${name}: package missing after install`);
					}),
				),
			);
		});
		if (!pkgInstalled) return fail('all', 'not run: the package did not install');

		await test('queue workflows use node types, versions and parameters this n8n and our node have', async () => {
			const problems = workflows.flatMap((wf) => checkWorkflow(wf, byType).map((p) => `${wf.id}: ${p}`));
			assert(problems.length === 0, problems.join('\n'));
			return `${workflows.length} workflows`;
		});

		// 3. Credentials and workflows with the CLI (main's user folder; the data lands in Postgres).
		// Activation: `import:workflow --activeState=fromJson` (queue mode only) fails in 2.41.3 with "User
		// attempted to activate a workflow without permissions" (the owner is not set up); `n8n
		// publish:workflow --id=…` per workflow, before main starts, is what works.
		const imported = await test('import:credentials, import:workflow, publish:workflow (activation in 2.x)', async () => {
			const credFile = path.join(work, 'creds.json');
			fs.writeFileSync(credFile, JSON.stringify(W.credentials(emu.url, apiKey, headerSecrets), null, 2));
			const c = await timed('import:credentials', () => cluster.main.cli(['import:credentials', `--input=${credFile}`], { timeoutMs: 300_000 }));
			assert(c.code === 0, `import:credentials failed:\n${tail(c.stdout + c.stderr)}`);
			const wfDir = path.join(work, 'workflows');
			fs.mkdirSync(wfDir);
			for (const wf of workflows) fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
			const w = await timed('import:workflow', () => cluster.main.cli(['import:workflow', '--separate', `--input=${wfDir}`], { timeoutMs: 300_000 }));
			assert(w.code === 0, `import:workflow failed:\n${tail(w.stdout + w.stderr)}`);
			await timed(`publish:workflow x${workflows.length}`, async () => {
				for (const wf of workflows) {
					const p = await cluster.main.cli(['publish:workflow', `--id=${wf.id}`], { timeoutMs: 300_000 });
					assert(p.code === 0 && !/Error/.test(p.stdout + p.stderr), `publish:workflow --id=${wf.id} failed:\n${tail(p.stdout + p.stderr)}`);
				}
			});
			const { rows } = await db.query('SELECT id, active, "activeVersionId" FROM workflow_entity ORDER BY id');
			const inactive = workflows.filter((wf) => !rows.some((r) => r.id === wf.id && r.active && r.activeVersionId));
			assert(inactive.length === 0, `not active after publish: ${inactive.map((x) => x.id).join(', ')}\n${JSON.stringify(rows)}`);
			const warning = /Postgres \d+ is not supported[^\n]*/.exec(c.stdout + c.stderr);
			return `${workflows.length} workflows active${warning ? `; n8n warns: "${warning[0]}"` : ''}`;
		});
		if (!imported) return fail('all', 'not run: import failed');

		// 4. main first (it registers the production webhooks), then the webhook process and the workers.
		const up = await test(`start main, webhook process and ${WORKERS} workers (queue mode, Postgres, Redis, binary data mode database)`, async () => {
			const mainMs = await timed('main start', () => cluster.start('main'));
			const rest = names.filter((n) => n !== 'main');
			const ms = await timed('webhook + workers start', () => Promise.all(rest.map((n) => cluster.start(n))));
			const { rows } = await db.query('SELECT "webhookPath", method, "workflowId" FROM webhook_entity ORDER BY "webhookPath"');
			const registered = rows.map((r) => r.webhookPath);
			for (const p of [...Object.values(Q.paths).filter((p) => hasWebhookWait || (p !== Q.paths.waitHook && p !== Q.paths.waitBatch)), Q.TRIGGER_PATH])
				assert(registered.includes(p), `webhook ${p} not registered: ${registered.join(', ')}`);
			return `main ready in ${fmtMs(mainMs)}, ${rest.map((n, i) => `${n} ${fmtMs(ms[i])}`).join(', ')}; webhooks: ${registered.join(', ')}`;
		});
		if (!up) return fail('scenarios', 'not run: the cluster did not start');

		await test('production webhooks: served by the webhook process, not by main (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)', async () => {
			const r = await fetch(`${cluster.mainBase}/webhook/${Q.paths.batch}`, { method: 'POST' });
			assertEqual(r.status, 404, `main's answer to POST /webhook/${Q.paths.batch}`);
			const w = await fetch(`${cluster.webhookBase}/webhook/${Q.TRIGGER_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"transcript_id":"x","status":"completed"}' });
			assertEqual(w.status, 401, 'the trigger on the webhook process without the secret header');
			const w2 = await fetch(`${cluster.webhookBase}/webhook/${Q.TRIGGER_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', [Q.SECRET_HEADER]: 'wrong' },
				body: '{"transcript_id":"x","status":"completed"}',
			});
			assertEqual(w2.status, 401, 'the trigger on the webhook process with a wrong secret');
			return 'main 404, webhook process 401 without / with a wrong secret';
		});

		const executionsOf = async (workflowId) =>
			(await db.query('SELECT id, status, mode, "waitTill" FROM execution_entity WHERE "workflowId" = $1 ORDER BY id', [workflowId])).rows.map((r) => ({ ...r, id: String(r.id) }));
		const postsTo = (p) => receiver.requests.filter((q) => q.method === 'POST' && q.url === p);
		const describeRuns = (execs) =>
			execs.map((e) => `execution ${e.id} ${e.status}: enqueued by ${enqueuerOf(e.id)}, run by ${cluster.workersOf(e.id).join(' then ') || '?'}`);
		const enqueuerOf = (id) =>
			cluster
				.events()
				.filter((e) => e.event === 'enqueued' && e.executionId === id)
				.map((e) => `${e.process} (job ${e.jobId})`)
				.join(', ') || '?';

		// (a) A batch of 6 recordings read from disk in ONE execution, started through the webhook process.
		await test('(a) batch: webhook -> read 6 recordings from disk -> Transcribe (poll) -> 6 x 15 key phrases, exact bytes uploaded', async () => {
			const before = emu.uploads.size;
			const t = Date.now();
			const r = await fetch(`${cluster.webhookBase}/webhook/${Q.paths.batch}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			assertEqual(r.status, 200, 'webhook answer');
			await waitFor('90 POSTs to /batch', () => postsTo('/batch').length >= batch.length * PHRASES, 120_000);
			const execs = await waitFor('the execution to succeed', async () => {
				const e = await executionsOf(Q.ids.batch);
				return e.length && e.every((x) => x.status === 'success') && e;
			}, 60_000);
			assertEqual(execs.length, 1, 'executions');
			const posts = postsTo('/batch');
			assertEqual(posts.length, batch.length * PHRASES, 'POSTs');
			for (const f of batch) {
				const mine = posts.filter((p) => p.json.file === f.name);
				assertEqual(mine.length, PHRASES, `phrases for ${f.name}`);
				assert(mine.some((p) => p.json.phrase === FIRST_PHRASE), `${f.name}: no "${FIRST_PHRASE}"`);
				assertEqual(new Set(mine.map((p) => p.json.transcriptId)).size, 1, `${f.name}: transcripts`);
			}
			assertEqual(new Set(posts.map((p) => p.json.transcriptId)).size, batch.length, 'distinct transcripts');
			assert(posts.every((p) => String(p.json.executionId) === execs[0].id), 'every POST from the one execution');
			const uploaded = [...emu.uploads.values()].slice(before);
			assertEqual(uploaded.length, batch.length, 'uploads the emulator got');
			for (const f of batch) assert(uploaded.some((b) => b.equals(f.bytes)), `the emulator did not get the exact bytes of ${f.name}`);
			const who = describeRuns(execs);
			report.push(`(a) batch of ${batch.length} from disk: ${who.join('; ')}`);
			return `${fmtMs(Date.now() - t)}; ${who.join('; ')}`;
		});

		// (a) Six recordings POSTed at once as request bodies: the webhook process stores each as binary
		// data in Postgres; workers read it from there. Six executions, spread over the workers.
		await test('(a) binary through queue-mode storage: 6 recordings POSTed to the webhook process at once -> 6 executions on the workers', async () => {
			const before = emu.uploads.size;
			const t = Date.now();
			const answers = await Promise.all(
				uploads.map((f) => fetch(`${cluster.webhookBase}/webhook/${Q.paths.upload}?name=${f.name}`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: f.bytes })),
			);
			assertEqual(answers.map((a) => a.status), uploads.map(() => 200), 'webhook answers');
			await waitFor('90 POSTs to /upload', () => postsTo('/upload').length >= uploads.length * PHRASES, 120_000);
			const execs = await waitFor('6 executions to succeed', async () => {
				const e = await executionsOf(Q.ids.upload);
				return e.length === uploads.length && e.every((x) => x.status === 'success') && e;
			}, 60_000);
			const posts = postsTo('/upload');
			for (const f of uploads) {
				const mine = posts.filter((p) => p.json.file === f.name);
				assertEqual(mine.length, PHRASES, `phrases for ${f.name}`);
				assertEqual(new Set(mine.map((p) => p.json.executionId)).size, 1, `${f.name}: executions`);
			}
			const uploaded = [...emu.uploads.values()].slice(before);
			assertEqual(uploaded.length, uploads.length, 'uploads the emulator got');
			for (const f of uploads) assert(uploaded.some((b) => b.equals(f.bytes)), `the emulator did not get the exact bytes of ${f.name}`);
			// The webhook process put the request bodies into Postgres (binary data mode "database").
			const { rows } = await db.query('SELECT "fileId", "sourceType", "sourceId", "fileSize", data FROM binary_data');
			for (const f of uploads) assert(rows.some((r) => Buffer.compare(r.data, f.bytes) === 0), `no binary_data row holds the bytes of ${f.name}`);
			// And no process kept them in a filesystem store (.n8n/storage, formerly .n8n/binaryData).
			for (const name of names) {
				for (const sub of ['storage', 'binaryData']) {
					const dir = path.join(cluster.procs[name].n8n.userFolder, '.n8n', sub);
					if (!fs.existsSync(dir)) continue;
					for (const f of fs.readdirSync(dir, { recursive: true })) {
						const file = path.join(dir, f);
						if (!fs.statSync(file).isFile() || fs.statSync(file).size > 5e6) continue;
						const bytes = fs.readFileSync(file);
						assert(!uploads.some((u) => u.bytes.equals(bytes)), `${name} stored a recording on disk: ${file}`);
					}
				}
			}
			const perWorker = {};
			for (const e of execs) for (const w of cluster.workersOf(e.id)) perWorker[w.split(' ')[0]] = (perWorker[w.split(' ')[0]] || 0) + 1;
			const who = describeRuns(execs);
			report.push(`(a) 6 binary uploads: ${Object.entries(perWorker).map(([w, n]) => `${w} ran ${n}`).join(', ')}`);
			for (const line of who) report.push(`      ${line}`);
			return `${fmtMs(Date.now() - t)}; binary_data rows ${rows.length}; ${Object.entries(perWorker).map(([w, n]) => `${w}: ${n}`).join(', ')}`;
		});

		// (b) Submit (waitMode none) with webhook_url = the trigger's production URL; the emulator calls
		// the webhook process, which runs the trigger; the workflow continues on a worker.
		await test('(b) AssemblyAI Highlights Trigger: 3 transcripts submitted, the emulator calls the webhook process, 3 x 15 phrases', async () => {
			const t = Date.now();
			const recordings = [1, 2, 3].map((i) => ({ url: `https://assembly.ai/queue-b/call-${i}.mp3` }));
			const r = await fetch(`${cluster.webhookBase}/webhook/${Q.paths.submit}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recordings }) });
			assertEqual(r.status, 200, 'webhook answer');
			await waitFor('3 POSTs to /submitted', () => postsTo('/submitted').length >= 3, 60_000);
			const submitted = postsTo('/submitted').map((p) => p.json.transcriptId);
			assertEqual(new Set(submitted).size, 3, 'distinct transcripts submitted');
			await waitFor('45 POSTs to /trigger', () => postsTo('/trigger').length >= 3 * PHRASES, 60_000);
			const posts = postsTo('/trigger');
			assertEqual(posts.length, 3 * PHRASES, 'POSTs from the trigger workflow');
			for (const id of submitted) assertEqual(posts.filter((p) => p.json.transcriptId === id).length, PHRASES, `phrases for ${id}`);
			const params = emu.createdParams().filter((p) => submitted.length && String(p.audio_url).includes('/queue-b/'));
			assert(params.every((p) => p.webhook_url === `${cluster.webhookBase}/webhook/${Q.TRIGGER_PATH}`), `webhook_url: ${params.map((p) => p.webhook_url).join(', ')}`);
			const deliveries = emu.webhookDeliveries().filter((d) => submitted.includes(d.transcriptId));
			assertEqual(deliveries.map((d) => d.statusCode), [200, 200, 200], "webhook process's answers to the emulator");
			const subExecs = await executionsOf(Q.ids.submit);
			const trigExecs = await waitFor('3 trigger executions to succeed', async () => {
				const e = await executionsOf(Q.ids.trigger);
				return e.length === 3 && e.every((x) => x.status === 'success') && e;
			}, 30_000);
			report.push(`(b) submit: ${describeRuns(subExecs).join('; ')}`);
			report.push(`(b) trigger (webhook() ran in the webhook process): ${describeRuns(trigExecs).join('; ')}`);
			return `${fmtMs(Date.now() - t)}; trigger executions ${trigExecs.map((e) => `${e.id} on ${cluster.workersOf(e.id).join(',')}`).join(', ')}`;
		});

		// (c) waitMode callback: the execution waits in Postgres; the worker that ran it is stopped; the
		// callback, through the webhook process, is resumed by ANOTHER worker.
		const cName = '(c) waitMode callback: the execution waits, its worker is stopped, the callback resumes it on another worker';
		if (!hasWebhookWait) {
			pending.push(`${cName} — PENDING: the built node has no waitMode "callback" yet (waitMode options: ${waitModes.join(', ')})`);
			console.log(`  PENDING ${cName}\n        the built node has no waitMode "callback" yet (options: ${waitModes.join(', ')})`);
		} else {
			await test(cName, async () => {
				const t = Date.now();
				// The transcript finishes only when we say so: 10 min, shortened below.
				emu.addScenario({ match: (url) => String(url).includes('/queue-c/'), queuedMs: 200, processingMs: 10 * 60_000 });
				const url = 'https://assembly.ai/queue-c/long-call.mp3';
				const r = await fetch(`${cluster.webhookBase}/webhook/${Q.paths.waitHook}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
				assertEqual(r.status, 200, 'webhook answer');
				const [exec] = await waitFor('the execution to be waiting', async () => {
					const e = await executionsOf(Q.ids.waitHook);
					return e.length === 1 && e[0].status === 'waiting' && e;
				}, 60_000);
				const created = emu.createdParams().filter((p) => p.audio_url === url);
				assertEqual(created.length, 1, 'transcripts created');
				const resumeUrl = String(created[0].webhook_url);
				assert(resumeUrl.startsWith(`${cluster.webhookBase}/webhook-waiting/${exec.id}`), `webhook_url is not the resume URL on the webhook process: ${resumeUrl}`);
				const first = await waitFor('the first worker to log the execution', () => {
					const w = cluster.workersOf(exec.id);
					return w.length ? w : undefined;
				}, 10_000);
				const firstWorker = first[0].split(' ')[0];
				const transcript = [...emu.transcripts.values()].find((x) => x.params.audio_url === url);
				assert(transcript, 'the emulator has no transcript for the recording');

				// Stop the worker that submitted; only the other one(s) can take the resume.
				await cluster.stop(firstWorker, 20_000);
				const others = cluster.workerNames().filter((n) => n !== firstWorker);
				assert(others.some((n) => cluster.isRunning(n)), 'no other worker running');

				// Finish the transcript now: the emulator calls the resume URL.
				transcript.queuedMs = 0;
				transcript.processingMs = 0;
				emu.deliverDueWebhooks();
				await waitFor(`${PHRASES} POSTs to /resumed`, () => postsTo('/resumed').length >= PHRASES, 90_000);
				const done = await waitFor('the execution to succeed', async () => {
					const e = await executionsOf(Q.ids.waitHook);
					return e[0].status === 'success' && e;
				}, 30_000);
				const posts = postsTo('/resumed');
				assertEqual(posts.length, PHRASES, 'POSTs after the resume');
				assert(posts.every((p) => p.json.transcriptId === transcript.id && String(p.json.executionId) === exec.id), 'POSTs name the transcript and the execution');
				assert(posts.some((p) => p.json.phrase === FIRST_PHRASE), `no "${FIRST_PHRASE}"`);
				const deliveries = emu.webhookDeliveries().filter((d) => d.transcriptId === transcript.id);
				// 202: the call that resumed the execution.
				assert(deliveries.length >= 1 && deliveries[deliveries.length - 1].statusCode === 202, `callback answers: ${deliveries.map((d) => d.statusCode).join(', ')}`);
				const runs = cluster.workersOf(exec.id);
				const resumed = runs.filter((r) => r !== first[0]);
				assertEqual(resumed.length, 1, `later runs of execution ${exec.id} (all: ${runs.join(', ')})`);
				const resumedBy = resumed[0].split(' ')[0];
				assert(resumedBy !== firstWorker, `resumed by ${resumedBy}, the worker that was stopped`);
				assert(cluster.output(firstWorker).includes(`Worker finished execution ${exec.id} (job`), `${firstWorker} did not finish its job before it was stopped`);
				report.push(
					`(c) waitMode callback: execution ${exec.id} submitted on ${first[0]}, which finished its job (execution waiting, no worker held); ` +
						`${firstWorker} stopped; AssemblyAI's callback -> webhook process (enqueued: ${enqueuerOf(exec.id)}) -> resumed on ${resumed[0]}`,
				);
				void done;
				return `${fmtMs(Date.now() - t)}; submitted on ${first[0]}, ${firstWorker} stopped, resumed on ${resumed[0]}`;
			});

			// (c) again with 3 recordings in one execution: the stopped worker comes back first, then the
			// worker that submits is stopped; callbacks arrive out of order, two of them while other
			// transcripts still run (the execution must keep waiting), the last one resumes it elsewhere.
			await test('(c) waitMode callback, 3 recordings: callbacks 1 and 2 keep it waiting, the 3rd resumes it on the other worker, items paired by position', async () => {
				const t = Date.now();
				const back = cluster.workerNames().filter((n) => !cluster.isRunning(n));
				for (const n of back) await timed(`${n} restart`, () => cluster.start(n));
				emu.addScenario({ match: (url) => String(url).includes('/queue-c2/'), queuedMs: 200, processingMs: 10 * 60_000 });
				const recordings = [1, 2, 3].map((i) => ({ url: `https://assembly.ai/queue-c2/meeting-${i}.mp3` }));
				const r = await fetch(`${cluster.webhookBase}/webhook/${Q.paths.waitBatch}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recordings }) });
				assertEqual(r.status, 200, 'webhook answer');
				const [exec] = await waitFor('the execution to be waiting', async () => {
					const e = await executionsOf(Q.ids.waitBatch);
					return e.length === 1 && e[0].status === 'waiting' && e;
				}, 60_000);
				const transcripts = recordings.map((rec) => [...emu.transcripts.values()].find((x) => x.params.audio_url === rec.url));
				assert(transcripts.every(Boolean), 'a recording has no transcript on the emulator');
				const urls = new Set(transcripts.map((x) => x.params.webhook_url));
				assertEqual(urls.size, 1, 'one resume URL for the execution');
				assert([...urls][0].startsWith(`${cluster.webhookBase}/webhook-waiting/${exec.id}`), `webhook_url: ${[...urls][0]}`);
				const first = await waitFor('the worker that submitted', () => {
					const w = cluster.workersOf(exec.id);
					return w.length ? w : undefined;
				}, 10_000);
				const firstWorker = first[0].split(' ')[0];
				await cluster.stop(firstWorker, 20_000);

				const release = async (x) => {
					x.queuedMs = 0;
					x.processingMs = 0;
					emu.deliverDueWebhooks();
					return waitFor(`the callback for ${x.id} answered`, () => emu.webhookDeliveries().find((d) => d.transcriptId === x.id && d.outcome !== 'pending'), 30_000);
				};
				const answers = [];
				for (const x of [transcripts[2], transcripts[0]]) {
					const d = await release(x);
					answers.push(d.statusCode);
					assertEqual(d.statusCode, 200, `answer to the callback for ${x.params.audio_url}`);
					await sleep(500);
					const e = await executionsOf(Q.ids.waitBatch);
					assertEqual(e[0].status, 'waiting', `status after the callback for ${x.params.audio_url} (others still running)`);
					assertEqual(cluster.workersOf(exec.id).length, 1, 'worker runs of the execution before the last callback');
				}
				const last = await release(transcripts[1]);
				answers.push(last.statusCode);
				await waitFor(`${3 * PHRASES} POSTs to /resumed-batch`, () => postsTo('/resumed-batch').length >= 3 * PHRASES, 90_000);
				await waitFor('the execution to succeed', async () => (await executionsOf(Q.ids.waitBatch))[0].status === 'success', 30_000);
				const posts = postsTo('/resumed-batch');
				assertEqual(posts.length, 3 * PHRASES, 'POSTs after the resume');
				for (const x of transcripts) {
					const mine = posts.filter((p) => p.json.transcriptId === x.id);
					assertEqual(mine.length, PHRASES, `phrases for ${x.params.audio_url}`);
					assert(mine.every((p) => p.json.url === x.params.audio_url), `${x.id}'s phrases paired with ${[...new Set(mine.map((p) => p.json.url))].join(', ')}, not ${x.params.audio_url}`);
				}
				const runs = cluster.workersOf(exec.id);
				const resumed = runs.filter((w) => w !== first[0]);
				assertEqual(resumed.length, 1, `later runs of execution ${exec.id} (all: ${runs.join(', ')})`);
				assert(resumed[0].split(' ')[0] !== firstWorker, `resumed by ${resumed[0]}, the worker that was stopped`);
				report.push(
					`(c) 3 recordings: ${back.length ? `${back.join(', ')} restarted; ` : ''}execution ${exec.id} submitted on ${first[0]}; ${firstWorker} stopped; ` +
						`callbacks 3, 1 acknowledged by the webhook process (still waiting), callback 2 -> resumed on ${resumed[0]}`,
				);
				return `${fmtMs(Date.now() - t)}; submitted on ${first[0]}, ${firstWorker} stopped, callbacks answered ${answers.join(', ')}, resumed on ${resumed[0]}`;
			});
		}

		// (d) kill -9 the worker in mid-wait, and count the transcripts the emulator made per recording.
		// Poll mode: the worker holds the execution's job while it polls; Bull finds the job stalled,
		// and n8n 2.41.3 fails the execution rather than run it again. Callback mode: the execution
		// waits in Postgres and no worker holds it; the callbacks resume it elsewhere.
		/** Executions whose worker was killed on purpose: n8n logs "Problem with execution …" for them. */
		const killedExecutions = [];
		const killRun = (mode, workflowId, path, target) =>
			test(`(d) ${mode} mode: 3 recordings, the worker is killed -9 in mid-wait; transcripts per recording counted on the emulator`, async () => {
				const t = Date.now();
				for (const n of cluster.workerNames().filter((x) => !cluster.isRunning(x))) await timed(`${n} restart`, () => cluster.start(n));
				const tag = `queue-d-${mode}`;
				emu.addScenario({ match: (url) => String(url).includes(`/${tag}/`), queuedMs: 200, processingMs: 10 * 60_000 });
				const recordings = [1, 2, 3].map((i) => ({ url: `https://assembly.ai/${tag}/call-${i}.mp3` }));
				const created = () => recordings.map((rec) => [...emu.transcripts.values()].filter((x) => x.params.audio_url === rec.url));
				const r = await fetch(`${cluster.webhookBase}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recordings }) });
				assertEqual(r.status, 200, 'webhook answer');
				await waitFor('a transcript per recording', () => created().every((c) => c.length >= 1), 60_000);
				const [exec] = await waitFor('the execution', async () => {
					const e = await executionsOf(workflowId);
					return e.length === 1 && (mode === 'poll' ? e[0].status === 'running' : e[0].status === 'waiting') && e;
				}, 60_000);
				const first = await waitFor('the worker that runs it', () => cluster.workersOf(exec.id)[0], 10_000);
				const victim = first.split(' ')[0];
				await sleep(1500); // in mid-wait: a few polls (poll), or waiting in Postgres (callback)
				await cluster.kill9(victim);
				const killedAt = Date.now();
				// Poll mode: Bull finds the job stalled (lock 10 s, checks every 5 s here); would another worker run it?
				if (mode === 'poll') await waitFor('another worker to take the stalled job', () => cluster.workersOf(exec.id).length >= 2 || undefined, 30_000).catch(() => undefined);
				else await sleep(15_000); // as long: nothing is to happen
				const rerun = cluster.workersOf(exec.id).slice(1);
				// Every transcript finishes now; the emulator calls back those that asked for it.
				for (const x of created().flat()) {
					x.queuedMs = 0;
					x.processingMs = 0;
				}
				emu.deliverDueWebhooks();
				const done = await waitFor('the execution to end', async () => {
					const e = await executionsOf(workflowId);
					return !['new', 'running', 'waiting'].includes(e[0].status) && e[0];
				}, 120_000);
				await sleep(2000);
				const counts = created().map((c) => c.length);
				const posts = postsTo(target);
				const deliveries = emu.webhookDeliveries().filter((d) => created().flat().some((x) => x.id === d.transcriptId));
				const line =
					`(d) ${mode}: execution ${exec.id} ran on ${first}; ${victim} killed -9 ${fmtMs(killedAt - t)} in; ` +
					`${rerun.length ? `run again on ${rerun.join(', ')}` : 'not run again by any worker'}; ended ${done.status}; ` +
					`transcripts per recording ${counts.join(', ')}; ${posts.length} items posted` +
					(deliveries.length ? `; callbacks answered ${deliveries.map((d) => d.statusCode).join(', ')}` : '');
				report.push(line);
				if (mode === 'callback') {
					assertEqual(done.status, 'success', 'the execution');
					// Safe: the waiting execution is in Postgres; nothing was sent twice, every result came out once.
					assertEqual(counts, [1, 1, 1], 'transcripts per recording');
					assertEqual(posts.length, 3, 'items after the resume');
					assert(posts.every((p) => p.json.phrases === PHRASES), `phrases per item: ${posts.map((p) => p.json.phrases).join(', ')}`);
					assert(deliveries.some((d) => d.statusCode === 202), `callback answers: ${deliveries.map((d) => d.statusCode).join(', ')}`);
				} else {
					// n8n 2.41.3 does not run a stalled job again (Bull's maxStalledCount): the execution fails,
					// nothing is submitted twice, and the transcripts' results never reach the workflow.
					killedExecutions.push(exec.id);
					assertEqual(rerun, [], 'runs of the stalled job on another worker');
					assertEqual(done.status, 'error', 'the execution');
					assert(
						new RegExp(`Problem with execution ${exec.id}: This execution failed to be processed too many times`).test(cluster.output('webhook')),
						'no "failed to be processed too many times" for the execution in the webhook process\'s log',
					);
					assertEqual(counts, [1, 1, 1], 'transcripts per recording');
					assertEqual(posts.length, 0, 'items out of the failed execution');
				}
				return `${fmtMs(Date.now() - t)}; ${line}`;
			});
		await killRun('poll', Q.ids.killPoll, Q.paths.killPoll, '/killed-poll');
		if (hasWebhookWait) await killRun('callback', Q.ids.killCallback, Q.paths.killCallback, '/killed-callback');

		// The seconds before a callback execution is stored as waiting: the worker is killed while the
		// 3rd transcript request is unanswered (held 30 s by the emulator; the first two are answered).
		if (hasWebhookWait) {
			await test('(d) callback mode, killed -9 before it waits (3rd transcript request unanswered): nothing submitted twice, n8n fails the execution', async () => {
				const t = Date.now();
				for (const n of cluster.workerNames().filter((x) => !cluster.isRunning(x))) await timed(`${n} restart`, () => cluster.start(n));
				const before = (await executionsOf(Q.ids.killCallback)).map((e) => e.id);
				const tag = 'queue-d-submitting';
				emu.addScenario({ match: (url) => String(url).includes(`/${tag}/`), queuedMs: 200, processingMs: 10 * 60_000 });
				const recordings = [1, 2, 3].map((i) => ({ url: `https://assembly.ai/${tag}/call-${i}.mp3` }));
				const created = () => recordings.map((rec) => emu.createdParams().filter((p) => p.audio_url === rec.url).length);
				emu.setFaults([{ route: 'create', kind: 'slow', delayMs: 30_000, every: 3 }]);
				try {
					const r = await fetch(`${cluster.webhookBase}/webhook/${Q.paths.killCallback}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recordings }) });
					assertEqual(r.status, 200, 'webhook answer');
					await waitFor('3 transcript requests', () => emu.faultStats().requests.create >= 3, 60_000);
				} finally {
					emu.clearFaults();
				}
				const [exec] = await waitFor('the execution', async () => {
					const e = (await executionsOf(Q.ids.killCallback)).filter((x) => !before.includes(x.id));
					return e.length === 1 && e;
				}, 30_000);
				const first = await waitFor('the worker that runs it', () => cluster.workersOf(exec.id)[0], 10_000);
				const victim = first.split(' ')[0];
				await cluster.kill9(victim);
				killedExecutions.push(exec.id);
				await waitFor('another worker to take the stalled job', () => cluster.workersOf(exec.id).length >= 2 || undefined, 30_000).catch(() => undefined);
				const done = await waitFor('the execution to end', async () => {
					const e = (await executionsOf(Q.ids.killCallback)).find((x) => x.id === exec.id);
					return !['new', 'running', 'waiting'].includes(e.status) && e;
				}, 60_000);
				const counts = created();
				const rerun = cluster.workersOf(exec.id).slice(1);
				const line = `(d) callback, killed before it waits: execution ${exec.id} ran on ${first}; ${victim} killed -9 with the 3rd transcript request unanswered; ${rerun.length ? `run again on ${rerun.join(', ')}` : 'not run again by any worker'}; ended ${done.status}; transcript requests per recording ${counts.join(', ')}`;
				report.push(line);
				assertEqual(rerun, [], 'runs of the stalled job on another worker');
				assertEqual(done.status, 'error', 'the execution');
				assertEqual(counts, [1, 1, 1], 'transcript requests per recording');
				return `${fmtMs(Date.now() - t)}; ${line}`;
			});
		}

		await test('no process crashed or logged a node-type problem', async () => {
			const stopped = (n) => cluster.procs[n].server && !cluster.isRunning(n);
			const crashed = Object.keys(cluster.procs).filter((n) => stopped(n) && !cluster.procs[n].stoppedOnPurpose);
			assert(crashed.length === 0, `exited early: ${crashed.map((n) => `${n}:\n${tail(cluster.output(n), 20)}`).join('\n')}`);
			const expected = new RegExp(`Problem with execution (${killedExecutions.join('|') || 'none'}):`, 'g');
			const errors = names.filter((n) => /Error: Unrecognized node type|is not known|Problem with execution/i.test(cluster.output(n).replace(expected, '')));
			assert(errors.length === 0, `errors in logs of ${errors.join(', ')}`);
		});

		// Why every worker needs the package: a worker without it cannot run the workflow.
		await test('a worker WITHOUT the package (all others stopped) fails the execution: unknown node type', async () => {
			const t = Date.now();
			for (const n of cluster.workerNames()) await cluster.stop(n, 20_000);
			await timed('worker-bare start', () => cluster.start('worker-bare'));
			const before = (await executionsOf(Q.ids.batch)).map((e) => e.id);
			const r = await fetch(`${cluster.webhookBase}/webhook/${Q.paths.batch}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			assertEqual(r.status, 200, 'webhook answer (the webhook process has the package)');
			const exec = await waitFor('the execution to end', async () => {
				const e = (await executionsOf(Q.ids.batch)).filter((x) => !before.includes(x.id));
				return e.length === 1 && !['new', 'running', 'waiting'].includes(e[0].status) && e[0];
			}, 60_000);
			assert(exec.status !== 'success', `status ${exec.status}`);
			const { rows } = await db.query('SELECT data FROM execution_data WHERE "executionId" = $1', [exec.id]);
			const text = (rows[0]?.data || '') + cluster.output('worker-bare');
			const m = /[^"\n]*(Unrecognized node type|is not known|unknown node type)[^"\n]*/i.exec(text);
			assert(m, `no "unrecognized node type" in the execution data or worker-bare's log:\n${tail(cluster.output('worker-bare'), 15)}`);
			assertEqual(postsTo('/batch').length, batch.length * PHRASES, 'POSTs to /batch (none from this execution)');
			await cluster.stop('worker-bare', 20_000);
			report.push(`worker-bare (no package): execution ${exec.id} ${exec.status}: "${m[0].trim().slice(0, 120)}"`);
			return `${fmtMs(Date.now() - t)}; execution ${exec.id} ${exec.status}: ${m[0].trim().slice(0, 120)}`;
		});

		// Last: no secret in clear text in PostgreSQL (pg_dump of n8n's database: workflows, their
		// history, executions, credentials), the exports, or any process's user folder.
		await test('no secret in clear text in PostgreSQL (pg_dump), the workflow and credential exports or the user folders: the API key, both webhook header secrets and each execution\'s own callback secret', async () => {
			const dump = path.join(work, 'n8n-database.sql');
			const d = await run(path.join(pg.bin, 'pg_dump'), ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', pg.database, '-f', dump], { timeoutMs: 120_000 });
			assert(d.code === 0, `pg_dump failed:\n${tail(d.stdout + d.stderr)}`);
			const secrets = { 'API key': apiKey, 'trigger header secret': headerSecrets.trigger, 'callback header secret': headerSecrets.callback };
			// The callback's own secrets (derived per execution from the API key, never stored by the node), as AssemblyAI got them.
			const derived = [...new Set(emu.createdParams().filter((p) => p.webhook_auth_header_name === 'X-AssemblyAI-Highlights-Secret').map((p) => p.webhook_auth_header_value))];
			if (hasWebhookWait) assert(derived.length >= 1, 'no execution sent its own callback secret');
			derived.forEach((value, i) => (secrets[`execution ${i + 1}'s own callback secret`] = value));
			const r = await searchN8nRecords({
				n8n: cluster.main,
				work,
				tag: 'queue',
				secrets,
				control: workflows[0].name,
				userFolders: Object.values(cluster.procs).map((p) => p.n8n.userFolder),
				extraFiles: [dump],
			});
			assert(r.controlFound, `the search did not find the workflow name "${workflows[0].name}" either: it proves nothing`);
			assert(r.found.length === 0, `secrets in clear text: ${r.found.join('; ')}`);
			const dumpMiB = (fs.statSync(dump).size / 1024 / 1024).toFixed(1);
			return `${Object.keys(secrets).length} values searched in ${r.files} files, ${(r.bytes / 1024 / 1024).toFixed(1)} MiB (pg_dump ${dumpMiB} MiB): none found (control found)`;
		});
	}

	console.log('\nwho ran what:');
	for (const line of report) console.log(`  ${line}`);
	if (cluster) {
		const ev = cluster.events();
		for (const name of Object.keys(cluster.procs)) {
			const started = ev.filter((e) => e.process === name && e.event === 'started').map((e) => e.executionId);
			const enq = ev.filter((e) => e.process === name && e.event === 'enqueued').map((e) => e.executionId);
			const parts = [];
			if (started.length) parts.push(`started executions ${started.join(', ')}`);
			if (enq.length) parts.push(`enqueued executions ${enq.join(', ')}`);
			console.log(`  ${name.padEnd(9)} ${parts.join('; ') || '-'}`);
		}
	}
	console.log('\nqueue e2e timings:');
	for (const [label, ms] of timings) console.log(`  ${label.padEnd(32)} ${fmtMs(ms)}`);
	console.log(`  ${'total'.padEnd(32)} ${fmtMs(Date.now() - t0)}`);
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	if (failed) {
		console.log('\nfailed:');
		for (const r of results.filter((x) => !x.ok)) console.log(`  - ${r.name}`);
	}
	if (pending.length) {
		console.log('\npending:');
		for (const p of pending) console.log(`  - ${p}`);
	}
	console.log(`queue e2e: ${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

runSuite(main, 'queue e2e');
