'use strict';
// Story 2: a recording URL by webhook -> key phrases -> the CRM: rows in PostgreSQL through n8n's
// Postgres node (one per key phrase, upserted; a repeated call changes nothing), and the HubSpot
// example's notes, received by a HubSpot-shaped API that checks their shape.
const { test, assert, assertEqual } = require('../lib/tests');
const { fixturePhrases, firstMention } = require('./expect');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The SQL in the example's sticky note (```sql … ```): what a user runs once to create the table. */
function stickySql(wf) {
	const note = wf.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote').parameters.content;
	const m = note.match(/```sql\n([\s\S]*?)```/);
	if (!m) throw new Error(`${wf.name}: no \`\`\`sql block in its sticky note`);
	return m[1];
}

async function post(url, body) {
	const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
	return { status: r.status, text: await r.text() };
}

/** Runs a webhook call and waits for the execution it started to finish. */
async function callAndFinish(api, wfId, url, body) {
	const before = new Set((await api.executions(wfId)).map((e) => String(e.id)));
	const r = await post(url, body);
	assertEqual(r.status, 200, `POST ${url}: ${r.text}`);
	const exec = await api.waitFor('the execution the call started', async () => (await api.executions(wfId)).find((e) => !before.has(String(e.id))), { timeoutMs: 30_000 });
	return api.finished(wfId, exec.id);
}

async function postgresStory(sc) {
	const { tag, api, emu, services, ids, srv, slug, flows, database } = sc;
	const { pg } = services;
	const hookPath = flows.pgRows.nodes.find((n) => n.name === 'Webhook').parameters.path;
	const hook = `${srv.base}/webhook/${hookPath}`;
	const rows = async () => {
		const r = await pg.psql(
			'SELECT coalesce(json_agg(t ORDER BY t.recording_url, t.phrase), \'[]\') FROM (SELECT transcript_id, phrase, contact_id, recording_url, rank, count, first_mention, first_mention_ms, xmin::text AS xmin FROM call_key_phrases) t',
			database,
		);
		if (r.code !== 0) throw new Error(`psql: ${r.stderr}`);
		return JSON.parse(r.stdout.trim());
	};
	const calls = [
		{ recordingUrl: `https://recordings.example/${slug}/crm-call-1.mp3`, contactId: '123' },
		{ recordingUrl: `https://recordings.example/${slug}/crm-call-2.mp3`, contactId: '456' },
	];
	const transcriptsFor = (url) => [...emu.transcripts.values()].filter((t) => t.params.audio_url === url);
	const expected = fixturePhrases();

	let first;
	const ok = await test(`${tag}: story 2 webhook -> PostgreSQL: one call -> one row per key phrase (transcript, contact, phrase, rank, count, first mention), made with the table SQL of the sticky note`, async () => {
		const ddl = await pg.psql(`SET ROLE ${pg.user};\n${stickySql(flows.pgRows)}`, database);
		assert(ddl.code === 0, `the sticky note's SQL failed: ${ddl.stderr}`);
		await api.activate(ids.pgRows);
		await api.webhookReady(hookPath);
		const e = await callAndFinish(api, ids.pgRows, hook, calls[0]);
		assertEqual(e.status, 'success', `execution ${e.id}`);
		const ts = transcriptsFor(calls[0].recordingUrl);
		assertEqual(ts.length, 1, 'transcripts created for the call');
		first = await rows();
		assertEqual(first.length, expected.length, 'rows in call_key_phrases');
		const byPhrase = new Map(first.map((r) => [r.phrase, r]));
		for (const p of expected) {
			const r = byPhrase.get(p.text);
			assert(r, `no row for "${p.text}"`);
			assertEqual([r.transcript_id, r.contact_id, r.recording_url], [ts[0].id, '123', calls[0].recordingUrl], `row "${p.text}": transcript, contact, recording`);
			assertEqual([r.count, r.first_mention, r.first_mention_ms], [p.count, firstMention(p), Math.min(...p.timestamps.map((t) => t.start))], `row "${p.text}": count, first mention`);
			assert(Math.abs(r.rank - p.rank) < 1e-6, `row "${p.text}": rank ${r.rank}, expected ${p.rank}`);
		}
		return `${first.length} rows for transcript ${ts[0].id}`;
	});
	if (!ok) return api.deactivate(ids.pgRows).catch(() => {});

	await test(`${tag}: story 2 webhook -> PostgreSQL: the same call again -> no transcript, no row written or changed; another call -> its own rows`, async () => {
		const e = await callAndFinish(api, ids.pgRows, hook, calls[0]);
		assertEqual(e.status, 'success', `execution ${e.id}`);
		assertEqual(await api.nodeOutput(e.id, 'Key Phrases'), undefined, 'Key Phrases output in the repeated call (it must not run)');
		assertEqual(transcriptsFor(calls[0].recordingUrl).length, 1, 'transcripts for the repeated call');
		// xmin changes whenever PostgreSQL rewrites a row, also with the same values.
		assertEqual(await rows(), first, 'the table after the repeated call (values and xmin)');
		const e2 = await callAndFinish(api, ids.pgRows, hook, calls[1]);
		assertEqual(e2.status, 'success', `execution ${e2.id}`);
		const all = await rows();
		const second = all.filter((r) => r.recording_url === calls[1].recordingUrl);
		assertEqual(second.length, expected.length, 'rows of the second call');
		assert(second.every((r) => r.contact_id === '456' && r.transcript_id === transcriptsFor(calls[1].recordingUrl)[0].id), 'rows of the second call: contact 456 and its transcript');
		assertEqual(all.filter((r) => r.recording_url === calls[0].recordingUrl), first, 'rows of the first call after the second');
		return `repeated call: 0 transcripts, ${first.length} rows unchanged; second call: ${second.length} rows; ${all.length} rows in all`;
	});
	await api.deactivate(ids.pgRows).catch(() => {});
}

async function hubspotStory(sc) {
	const { tag, api, emu, services, ids, srv, slug, flows } = sc;
	const { hubspot } = services;
	hubspot.reset();
	const hookPath = flows.hubspot.nodes.find((n) => n.name === 'Webhook').parameters.path;
	const hook = `${srv.base}/webhook/${hookPath}`;
	const url = `https://recordings.example/${slug}/hubspot-call.mp3`;
	const top = fixturePhrases().slice(0, 10);

	await test(`${tag}: story 2 webhook -> HubSpot notes (the HubSpot example against a HubSpot-shaped API): 10 notes on the contact, each with its phrase`, async () => {
		await api.activate(ids.hubspot);
		await api.webhookReady(hookPath);
		const e = await callAndFinish(api, ids.hubspot, hook, { recordingUrl: url, contactId: '123' });
		assertEqual(e.status, 'success', `execution ${e.id}`);
		const refused = hubspot.requests.filter((r) => r.status !== 201);
		assert(refused.length === 0, `HubSpot refused ${refused.length} requests: ${refused.map((r) => `${r.status} ${r.problem}`).join('; ')}`);
		assertEqual(hubspot.notes.length, 10, 'notes created');
		const t = [...emu.transcripts.values()].filter((x) => x.params.audio_url === url);
		assertEqual(t.length, 1, 'transcripts created');
		for (const n of hubspot.notes) assertEqual(n.contactIds, ['123'], 'contacts each note is associated with');
		const bodies = hubspot.notes.map((n) => n.properties.hs_note_body);
		for (const p of top) {
			const b = bodies.find((x) => x.includes(`"${p.text}"`));
			assert(b, `no note for "${p.text}"`);
			assert(b.includes(`said ${p.count}x, first at ${firstMention(p)}`) && b.includes(t[0].id), `note for "${p.text}": ${b}`);
		}
		const req = hubspot.requests[0];
		assertEqual([req.method, req.url, req.headers['content-type']?.split(';')[0]], ['POST', '/crm/v3/objects/notes', 'application/json'], 'request line and content type');
		return `10 x POST /crm/v3/objects/notes answered 201, Bearer token, association HUBSPOT_DEFINED 202 to contact 123`;
	});

	await test(`${tag}: story 2 webhook -> HubSpot notes: a contact HubSpot does not know -> the execution fails with HubSpot's message`, async () => {
		hubspot.reset();
		const e = await callAndFinish(api, ids.hubspot, hook, { recordingUrl: `https://recordings.example/${slug}/hubspot-unknown.mp3`, contactId: '999' });
		assertEqual(e.status, 'error', `execution ${e.id}`);
		const data = await api.executionData(e.id);
		const msg = JSON.stringify(data.resultData.error ?? data.resultData.runData['HubSpot note']?.[0]?.error ?? null);
		assert(/contact 999 does not exist/.test(msg), `the execution's error does not carry HubSpot's message: ${msg.slice(0, 400)}`);
		assertEqual(hubspot.notes.length, 0, 'notes created');
		return `HubSpot 400 -> execution ${e.id} error`;
	});
	await api.deactivate(ids.hubspot).catch(() => {});
	await sleep(0);
}

module.exports = { postgresStory, hubspotStory, stickySql };
