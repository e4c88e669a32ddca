'use strict';
// n8n behind a real reverse proxy (nginx, lib/nginx.js), as most self-hosted n8n runs: WEBHOOK_URL
// points at the proxy, so AssemblyAI (the emulator) calls the Trigger and the resume URLs through it.
// Run in the server suite's `n8n start` (N8N_PROXY_HOPS unset) and in a second start on the same
// user folder with N8N_PROXY_HOPS=1. With the node's default settings (the Trigger's Header Auth, no
// IP Allowlist) everything works either way; an IP Allowlist of AssemblyAI's address (the emulator's
// here) works only when n8n trusts the proxy, and says so in n8n's log.
const { test, assert, assertEqual } = require('./tests');
const W = require('./workflows');
const { PROXY_ADDRESS } = require('./nginx');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** n8n's log lines (N8N_LOG_FORMAT=json) at error level that name a refused call. */
function refusalLines(srv, since) {
	return srv.server
		.output()
		.slice(since)
		.split('\n')
		.flatMap((line) => {
			try {
				const j = JSON.parse(line);
				return j && j.level === 'error' && /refused a call/.test(j.message) ? [j.message] : [];
			} catch {
				return [];
			}
		});
}

/**
 * @param {object} o
 * @param {string} o.tag       e.g. "n8n 2.41.1"
 * @param {number} o.hops      N8N_PROXY_HOPS of this start (0: unset)
 * @param {any} o.srv          from startN8nServer({proxy}) : base (n8n), publicBase (nginx), server
 * @param {Function} o.waitFor @param {Function} o.post @param {Function} o.createTranscript (server-tests.js)
 */
async function proxySuite({ tag, hops, srv, emu, receiver, slug, secret, fixturePhrases, waitFor, post, createTranscript }) {
	const label = `${tag} behind nginx, N8N_PROXY_HOPS ${hops ? hops : 'unset'}`;
	const key = `${slug}-hops${hops}`;
	const hookUrl = (webhookId) => `${srv.publicBase}/webhook/${webhookId}/assemblyai`;
	const seenAs = hops ? '127.0.0.1' : PROXY_ADDRESS; // the emulator calls from 127.0.0.1; nginx from PROXY_ADDRESS
	const posts = (url, id) => receiver.requests.filter((q) => q.url === url && q.json?.transcriptId === id);
	const delivered = async (id) =>
		await waitFor(
			() => {
				const l = emu.webhookDeliveries().filter((d) => d.transcriptId === id && d.outcome !== 'pending');
				return l.length ? l : undefined;
			},
			{ timeoutMs: 30_000, what: `the emulator's call for ${id}` },
		);
	const transcribeCalling = async (url, headerValue, name) =>
		await createTranscript(emu, {
			audio_url: `https://recordings.example/${key}/${name}.mp3`,
			auto_highlights: true,
			webhook_url: url,
			webhook_auth_header_name: W.TRIGGER_HEADER,
			webhook_auth_header_value: headerValue,
		});

	await test(`${label}: Trigger with its default settings, called by AssemblyAI through the proxy with the right secret -> 15 phrases`, async () => {
		const t = await transcribeCalling(hookUrl(W.TRIGGER_WEBHOOK_ID), secret, 'trigger');
		const got = await waitFor(() => (posts('/trigger', t.id).length >= 15 ? posts('/trigger', t.id) : undefined), { timeoutMs: 60_000, what: `15 POSTs for ${t.id}` });
		assertEqual(got.map((p) => p.json.phrase).sort(), [...fixturePhrases].sort(), 'phrases POSTed');
		assertEqual((await delivered(t.id)).map((d) => d.statusCode), [200], 'webhook deliveries');
		return `${hookUrl(W.TRIGGER_WEBHOOK_ID).replace(srv.publicBase, '<proxy>')}: 200, 15 phrases`;
	});

	await test(`${label}: Trigger, a wrong secret through the proxy -> 401, nothing runs, and n8n's log has the refusal at error level (caller's address, the fix, no secret)`, async () => {
		const since = srv.server.output().length;
		const t = await transcribeCalling(hookUrl(W.TRIGGER_WEBHOOK_ID), `${secret}-wrong`, 'trigger-wrong');
		assertEqual((await delivered(t.id)).map((d) => [d.statusCode, d.outcome]), [[401, 'final']], 'webhook deliveries');
		await sleep(1000);
		assertEqual(posts('/trigger', t.id).length, 0, 'POSTs for the refused transcript');
		const lines = refusalLines(srv, since);
		assertEqual(lines.length, 1, `refusals logged at error level (${lines.join(' | ')})`);
		const from = hops ? `from ${seenAs} with` : `from ${seenAs} (forwarded for 127.0.0.1; n8n does not trust it without N8N_PROXY_HOPS) with`;
		assert(lines[0].includes(from) && lines[0].includes(`header ${W.TRIGGER_HEADER}`) && /\(401\)/.test(lines[0]), `log line: ${lines[0]}`);
		assert(!lines[0].includes(secret), 'the log line holds the secret');
		return `log: ${lines[0]}`;
	});

	await test(`${label}: Trigger with IP Allowlist ${W.EMULATOR_ADDRESS} (AssemblyAI's address here) -> ${hops ? "200: n8n trusts the proxy's X-Forwarded-For" : "403: n8n sees the proxy's address, and its log says to set N8N_PROXY_HOPS"}`, async () => {
		const since = srv.server.output().length;
		const t = await transcribeCalling(hookUrl(W.ALLOWLIST_WEBHOOK_ID), secret, 'allowlist');
		const codes = (await delivered(t.id)).map((d) => d.statusCode);
		const lines = refusalLines(srv, since);
		if (hops) {
			assertEqual(codes, [200], 'webhook deliveries');
			await waitFor(() => (posts('/allowlist', t.id).length >= 15 ? true : undefined), { timeoutMs: 60_000, what: `15 POSTs for ${t.id}` });
			assertEqual(lines, [], 'refusals logged');
			return '200, 15 phrases';
		}
		assertEqual(codes, [403], 'webhook deliveries');
		assertEqual(lines.length, 1, 'refusals logged at error level');
		assert(lines[0].includes(`from ${PROXY_ADDRESS} (forwarded for 127.0.0.1;`) && lines[0].includes('set N8N_PROXY_HOPS'), `log line: ${lines[0]}`);
		return `403; log: ${lines[0]}`;
	});

	await test(`${label}: Transcribe waiting for AssemblyAI's callback, at its defaults (the execution's own secret header), resumes when the emulator calls its resume URL through the proxy`, async () => {
		const name = `proxy-${key}`;
		const url = `https://recordings.example/${key}/callback.mp3`;
		emu.addScenario({ match: (u) => u === url, queuedMs: 100, processingMs: 1500 });
		const createdBefore = new Set(emu.transcripts.keys());
		const started = await post(`${srv.publicBase}/webhook/${W.WAIT_DEFAULTS_PATH}`, { recordings: [{ name, url }] });
		assertEqual(started.status, 200, `POST <proxy>/webhook/${W.WAIT_DEFAULTS_PATH}: ${started.text}`);
		const done = await waitFor(() => receiver.requests.find((q) => q.url === '/wait-mode' && q.json?.name === name), { timeoutMs: 60_000, what: `the resumed execution's POST for ${name}` });
		const created = [...emu.transcripts.values()].filter((t) => !createdBefore.has(t.id));
		assertEqual(created.length, 1, 'transcripts created');
		const hook = created[0].params.webhook_url;
		assertEqual(created[0].params.webhook_auth_header_name, 'X-AssemblyAI-Highlights-Secret', 'the header AssemblyAI is asked to send (no credential set)');
		assert(hook.startsWith(`${srv.publicBase}/webhook-waiting/`), `webhook_url ${hook} is not a resume URL through the proxy`);
		assertEqual([done.json.status, done.json.transcriptId, done.json.error], ['completed', created[0].id, undefined], 'the resumed execution\'s result');
		const deliveries = emu.webhookDeliveries().filter((d) => d.transcriptId === created[0].id).map((d) => d.statusCode);
		assert(deliveries.includes(202), `the call that resumed: ${deliveries.join(', ')}`);
		return `resume URL ${hook.replace(srv.publicBase, '<proxy>').replace(/signature=[0-9a-f]+/, 'signature=…')}, own secret header, answered ${deliveries.join(', ')}`;
	});
}

module.exports = { proxySuite, refusalLines };
