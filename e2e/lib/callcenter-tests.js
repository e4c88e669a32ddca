'use strict';
// The call-center example (examples/call-center-stereo-call-to-crm-note.json) in a real n8n: a
// stereo call -> By Speaker (Multichannel, Speaker Names, Delete After Reading on) -> the
// customer's item -> one CRM note. Only what needs an outside service is swapped: the Webhook
// becomes the body a phone system would POST, the CRM note's URL points at the suite's receiver
// (without the HubSpot credential). Our node and the note's body expression run as shipped.
const fs = require('fs');
const path = require('path');
const { nodeItems } = require('./n8n');
const { checkWorkflow } = require('./node-types');
const { test, assert, assertEqual, fmtMs } = require('./tests');
const { tail } = require('./toolchain');
const W = require('./workflows');

const EXAMPLE = 'call-center-stereo-call-to-crm-note.json';
const RUN_ID = 'e2eRunCallCntr01';
const STEREO_CALL = 'https://recordings.example.com/calls/4711-stereo.wav';
const CONTACT = '4711';

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
	note.parameters.url = `${receiverUrl}/crm/v3/objects/notes`;
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
	await test(`${tag}: example ${EXAMPLE} (webhook and CRM swapped for stand-ins): the customer's top 5 phrases in one CRM note, the transcript deleted`, async () => {
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
		assertEqual(speakers.map((i) => [i.json.speaker, i.json.channel, i.json.deleted]), [['Agent', '1', true], ['Customer', '2', true]], 'By Speaker items');
		const [agent, customer] = speakers.map((i) => i.json);
		assertEqual(customer.keyPhrases.length, 5, "customer's phrases (Top N 5)");
		const id = customer.transcriptId;
		assert(typeof emu.transcripts.get(id)?.deletedAt === 'number', `the emulator still has transcript ${id}`);
		const deletes = emu.requests.filter((q) => q.method === 'DELETE' && q.path === `/v2/transcript/${id}`);
		assertEqual(deletes.length, 1, 'DELETE requests for the transcript');

		assertEqual(nodeItems(r.run, 'Customer only').length, 1, 'items after the filter');
		const notes = receiver.requests.filter((q) => q.method === 'POST' && q.url === '/crm/v3/objects/notes');
		assertEqual(notes.length, 1, 'CRM notes the receiver got');
		const body = notes[0].json;
		const text = body.properties.hs_note_body;
		for (const phrase of customer.keyPhrases) assert(text.includes(phrase), `the note lacks the customer's "${phrase}": ${text}`);
		const agentOnly = agent.keyPhrases.filter((p) => !customer.keyPhrases.includes(p));
		for (const phrase of agentOnly) assert(!text.includes(`${phrase} (`), `the note has the agent's "${phrase}": ${text}`);
		assert(text.includes(`AssemblyAI transcript ${id}, deleted after reading.`), `the note does not say the transcript was deleted: ${text}`);
		assertEqual(body.associations[0].to.id, CONTACT, 'contact the note is associated with');
		return `${fmtMs(r.ms)}; note: ${text.slice(0, 160)}…`;
	});
}

module.exports = { callCenterSuite, runnableCopy, EXAMPLE };
