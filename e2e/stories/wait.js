'use strict';
// Stories 3 and 4, run as a user runs them ("Execute workflow", a manual execution) in `n8n start`
// with WEBHOOK_URL, the emulator calling back the way AssemblyAI does:
//   3. transcribe-then-wait-for-assemblyai.json: Don't Wait with $execution.resumeUrl as the webhook
//      -> n8n's Wait node -> Get Highlights;
//   4. batch-with-callback.json: Wait for AssemblyAI's Callback over a list of recordings -> one row
//      per key phrase.
const { test, assert, assertEqual } = require('../lib/tests');
const { fixturePhrases, withPhrases, prefixed } = require('./expect');

const MANUAL_TRIGGER = "When clicking 'Execute workflow'";

/** The execution until it waits, then until it finishes; both statuses as seen over REST. */
async function waitsThenFinishes(api, wfId, execId) {
	const waiting = await api.waitFor(`execution ${execId} to wait`, async () => {
		const e = (await api.executions(wfId)).find((x) => String(x.id) === execId);
		if (e && ['success', 'error', 'crashed', 'canceled'].includes(e.status)) throw new Error(`execution ${execId} ended (${e.status}) without waiting`);
		return e && e.status === 'waiting' ? e : undefined;
	}, { timeoutMs: 60_000 });
	const done = await api.finished(wfId, execId, 120_000);
	return { waiting, done };
}

async function waitNodeStory(sc) {
	const { tag, api, emu, ids, srv, waitUrl } = sc;
	await test(`${tag}: story 3 Don't Wait -> n8n Wait node -> Get Highlights: the emulator calls the Wait node's resume URL, the execution ends with the 15 phrases`, async () => {
		// Long enough for the Wait node to be waiting before AssemblyAI calls (n8n answers an earlier call 409).
		emu.addScenario({ match: (u) => u === waitUrl, queuedMs: 500, processingMs: 4000 });
		const execId = await api.runManually(ids.wait, MANUAL_TRIGGER);
		const { done } = await waitsThenFinishes(api, ids.wait, execId);
		assertEqual(done.status, 'success', `execution ${execId}`);
		const t = [...emu.transcripts.values()].filter((x) => x.params.audio_url === waitUrl);
		assertEqual(t.length, 1, 'transcripts created');
		const hookUrl = t[0].params.webhook_url || '';
		assert(hookUrl.startsWith(`${srv.base}/webhook-waiting/${execId}`), `webhook_url ${hookUrl} is not execution ${execId}'s resume URL`);
		const deliveries = emu.webhookDeliveries().filter((d) => d.transcriptId === t[0].id);
		assertEqual(deliveries.map((d) => [d.statusCode, d.outcome]), [[200, 'delivered']], "AssemblyAI's call to the resume URL (status, outcome)");
		const phrases = await api.nodeOutput(execId, 'Get Highlights');
		assertEqual(phrases.map((i) => i.json.text), fixturePhrases().map((p) => p.text), 'Get Highlights output (phrases)');
		assert(phrases.every((i) => i.json.transcriptId === t[0].id), 'Get Highlights read the submitted transcript');
		return `execution ${execId} waiting -> AssemblyAI POST ${hookUrl.replace(srv.base, '')} -> success, 15 phrases`;
	});
}

async function batchStory(sc) {
	const { tag, api, emu, ids, srv, batchUrls, flows } = sc;
	await test(`${tag}: story 4 batch-with-callback.json: 2 recordings, Wait for AssemblyAI's Callback -> the execution waits, resumes once, 10 rows per recording, paired`, async () => {
		const names = JSON.parse(flows.batch.nodes.find((n) => n.name === 'Recordings').parameters.assignments.assignments[0].value).map((r) => r.name);
		const phrases = names.map((name) => prefixed(`[${name}] `));
		batchUrls.forEach((u, i) => emu.addScenario({ match: (x) => x === u, queuedMs: 300, processingMs: [4500, 2500][i], mutate: withPhrases(phrases[i]) }));
		const execId = await api.runManually(ids.batch, MANUAL_TRIGGER);
		const { done } = await waitsThenFinishes(api, ids.batch, execId);
		assertEqual(done.status, 'success', `execution ${execId}`);
		const ts = batchUrls.map((u) => [...emu.transcripts.values()].filter((x) => x.params.audio_url === u));
		assertEqual(ts.map((x) => x.length), [1, 1], 'transcripts created per recording');
		for (const [t] of ts) assert((t.params.webhook_url || '').startsWith(`${srv.base}/webhook-waiting/${execId}`), `webhook_url ${t.params.webhook_url} is not the resume URL`);
		const deliveries = emu.webhookDeliveries().filter((d) => ts.some(([t]) => t.id === d.transcriptId));
		assertEqual(deliveries.map((d) => d.statusCode).sort(), [200, 202], "AssemblyAI's calls (the last one resumes: 202)");
		// Split Out with "selected other fields" keeps each phrase object under `highlights`.
		const rows = await api.nodeOutput(execId, 'One row per key phrase');
		assertEqual(rows.length, 20, 'rows (top 10 of each recording)');
		batchUrls.forEach((u, i) => {
			const mine = rows.filter((r) => r.json.transcriptId === ts[i][0].id);
			assertEqual(mine.map((r) => r.json.highlights?.text), phrases[i].slice(0, 10).map((p) => p.text), `rows of ${names[i]} (its own phrases, in order)`);
			assert(mine.every((r) => r.json.audioUrl === u), `rows of ${names[i]} carry its audioUrl`);
		});
		return `execution ${execId}: waiting, callbacks ${deliveries.map((d) => d.statusCode).join(', ')}, 20 rows`;
	});
}

module.exports = { waitNodeStory, batchStory, MANUAL_TRIGGER };
