'use strict';
// The call-center example (examples/call-center-stereo-call-to-crm-note.json) in a real n8n: a
// stereo call -> By Speaker (Multichannel, Speaker Names) -> the customer's item -> one CRM note ->
// Delete Transcript. Only what needs an outside service is swapped: the Webhook becomes the body a
// phone system would POST, the CRM note's URL points at the suite's receiver (without the HubSpot
// credential). Our node and the note's body expression run as shipped.
//
// Issue 23: the transcript is deleted only after the note is stored. With a CRM that answers 429
// first, the execution stops at the note and the transcript stays (`n8n execute` here; in `n8n start`,
// retryTests() retries the failed execution over REST: the note is written, then the transcript
// deleted, nothing transcribed twice; the same for a Trigger -> CRM -> Delete Transcript workflow).
const fs = require('fs');
const path = require('path');
const { nodeItems } = require('./n8n');
const { checkWorkflow } = require('./node-types');
const { test, assert, assertEqual, fmtMs } = require('./tests');
const { tail } = require('./toolchain');
const W = require('./workflows');
const { restClient } = require('../stories/rest');

const EXAMPLE = 'call-center-stereo-call-to-crm-note.json';
const RUN_ID = 'e2eRunCallCntr01';
const STEREO_CALL = 'https://recordings.example.com/calls/4711-stereo.wav';
const CONTACT = '4711';
const NOTES_PATH = '/crm/v3/objects/notes';

/** The example with the webhook's output given by a Set node and the note sent to the receiver. */
function runnableCopy(example, receiverUrl) {
	const wf = JSON.parse(JSON.stringify(example));
	wf.id = RUN_ID;
	wf.name = `${wf.name} (e2e run)`;
	const hook = wf.nodes.findIndex((n) => n.name === 'Call recorded');
	wf.nodes[hook] = {
		id: W.nodeId(),
		name: 'Call recorded',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: wf.nodes[hook].position,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ headers: {}, params: {}, query: {}, body: { recordingUrl: STEREO_CALL, contactId: CONTACT } }), options: {} },
	};
	const note = wf.nodes.find((n) => n.name === 'CRM note');
	note.parameters.url = `${receiverUrl}${NOTES_PATH}`;
	note.parameters.authentication = 'none';
	delete note.parameters.nodeCredentialType;
	wf.nodes.push({ id: W.nodeId(), name: 'Start (e2e)', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-220, 0], parameters: {} });
	wf.connections['Start (e2e)'] = { main: [[{ node: 'Call recorded', type: 'main', index: 0 }]] };
	return wf;
}

/**
 * @param {{tag: string, n8n: any, emu: any, receiver: any, work: string, root: string, byType: Map<string, any[]>, timed: Function}} ctx
 */
async function callCenterSuite({ tag, n8n, emu, receiver, work, root, byType, timed }) {
	await test(`${tag}: example ${EXAMPLE} (webhook and CRM swapped for stand-ins): the customer's top 5 phrases in one CRM note, then the transcript deleted`, async () => {
		const example = JSON.parse(fs.readFileSync(path.join(root, 'examples', EXAMPLE), 'utf8'));
		const wf = runnableCopy(example, receiver.url);
		const problems = checkWorkflow(wf, byType);
		assert(problems.length === 0, problems.join('\n'));
		const file = path.join(work, `${RUN_ID}-${n8n.version}.json`);
		fs.writeFileSync(file, JSON.stringify(wf, null, 2));
		const imported = await n8n.cli(['import:workflow', `--input=${file}`], { timeoutMs: 120_000 });
		assert(imported.code === 0, `import:workflow failed:\n${tail(imported.stdout + imported.stderr)}`);

		receiver.reset();
		const before = emu.createdCount();
		const r = await timed(`${tag} execute ${RUN_ID}`, () => n8n.execute(RUN_ID));
		assert(!r.timedOut && r.code === 0 && r.run, `n8n execute exit ${r.code}\n${tail(r.output)}`);
		const error = r.run.data?.resultData?.error;
		assert(error === undefined, `execution error ${JSON.stringify(error ?? null).slice(0, 500)}`);

		const params = emu.createdParams().slice(before);
		assertEqual(params.map((p) => [p.audio_url, p.multichannel, p.auto_highlights]), [[STEREO_CALL, true, true]], 'transcript requests');
		const speakers = nodeItems(r.run, 'Key Phrases by Speaker');
		assertEqual(speakers.map((i) => [i.json.speaker, i.json.channel, 'deleted' in i.json]), [['Agent', '1', false], ['Customer', '2', false]], 'By Speaker items');
		const [agent, customer] = speakers.map((i) => i.json);
		assertEqual(customer.keyPhrases.length, 5, "customer's phrases (Top N 5)");
		const id = customer.transcriptId;

		assertEqual(nodeItems(r.run, 'Customer only').length, 1, 'items after the filter');
		const notes = receiver.requests.filter((q) => q.method === 'POST' && q.url === NOTES_PATH);
		assertEqual(notes.length, 1, 'CRM notes the receiver got');
		const body = notes[0].json;
		const text = body.properties.hs_note_body;
		for (const phrase of customer.keyPhrases) assert(text.includes(phrase), `the note lacks the customer's "${phrase}": ${text}`);
		const agentOnly = agent.keyPhrases.filter((p) => !customer.keyPhrases.includes(p));
		for (const phrase of agentOnly) assert(!text.includes(`${phrase} (`), `the note has the agent's "${phrase}": ${text}`);
		assert(text.endsWith(`AssemblyAI transcript ${id}.`), `the note does not name the transcript: ${text}`);
		assertEqual(body.associations[0].to.id, CONTACT, 'contact the note is associated with');

		assertEqual(nodeItems(r.run, 'Delete transcript').map((i) => i.json), [{ transcriptId: id, deleted: true }], 'Delete transcript output');
		assert(typeof emu.transcripts.get(id)?.deletedAt === 'number', `the emulator still has transcript ${id}`);
		const deletes = emu.requests.filter((q) => q.method === 'DELETE' && q.path === `/v2/transcript/${id}`);
		assertEqual(deletes.length, 1, 'DELETE requests for the transcript');
		assert(deletes[0].at >= notes[0].at, 'the transcript was deleted before the note was written');
		return `${fmtMs(r.ms)}; note: ${text.slice(0, 160)}…`;
	});

	await test(`${tag}: example ${EXAMPLE} with a CRM that answers 429: the execution stops at the note, the transcript stays at AssemblyAI (n8n execute)`, async () => {
		receiver.reset();
		receiver.failNext(NOTES_PATH, 1, 429);
		const before = emu.createdCount();
		const r = await timed(`${tag} execute ${RUN_ID} (CRM 429)`, () => n8n.execute(RUN_ID));
		assert(!r.timedOut, 'n8n execute timed out');
		assert(r.code !== 0, `n8n execute exit ${r.code}; expected the execution to fail at the CRM note`);
		const id = emu.createdParams().length > before ? [...emu.transcripts.keys()].at(-1) : undefined;
		assert(id, 'no transcript was created');
		const notes = receiver.requests.filter((q) => q.url === NOTES_PATH);
		assertEqual(notes.map((q) => q.status), [429], 'CRM answers');
		assert(emu.transcripts.get(id)?.deletedAt == null, `transcript ${id} was deleted although the note was not written`);
		const deletes = emu.requests.filter((q) => q.method === 'DELETE' && q.path === `/v2/transcript/${id}`);
		assertEqual(deletes.length, 0, 'DELETE requests for the transcript');
		assertEqual(emu.transcriptView(id).status, 'completed', 'the transcript at AssemblyAI');
		return `exit ${r.code}; transcript ${id} kept (status completed, 0 DELETEs)`;
	});
}

/**
 * In `n8n start` (lib/server-tests.js): a CRM that answers 429 first, then n8n's Retry of the failed
 * execution (POST /rest/executions/:id/retry, as Executions → Retry in the editor). The retry starts at
 * the failed node with the other nodes' saved output: the note is written, then the transcript
 * deleted, and nothing is transcribed again. Once for the example (run as "Execute workflow" does),
 * once for a Trigger -> CRM note -> Delete Transcript workflow called by the emulator's webhook.
 * @param {{tag: string, srv: any, n8n: any, emu: any, receiver: any, createTranscript: Function, triggerSecret: string, slug: string}} ctx
 */
async function retryTests({ tag, srv, n8n, emu, receiver, createTranscript, triggerSecret, slug }) {
	const api = restClient(srv, n8n.installDir);
	const kept = (id) => emu.transcripts.get(id)?.deletedAt == null;
	const deletesOf = (id) => emu.requests.filter((q) => q.method === 'DELETE' && q.path === `/v2/transcript/${id}`);

	await test(`${tag}: example ${EXAMPLE}, CRM answers 429 first: the execution fails at the note, the transcript stays; Retry writes the note, then deletes it, without transcribing again`, async () => {
		receiver.reset();
		receiver.failNext(NOTES_PATH, 1, 429);
		const createdBefore = emu.createdCount();
		const first = await api.runManually(RUN_ID, 'Start (e2e)');
		const failed = await api.finished(RUN_ID, first);
		assertEqual(failed.status, 'error', `status of execution ${first}`);
		const [, customer] = (await api.nodeOutput(first, 'Key Phrases by Speaker')).map((i) => i.json);
		const id = customer.transcriptId;
		assertEqual(receiver.requests.filter((q) => q.url === NOTES_PATH).map((q) => q.status), [429], 'CRM answers before the retry');
		assert(kept(id), `transcript ${id} was deleted although the note was not written`);
		assertEqual(deletesOf(id).length, 0, 'DELETE requests before the retry');

		const retried = await api.retry(RUN_ID, first);
		assertEqual(retried.status, 'success', `status of the retry (execution ${retried.id})`);
		const notes = receiver.requests.filter((q) => q.url === NOTES_PATH);
		assertEqual(notes.map((q) => q.status), [429, 200], 'CRM answers');
		const text = notes[1].json.properties.hs_note_body;
		for (const phrase of customer.keyPhrases) assert(text.includes(phrase), `the note lacks "${phrase}": ${text}`);
		assert(!kept(id), `transcript ${id} was not deleted after the note`);
		const deletes = deletesOf(id);
		assertEqual(deletes.length, 1, 'DELETE requests');
		assert(deletes[0].at >= notes[1].at, 'the transcript was deleted before the note was written');
		assertEqual(emu.createdCount() - createdBefore, 1, 'transcripts created (the retry transcribes nothing)');
		return `execution ${first} error (CRM 429), transcript kept; retry ${retried.id} success: note written, then 1 DELETE; 1 transcript in all`;
	});

	await test(`${tag}: Trigger -> CRM note -> Delete Transcript, CRM answers 429 first: the transcript stays; Retry writes the note, then deletes it`, async () => {
		receiver.reset();
		receiver.failNext(W.TRIGGER_CRM_PATH, 1, 429);
		const workflowId = W.ids.srvTriggerCrm;
		const before = new Set((await api.executions(workflowId)).map((e) => String(e.id)));
		const t = await createTranscript(emu, {
			audio_url: `https://recordings.example/${slug}/trigger-crm.mp3`,
			auto_highlights: true,
			webhook_url: `${srv.base}/webhook/${W.TRIGGER_CRM_WEBHOOK_ID}/assemblyai`,
			webhook_auth_header_name: W.TRIGGER_HEADER,
			webhook_auth_header_value: triggerSecret,
		});
		const started = await api.waitFor('the trigger execution', async () => (await api.executions(workflowId)).find((e) => !before.has(String(e.id))), { timeoutMs: 60_000 });
		const failed = await api.finished(workflowId, started.id);
		assertEqual(failed.status, 'error', `status of execution ${started.id}`);
		assertEqual(receiver.requests.filter((q) => q.url === W.TRIGGER_CRM_PATH).map((q) => q.status), [429], 'CRM answers before the retry');
		assert(kept(t.id), `transcript ${t.id} was deleted although the note was not written`);
		assertEqual(deletesOf(t.id).length, 0, 'DELETE requests before the retry');
		const delivered = emu.webhookDeliveries().filter((d) => d.transcriptId === t.id).map((d) => d.statusCode);
		assertEqual(delivered, [200], "the trigger's answers to AssemblyAI");

		const retried = await api.retry(workflowId, started.id);
		assertEqual(retried.status, 'success', `status of the retry (execution ${retried.id})`);
		const notes = receiver.requests.filter((q) => q.url === W.TRIGGER_CRM_PATH);
		assertEqual(notes.map((q) => q.status), [429, 200], 'CRM answers');
		assertEqual(notes[1].json.transcriptId, t.id, 'transcript named in the note');
		assert(!kept(t.id), `transcript ${t.id} was not deleted after the note`);
		const deletes = deletesOf(t.id);
		assertEqual(deletes.length, 1, 'DELETE requests');
		assert(deletes[0].at >= notes[1].at, 'the transcript was deleted before the note was written');
		return `execution ${started.id} error (CRM 429), transcript kept; retry ${retried.id} success: note written, then 1 DELETE`;
	});
}

module.exports = { callCenterSuite, retryTests, runnableCopy, EXAMPLE };
