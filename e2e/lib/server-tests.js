'use strict';
// Tests in a real `n8n start` (one server per version, shared with the editor checks):
//   - the AssemblyAI Highlights Trigger in an active workflow, called by the emulator's webhook
//     delivery at its production URL (/webhook/<webhookId>/assemblyai), with the right and a wrong
//     secret;
//   - Transcribe with waitMode "callback" in an active workflow started by a Webhook node: the
//     execution waits, the emulator calls the resume URL (/webhook-waiting/<executionId>, in 2.x with
//     ?signature=…) once per transcript in an order unlike the items', the execution resumes and each
//     recording's phrases come out paired with their input item; then one recording ending in error.
// The server sits behind nginx (lib/nginx.js, WEBHOOK_URL pointing at the proxy, N8N_PROXY_HOPS unset),
// and a second `n8n start` on the same user folder with N8N_PROXY_HOPS=1 runs the proxy tests
// (lib/proxy-tests.js) again.
// Workflows are activated before the server starts: 1.x `n8n update:workflow --id=… --active=true`,
// 2.x `n8n publish:workflow --id=…` (2.x's import:workflow always deactivates; its update:workflow
// --active is deprecated).
const path = require('path');
const { test, fail, assert, assertEqual, fmtMs, results } = require('./tests');
const { startN8nServer } = require('./server');
const { checkWorkflow } = require('./node-types');
const W = require('./workflows');
const { searchN8nRecords } = require('./secret-search');
const { ensureNginx } = require('./nginx');
const { proxySuite } = require('./proxy-tests');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns something other than undefined; fn may throw to stop early. */
async function waitFor(fn, { timeoutMs = 30_000, intervalMs = 250, what = 'condition' } = {}) {
	const until = Date.now() + timeoutMs;
	let last;
	for (;;) {
		const v = await fn();
		if (v !== undefined) return v;
		if (Date.now() > until) throw new Error(`timed out after ${fmtMs(timeoutMs)} waiting for ${what}${last ? ` (${last})` : ''}`);
		await sleep(intervalMs);
	}
}

/** POSTs JSON; returns {status, text, json}. */
async function post(url, body, headers = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json };
}

/** Creates a transcript directly on the emulator (as any other system using AssemblyAI would). */
async function createTranscript(emu, body) {
	const r = await post(`${emu.url}/v2/transcript`, body, { authorization: emu.apiKey });
	if (r.status !== 200 || !r.json?.id) throw new Error(`emulator POST /v2/transcript: HTTP ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

const FINAL = ['success', 'error', 'crashed', 'canceled'];

/**
 * @param {object} ctx
 * @param {import('./n8n').N8n} ctx.n8n
 */
async function serverSuite(ctx) {
	const { n8n, tag, version, work, emu, receiver, timed, serverWorkflows, byType, editor } = ctx;
	const major = n8n.major;
	const fixturePhrases = require(path.join(__dirname, '..', '..', 'test', 'emulator', 'fixtures'))
		.completedTranscript()
		.auto_highlights_result.results.map((r) => r.text);
	const slug = version.replace(/\W/g, '-');

	// No server workflows (--no-server): n8n start for the editor checks only.
	const withTests = serverWorkflows.length > 0;
	// Static check of the server workflows against this n8n and our built node.
	const problems = {};
	if (withTests) await test(`${tag}: server workflows use node types, versions and parameters this n8n and our node have`, async () => {
		for (const wf of serverWorkflows) problems[wf.id] = checkWorkflow(wf, byType);
		const all = Object.entries(problems).flatMap(([id, p]) => p.map((x) => `${id}: ${x}`));
		assert(all.length === 0, all.join('\n'));
		return `${serverWorkflows.length} workflows`;
	});

	const activateArgs = (id) => (major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true']);
	const activated = withTests && await test(`${tag}: activate the server workflows before n8n start (${activateArgs('…').join(' ')})`, async () => {
		for (const wf of serverWorkflows) {
			const r = await timed(`${tag} ${activateArgs(wf.id)[0]} ${wf.id}`, () => n8n.cli(activateArgs(wf.id), { timeoutMs: 120_000 }));
			const out = `${r.stdout}\n${r.stderr}`;
			assert(r.code === 0 && !/Error updating database|Failed to|not found/i.test(out), `${activateArgs(wf.id).join(' ')}: exit ${r.code}\n${out.slice(-1500)}`);
		}
		return `${serverWorkflows.length} workflows`;
	});

	const proxied = withTests && (await test(`${tag}: nginx from Debian for the reverse-proxy tests`, async () => await timed('nginx install', ensureNginx)));
	const proxyArgs = { tag, emu, receiver, slug, secret: ctx.triggerSecret, fixturePhrases, waitFor, post, createTranscript };

	let srv;
	let srvHops;
	const resultsBefore = results.length;
	try {
		const started = await test(`${tag}: n8n start (WEBHOOK_URL set${proxied ? ' to nginx in front of it' : ''}) serves the editor, lists our node and credential types, has the workflows active`, async () => {
			srv = await startN8nServer({ n8n, work, version, timed, tag, proxy: proxied ? { hops: 0 } : undefined });
			const types = await srv.rest('GET', '/types/nodes.json');
			const ours = types.find((t) => t.name === W.OUR_TYPE);
			assert(ours, `${W.OUR_TYPE} is not in ${srv.base}/types/nodes.json`);
			assert(ours.properties.some((p) => p.name === 'operation'), 'our node has no operation parameter in /types/nodes.json');
			assert(types.some((t) => t.name === W.TRIGGER_TYPE), `${W.TRIGGER_TYPE} is not in /types/nodes.json`);
			const creds = await srv.rest('GET', '/types/credentials.json');
			assert(
				creds.some((c) => c.name === 'assemblyAiHighlightsApi' && c.displayName === 'AssemblyAI API'),
				'assemblyAiHighlightsApi is not in /types/credentials.json',
			);
			if (withTests && activated) {
				for (const wf of serverWorkflows) {
					const w = await srv.rest('GET', `/rest/workflows/${wf.id}`);
					assert(w.active === true, `${wf.id} is not active after ${activateArgs(wf.id)[0]} (active ${w.active}, activeVersionId ${w.activeVersionId})`);
				}
			}
			return `port ${srv.port}`;
		});
		if (!started) return;

		await test(`${tag}: credential Test (POST /rest/credentials/test): a base URL typed with spaces, slashes and /v2 reaches the emulator as the node would; a wrong key is refused`, async () => {
			const testWith = async (data) =>
				await srv.rest('POST', '/rest/credentials/test', { credentials: { id: W.CRED.id, name: W.CRED.name, type: 'assemblyAiHighlightsApi', data } });
			const typed = ` ${emu.url}//v2/ `;
			const ok = await testWith({ apiKey: emu.apiKey, region: 'custom', baseUrl: typed });
			assertEqual(ok?.status, 'OK', `credential Test with base URL "${typed}" (${ok?.message})`);
			const wrong = await testWith({ apiKey: 'not-the-right-key', region: 'custom', baseUrl: typed });
			assertEqual(wrong?.status, 'Error', 'credential Test with a wrong key');
			return `"${typed}": ${ok.status}; wrong key: ${wrong.status} (${String(wrong.message).slice(0, 80)})`;
		});

		await test(`${tag}: credential Test of AssemblyAI Webhook Header Auth API (tested by the nodes): a usable header OK; an empty secret, a name with spaces or a dot, a secret with a blank at its end or a line break refused`, async () => {
			const testWith = async (data) =>
				await srv.rest('POST', '/rest/credentials/test', { credentials: { id: W.TRIGGER_AUTH_CRED.id, name: W.TRIGGER_AUTH_CRED.name, type: W.WEBHOOK_AUTH_TYPE, data } });
			const ok = await testWith({ name: W.TRIGGER_HEADER, secret: 'a-long-random-value' });
			assertEqual(ok?.status, 'OK', `Test with a usable header (${ok?.message})`);
			const empty = await testWith({ name: W.TRIGGER_HEADER, secret: '' });
			assertEqual([empty?.status, empty?.message], ['Error', 'Header Secret is empty'], 'Test with an empty secret');
			const badName = await testWith({ name: 'X Webhook Secret', secret: 'a-long-random-value' });
			assertEqual(badName?.status, 'Error', 'Test with a header name with spaces');
			// Issue 23: what AssemblyAI refuses (a dot in the name, a line break) and what never matches (a blank at the end).
			const dotted = await testWith({ name: 'X.Webhook.Secret', secret: 'a-long-random-value' });
			assertEqual(dotted?.status, 'Error', 'Test with a dot in the header name');
			const blank = await testWith({ name: W.TRIGGER_HEADER, secret: 'a-long-random-value ' });
			assert(blank?.status === 'Error' && /starts or ends with a space/.test(blank.message), `Test with a blank after the secret: ${JSON.stringify(blank)}`);
			const newline = await testWith({ name: W.TRIGGER_HEADER, secret: 'a-long-random-value\n' });
			assert(newline?.status === 'Error' && /line break/.test(newline.message), `Test with a line break in the secret: ${JSON.stringify(newline)}`);
			return `OK; "${empty.message}"; "${String(badName.message).slice(0, 60)}"; dot: ${dotted.status}; blank: ${blank.status}; line break: ${newline.status}`;
		});

		const executions = async (workflowId) => {
			const q = encodeURIComponent(JSON.stringify({ workflowId }));
			const d = await srv.rest('GET', `/rest/executions?filter=${q}&limit=100`);
			return d.results;
		};
		const flatted = require(path.join(n8n.installDir, 'node_modules', 'flatted'));
		/** The run data of a finished execution (GET /rest/executions/:id serialises it with flatted). */
		const executionData = async (id) => {
			const e = await srv.rest('GET', `/rest/executions/${id}`);
			return typeof e.data === 'string' ? flatted.parse(e.data) : e.data;
		};

		if (activated) await triggerTests();
		else if (withTests) fail(`${tag}: server tests`, 'not run: the workflows could not be activated');

		async function triggerTests() {
			const hookUrl = `${srv.base}/webhook/${W.TRIGGER_WEBHOOK_ID}/assemblyai`;
			const secret = ctx.triggerSecret;
			const posts = (transcriptId) => receiver.requests.filter((q) => q.url === '/trigger' && q.json?.transcriptId === transcriptId);

			const okTrigger = await test(`${tag}: Trigger: AssemblyAI calls /webhook/<webhookId>/assemblyai -> 15 phrases POSTed by the workflow, webhook_status_code 200`, async () => {
				// Not at /webhook/assemblyai: n8n prefixes the path of a node without isFullPath with its webhookId.
				const bare = await post(`${srv.base}/webhook/assemblyai`, { transcript_id: 'x', status: 'completed' });
				assertEqual(bare.status, 404, 'POST /webhook/assemblyai (path without the webhookId)');
				const before = (await executions(W.ids.srvTrigger)).length;
				const t = await createTranscript(emu, {
					audio_url: `https://recordings.example/${slug}/trigger.mp3`,
					auto_highlights: true,
					webhook_url: hookUrl,
					webhook_auth_header_name: W.TRIGGER_HEADER,
					webhook_auth_header_value: secret,
				});
				const got = await waitFor(() => (posts(t.id).length >= 15 ? posts(t.id) : undefined), { timeoutMs: 60_000, what: `15 POSTs for ${t.id}` });
				await sleep(300);
				assertEqual(posts(t.id).length, 15, 'POSTs for the transcript');
				assertEqual(got.map((p) => p.json.phrase).sort(), [...fixturePhrases].sort(), 'phrases POSTed');
				const deliveries = emu.webhookDeliveries().filter((d) => d.transcriptId === t.id);
				assertEqual(
					deliveries.map((d) => [d.statusCode, d.outcome]),
					[[200, 'delivered']],
					'webhook deliveries (status, outcome)',
				);
				assertEqual(emu.transcriptView(t.id).webhook_status_code, 200, 'webhook_status_code in GET /v2/transcript/{id}');
				const execs = await waitFor(
					async () => {
						const l = await executions(W.ids.srvTrigger);
						return l.length > before && l.every((e) => FINAL.includes(e.status)) ? l : undefined;
					},
					{ what: 'the trigger execution to finish' },
				);
				assertEqual(execs.length - before, 1, 'new executions of the trigger workflow');
				assertEqual(execs[0].status, 'success', 'execution status');
				return `${hookUrl.replace(srv.base, '')}, execution ${execs[0].id} success`;
			});

			await test(`${tag}: Trigger: wrong or missing secret -> 401 (AssemblyAI's call and direct POSTs), no execution, nothing POSTed`, async () => {
				const before = (await executions(W.ids.srvTrigger)).length;
				const t = await createTranscript(emu, {
					audio_url: `https://recordings.example/${slug}/trigger-wrong-secret.mp3`,
					auto_highlights: true,
					webhook_url: hookUrl,
					webhook_auth_header_name: W.TRIGGER_HEADER,
					webhook_auth_header_value: `${secret}-wrong`,
				});
				const d = await waitFor(
					() => {
						const l = emu.webhookDeliveries().filter((x) => x.transcriptId === t.id && x.outcome !== 'pending');
						return l.length ? l : undefined;
					},
					{ timeoutMs: 30_000, what: 'the emulator to call the trigger' },
				);
				assertEqual(d.map((x) => [x.statusCode, x.outcome]), [[401, 'final']], 'webhook deliveries (status, outcome: 4xx is not retried)');
				assertEqual(emu.transcriptView(t.id).webhook_status_code, 401, 'webhook_status_code');
				const body = { transcript_id: t.id, status: 'completed' };
				const none = await post(hookUrl, body);
				assertEqual(none.status, 401, 'direct POST without the header');
				const wrong = await post(hookUrl, body, { [W.TRIGGER_HEADER]: 'not-the-secret' });
				assertEqual(wrong.status, 401, 'direct POST with a wrong value');
				assert(!wrong.text.includes(secret), 'the 401 answer contains the secret');
				const noId = await post(hookUrl, { status: 'completed' }, { [W.TRIGGER_HEADER]: secret });
				assertEqual(noId.status, 400, 'direct POST with the secret but no transcript_id');
				await sleep(2000);
				assertEqual(posts(t.id).length, 0, 'POSTs the receiver got for the refused transcript');
				const after = await executions(W.ids.srvTrigger);
				assertEqual(after.length - before, 0, 'new executions of the trigger workflow');
				return okTrigger ? '401, 401, 401, 400; executions unchanged' : undefined;
			});
		}

		// Issue 23: deleting only after the note is stored, and n8n's Retry of an execution whose CRM answered 429.
		if (activated) {
			await require('./callcenter-tests').retryTests({ tag, srv, n8n, emu, receiver, createTranscript, triggerSecret: ctx.triggerSecret, slug });
		}

		if (activated) await waitModeTests();

		async function waitModeTests() {
			const wfProblems = problems[W.ids.srvWaitHook] || [];
			if (wfProblems.length) {
				fail(`${tag}: waitMode callback`, `not run: ${wfProblems.join('; ')} (the built node has no waitMode "callback" yet?)`);
				return;
			}
			const startUrl = `${srv.base}/webhook/${W.WAIT_START_PATH}`;

			/**
			 * recs: [{name, url, processingMs, keep?: number (phrases kept, each prefixed "[name] "), error?: true}]
			 */
			async function runCase(recs, { expectWaiting = true } = {}) {
				for (const rec of recs) {
					const scenario = { match: (u) => u === rec.url, queuedMs: rec.queuedMs ?? 100, processingMs: rec.processingMs };
					if (!rec.error) {
						scenario.mutate = (t) => {
							t.auto_highlights_result.results = t.auto_highlights_result.results
								.slice(0, rec.keep)
								.map((r) => ({ ...r, text: `[${rec.name}] ${r.text}` }));
						};
					}
					emu.addScenario(scenario);
				}
				const before = new Set((await executions(W.ids.srvWaitHook)).map((e) => e.id));
				const createdBefore = new Set(emu.transcripts.keys());
				const started = await post(startUrl, { recordings: recs.map(({ name, url }) => ({ name, url })) });
				assertEqual(started.status, 200, `POST ${startUrl}: ${started.text}`);
				const t0 = Date.now();
				if (!expectWaiting) {
					const created = await waitFor(() => {
						const c = [...emu.transcripts.values()].filter((t) => !createdBefore.has(t.id));
						return c.length === recs.length ? c : undefined;
					}, { what: `${recs.length} transcripts` });
					return { created, byUrl: new Map(created.map((t) => [t.params.audio_url, t])), t0 };
				}
				const exec = await waitFor(
					async () => {
						const e = (await executions(W.ids.srvWaitHook)).find((x) => !before.has(x.id));
						if (e && FINAL.includes(e.status)) {
							const data = await executionData(e.id).catch(() => undefined);
							throw new Error(`the execution ended (${e.status}) instead of waiting: ${JSON.stringify(data?.resultData?.error ?? null).slice(0, 600)}`);
						}
						return e && e.status === 'waiting' ? e : undefined;
					},
					{ timeoutMs: 30_000, what: 'an execution in status waiting' },
				);
				const waitingAfter = Date.now() - t0;
				const created = [...emu.transcripts.values()].filter((t) => !createdBefore.has(t.id));
				assertEqual(created.length, recs.length, 'transcripts created');
				const byUrl = new Map(created.map((t) => [t.params.audio_url, t]));
				for (const rec of recs) assert(byUrl.has(rec.url), `no transcript for ${rec.url}`);
				const hookUrls = [...new Set(created.map((t) => t.params.webhook_url))];
				const resumePrefix = `${srv.publicBase}/webhook-waiting/${exec.id}`;
				for (const u of hookUrls) {
					assert(typeof u === 'string' && u.startsWith(resumePrefix), `webhook_url ${u} is not the execution's resume URL ${resumePrefix}…`);
					if (major >= 2) assert(/[?&]signature=[0-9a-f]+/.test(u), `webhook_url ${u} lacks ?signature= (n8n 2.x answers 401 without it)`);
				}
				return { exec, created, byUrl, hookUrls, waitingAfter, t0 };
			}

			async function finish(exec, { timeoutMs = 90_000 } = {}) {
				return waitFor(
					async () => {
						const e = (await executions(W.ids.srvWaitHook)).find((x) => x.id === exec.id);
						return e && FINAL.includes(e.status) ? e : undefined;
					},
					{ timeoutMs, what: `execution ${exec.id} to finish` },
				);
			}

			/** Resolves when every one of these transcripts has had its webhook delivered or given up. */
			const deliveriesSettled = (created) =>
				waitFor(
					() => {
						const log = emu.webhookDeliveries();
						const done = (t) => log.some((d) => d.transcriptId === t.id && (d.outcome === 'delivered' || d.outcome === 'final'));
						return created.every(done) ? log.filter((d) => created.some((t) => t.id === d.transcriptId)) : undefined;
					},
					{ timeoutMs: 60_000, what: "the emulator's webhook deliveries" },
				);

			const resultPosts = (names) => receiver.requests.filter((q) => q.url === '/wait-mode' && names.includes(q.json?.name));

			async function checkDeliveries(created, recs, byUrl) {
				const nameOf = new Map(recs.map((r) => [byUrl.get(r.url).id, r.name]));
				const deliveries = await deliveriesSettled(created);
				// The node answers 202 to the call that resumes the execution and 200 to the others.
				const bad = deliveries.filter((d) => d.statusCode !== 200 && d.statusCode !== 202);
				assert(
					bad.length === 0,
					`webhook deliveries not answered 200 or 202: ${bad.map((d) => `${nameOf.get(d.transcriptId)} attempt ${d.attempt}: ${d.statusCode ?? d.error} (${d.outcome}) ${d.answer ?? ''}`).join('; ')}`,
				);
				assertEqual(deliveries.filter((d) => d.statusCode === 202).length, 1, 'calls answered 202 (the one that resumed)');
				for (const t of created) assert([200, 202].includes(emu.transcriptView(t.id).webhook_status_code), `webhook_status_code of ${nameOf.get(t.id)}: ${emu.transcriptView(t.id).webhook_status_code}`);
				return deliveries.map((d) => nameOf.get(d.transcriptId));
			}

			/** One POST per recording: its name (from pairedItem), its own transcript and phrases. */
			function checkPhrases(recs, byUrl, posts) {
				for (const rec of recs.filter((r) => !r.error)) {
					const mine = posts.filter((p) => p.json.name === rec.name);
					assertEqual(mine.length, 1, `POSTs for ${rec.name}`);
					const j = mine[0].json;
					assertEqual(j.transcriptId, byUrl.get(rec.url).id, `transcriptId POSTed for ${rec.name} (pairing)`);
					assert(!j.error, `${rec.name}: error ${j.error} ${j.errorDescription ?? ''}`);
					assertEqual(j.status, 'completed', `status for ${rec.name}`);
					assertEqual(j.keyPhrases, fixturePhrases.slice(0, rec.keep).map((t) => `[${rec.name}] ${t}`), `key phrases POSTed for ${rec.name} (pairing)`);
					assertEqual(j.highlights, rec.keep, `highlights for ${rec.name}`);
				}
			}

			/** pairedItem of every output item of Key Phrases in the finished execution -> input index. */
			async function pairing(execId) {
				const data = await executionData(execId);
				const runs = data?.resultData?.runData?.['Key Phrases'] || [];
				const items = runs[runs.length - 1]?.data?.main?.[0] || [];
				const idx = (i) => (Array.isArray(i.pairedItem) ? i.pairedItem[0]?.item : i.pairedItem?.item);
				return { runs: runs.length, items: items.map((i) => ({ idx: idx(i), json: i.json })) };
			}

			/** Key Phrases' output items are paired with the input item of their recording. */
			function checkPairing(p, recs, byUrl) {
				assertEqual(p.items.length, recs.length, 'Key Phrases output items (one per recording)');
				for (const it of p.items) {
					const rec = recs[it.idx];
					assert(rec, `Key Phrases item paired with input ${it.idx}`);
					assertEqual(it.json.transcriptId, byUrl.get(rec.url).id, `transcriptId of the Key Phrases item paired with input ${it.idx}`);
				}
			}

			const okRecs = ['a', 'b', 'c'].map((x, i) => ({
				name: `ok-${slug}-${x}`,
				url: `https://recordings.example/${slug}/wait-${x}.mp3`,
				// item 0 the slowest: callbacks arrive in the order b, c, a.
				processingMs: [6000, 3000, 4500][i],
				keep: [15, 5, 10][i],
			}));
			await test(`${tag}: waitMode callback: 3 recordings, callbacks in the order 1, 2, 0 -> the execution waits, resumes, each recording's key phrases paired with its item`, async () => {
				const { exec, created, byUrl, hookUrls, waitingAfter, t0 } = await runCase(okRecs);
				const notes = [`waiting after ${fmtMs(waitingAfter)}`, `${hookUrls.length} resume URL${hookUrls.length > 1 ? 's' : ''}`];
				// While it waits: in 2.x the resume URL without its signature is refused.
				if (major >= 2) {
					const unsigned = await post(hookUrls[0].replace(/\?.*$/, ''), { transcript_id: created[0].id, status: 'completed' });
					assertEqual(unsigned.status, 401, 'resume URL without ?signature=');
					const forged = await post(hookUrls[0].replace(/signature=[0-9a-f]+/, 'signature=' + '0'.repeat(64)), { transcript_id: created[0].id, status: 'completed' });
					assertEqual(forged.status, 401, 'resume URL with a wrong signature');
				}
				// Webhook Authentication: the callback credential's header, which AssemblyAI was asked to send.
				const callbackHeader = { [W.CALLBACK_HEADER]: ctx.callbackSecret };
				assertEqual(created.map((t) => t.params.webhook_auth_header_name), created.map(() => W.CALLBACK_HEADER), 'webhook_auth_header_name sent to AssemblyAI');
				const unauthenticated = await post(hookUrls[0], { transcript_id: created[0].id, status: 'completed' });
				assertEqual(unauthenticated.status, 401, `a call without the callback header (${unauthenticated.text})`);
				const wrongHeader = await post(hookUrls[0], { transcript_id: created[0].id, status: 'completed' }, { [W.CALLBACK_HEADER]: 'not-the-secret' });
				assertEqual(wrongHeader.status, 401, `a call with a wrong callback header (${wrongHeader.text})`);
				// A call for a transcript that is not the execution's: 404 from the node, still waiting.
				const stranger = await post(hookUrls[0], { transcript_id: 'not-one-of-ours', status: 'completed' }, callbackHeader);
				assertEqual(stranger.status, 404, `a call for an unknown transcript (${stranger.text})`);
				// A call for one of its transcripts that is still running (sent early): 200, still waiting.
				const early = await post(hookUrls[0], { transcript_id: byUrl.get(okRecs[0].url).id, status: 'completed' }, callbackHeader);
				assertEqual(early.status, 200, `an early call for a running transcript (${early.text})`);
				const status = async () => (await executions(W.ids.srvWaitHook)).find((x) => x.id === exec.id)?.status;
				assertEqual(await status(), 'waiting', 'status after those calls');
				// After AssemblyAI's first real call (item 1) it is still waiting for the others.
				const ids = new Set(created.map((t) => t.id));
				await waitFor(() => (emu.webhookDeliveries().some((d) => ids.has(d.transcriptId) && d.outcome !== 'pending') ? true : undefined), {
					timeoutMs: 30_000,
					intervalMs: 50,
					what: 'the first callback',
				});
				assertEqual(await status(), 'waiting', 'status after the first of 3 callbacks');
				const done = await finish(exec);
				const total = Date.now() - t0;
				assertEqual(done.status, 'success', 'execution status');
				const order = await checkDeliveries(created, okRecs, byUrl);
				assertEqual(
					order.map((n) => okRecs.findIndex((r) => r.name === n)),
					[1, 2, 0],
					'callback order (item index)',
				);
				await sleep(300);
				const posts = resultPosts(okRecs.map((r) => r.name));
				assertEqual(posts.length, okRecs.length, 'POSTs (one per recording)');
				checkPhrases(okRecs, byUrl, posts);
				const p = await pairing(exec.id);
				checkPairing(p, okRecs, byUrl);
				notes.push(`done ${fmtMs(total)} after the start`, `Key Phrases ran ${p.runs}x`);
				return notes.join(', ');
			});

			const errRecs = [
				{ name: `err-${slug}-a`, url: `https://recordings.example/${slug}/err-a.mp3`, processingMs: 4500, keep: 3 },
				{ name: `err-${slug}-bad`, url: `https://unreachable.example/${slug}/err-bad.mp3`, processingMs: 3000, error: true },
				{ name: `err-${slug}-c`, url: `https://recordings.example/${slug}/err-c.mp3`, processingMs: 3700, keep: 4 },
			];
			await test(`${tag}: waitMode callback: one of 3 recordings ends in error (continue on fail) -> its error item, the others' phrases, status success`, async () => {
				const { exec, created, byUrl } = await runCase(errRecs);
				const done = await finish(exec);
				assertEqual(done.status, 'success', 'execution status');
				await checkDeliveries(created, errRecs, byUrl);
				assertEqual(emu.transcriptView(byUrl.get(errRecs[1].url).id).status, 'error', 'the unreachable recording ends in status error');
				await sleep(300);
				const posts = resultPosts(errRecs.map((r) => r.name));
				assertEqual(posts.length, errRecs.length, 'POSTs (one per recording)');
				checkPhrases(errRecs, byUrl, posts);
				const bad = posts.filter((p) => p.json.name === errRecs[1].name);
				assertEqual(bad.length, 1, 'POSTs for the failed recording');
				const e = bad[0].json;
				assert(/Download error/i.test(`${e.error} ${e.errorDescription}`), `error item: ${JSON.stringify(e)}`);
				assertEqual(e.transcriptId, byUrl.get(errRecs[1].url).id, 'the error item names its transcript');
				const p = await pairing(exec.id);
				checkPairing(p, errRecs, byUrl);
				const errItems = p.items.filter((i) => i.json.error !== undefined);
				assertEqual(errItems.map((i) => i.idx), [1], 'error items paired with input');
				return `error: ${String(e.error).slice(0, 120)}`;
			});

			// Callbacks at the same moment: several calls find every transcript finished.
			const simRecs = ['x', 'y', 'z'].map((x, i) => ({
				name: `sim-${slug}-${x}`,
				url: `https://recordings.example/${slug}/sim-${x}.mp3`,
				processingMs: 3000,
				keep: [2, 3, 4][i],
			}));
			await test(`${tag}: waitMode callback: 3 callbacks at the same moment -> one resume, each recording POSTed once`, async () => {
				const { exec, created, byUrl } = await runCase(simRecs);
				const done = await finish(exec);
				assertEqual(done.status, 'success', 'execution status');
				const at = (await deliveriesSettled(created)).map((d) => d.at);
				await checkDeliveries(created, simRecs, byUrl);
				await sleep(1500); // a second resume would POST again
				const posts = resultPosts(simRecs.map((r) => r.name));
				assert(
					posts.length === simRecs.length,
					`the execution resumed ${posts.length / simRecs.length} times: ${posts.length} POSTs for ${simRecs.length} recordings (AssemblyAI's calls ${Math.max(...at) - Math.min(...at)} ms apart each found every transcript finished)`,
				);
				checkPhrases(simRecs, byUrl, posts);
				const all = (await executions(W.ids.srvWaitHook)).filter((e) => e.id === exec.id);
				assertEqual(all.length, 1, 'executions');
				return `callbacks within ${Math.max(...at) - Math.min(...at)} ms`;
			});

			// Everything finished before the execution could wait: AssemblyAI's calls come while it is
			// still running (n8n answers them 409, which AssemblyAI never retries); the node must not wait.
			const fastRecs = ['p', 'q'].map((x, i) => ({
				name: `fast-${slug}-${x}`,
				url: `https://recordings.example/${slug}/fast-${x}.mp3`,
				queuedMs: 0,
				processingMs: 0,
				keep: [6, 7][i],
			}));
			await test(`${tag}: waitMode callback: transcripts finished before the execution waits -> output at once, no wait`, async () => {
				const before = new Set((await executions(W.ids.srvWaitHook)).map((e) => e.id));
				const { created, byUrl } = await runCase(fastRecs, { expectWaiting: false });
				const exec = await waitFor(async () => (await executions(W.ids.srvWaitHook)).find((x) => !before.has(x.id)), { what: 'the execution' });
				const done = await finish(exec, { timeoutMs: 30_000 });
				assertEqual(done.status, 'success', 'execution status');
				const codes = (await deliveriesSettled(created)).map((d) => d.statusCode);
				await sleep(300);
				const posts = resultPosts(fastRecs.map((r) => r.name));
				assertEqual(posts.length, fastRecs.length, 'POSTs (one per recording)');
				checkPhrases(fastRecs, byUrl, posts);
				return `AssemblyAI's calls answered ${codes.join(', ')}`;
			});
		}

		if (activated && proxied) await proxySuite({ ...proxyArgs, hops: 0, srv });

		if (editor) {
			const { editorSuite } = require('./editor');
			await editorSuite({ ...editor, srv, tag, version, timed, work });
		}
	} finally {
		if (srv) await srv.stop();
		if (srv && results.slice(resultsBefore).some((r) => !r.ok)) console.log(`        n8n's log: ${srv.logFile} (kept with --keep)`);
	}

	// The same user folder (its workflows active) behind nginx again, now with N8N_PROXY_HOPS=1.
	if (srv && activated && proxied) {
		const resultsHops = results.length;
		try {
			const up = await test(`${tag}: n8n start behind nginx with N8N_PROXY_HOPS=1 (the same user folder)`, async () => {
				srvHops = await startN8nServer({ n8n, work, version, timed, tag: `${tag} hops=1`, proxy: { hops: 1 }, name: `${version}-hops1` });
				return `n8n port ${srvHops.port}, proxy ${srvHops.publicBase}`;
			});
			if (up) await proxySuite({ ...proxyArgs, hops: 1, srv: srvHops });
		} finally {
			if (srvHops) await srvHops.stop();
			if (srvHops && results.slice(resultsHops).some((r) => !r.ok)) console.log(`        n8n's log: ${srvHops.logFile} (kept with --keep)`);
		}
	}

	// Last, with the server stopped (the database closed): no secret in clear in n8n's records.
	if (withTests && srv) {
		await test(`${tag}: no secret in clear text in n8n's database, binary data, workflow and credential exports or log: the API key, both webhook header secrets and the callbacks' own secrets`, async () => {
			const secrets = { 'API key': ctx.apiKey, 'trigger header secret': ctx.triggerSecret, 'callback header secret': ctx.callbackSecret };
			// The callback's own secrets (derived per execution from the API key, never stored by the node), as AssemblyAI got them.
			const derived = [...new Set(emu.createdParams().filter((p) => p.webhook_auth_header_name === 'X-AssemblyAI-Highlights-Secret').map((p) => p.webhook_auth_header_value))];
			derived.forEach((value, i) => (secrets[`execution ${i + 1}'s own callback secret`] = value));
			const r = await searchN8nRecords({ n8n, work, tag, secrets, control: serverWorkflows[0].name, extraFiles: [srv.logFile, ...(srvHops ? [srvHops.logFile] : [])] });
			assert(r.controlFound, `the search did not find the workflow name "${serverWorkflows[0].name}" either: it proves nothing`);
			assert(r.found.length === 0, `secrets in clear text: ${r.found.join('; ')}`);
			return `${Object.keys(secrets).length} values searched in ${r.files} files, ${(r.bytes / 1024 / 1024).toFixed(1)} MiB: none found (control found)`;
		});
	}
}

module.exports = { serverSuite, waitFor, post, createTranscript };
