'use strict';
/**
 * The node as an AI Agent tool in real n8n: Manual Trigger -> AI Agent, with an OpenAI Chat Model
 * whose credential's Base URL points at a small OpenAI-compatible stub (lib/openai-stub.js) and our
 * node attached as its tool, at the tool's defaults, the recording URL filled by the model
 * ($fromAI). The stub answers the first request with a call to our tool and the next with a final
 * answer quoting the tool's result. Checked: the transcript request reached the emulator, what the
 * tool returned to the model (as the stub received it) is within the 4 KB cap and holds the top
 * phrase, and the agent's final answer holds it; for the 4.7-minute sample (the shipped example
 * examples/ask-about-a-recording.json, Responses API) and for a 3-hour call (Chat Completions).
 */
const fs = require('fs');
const path = require('path');
const { nodeItems } = require('./n8n');
const { checkWorkflow } = require('./node-types');
const { test, assert, assertEqual, fmtMs } = require('./tests');
const { tail } = require('./toolchain');
const W = require('./workflows');

const EXAMPLE = 'ask-about-a-recording.json';
const OPENAI_CRED = { id: 'aaiExOpenAi00001', name: 'OpenAI account' }; // what the example references
const LONG_CALL = 'https://media.example.com/calls/three-hour-call.mp3';
const THREE_HOURS = 3 * 3600;
const CAP = 4 * 1024;
const TOP_PHRASE = 'air quality alerts';
const TOOL = 'Key phrases of a recording';

const ids = {
	sample: 'e2eAgentSample01',
	longCall: 'e2eAgentLongCal1',
	askTwice: 'e2eAgentTwice001',
};

/**
 * Runnable copies of the example: the Chat Trigger swapped for a Manual Trigger and a Set giving the
 * chat message. `model`: the stub's script; `responsesApi`: the model node's "Use Response API";
 * `toolParameters`: replaces the tool's parameters ({} = the tool's defaults as n8n fills them in).
 */
function agentWorkflow(example, { id, name, question, model, responsesApi, toolParameters }) {
	const wf = JSON.parse(JSON.stringify(example));
	wf.id = id;
	wf.name = name;
	const chat = wf.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	Object.assign(chat, {
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ sessionId: 'e2e', action: 'sendMessage', chatInput: question }), options: {} },
	});
	delete chat.webhookId;
	const lm = wf.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi');
	if (model) lm.parameters.model = { __rl: true, mode: 'id', value: model };
	if (responsesApi === false) lm.parameters.responsesApiEnabled = false;
	if (toolParameters) wf.nodes.find((n) => n.name === TOOL).parameters = toolParameters;
	wf.nodes.push({ id: W.nodeId(), name: 'Start (e2e)', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-220, 0], parameters: {} });
	wf.connections['Start (e2e)'] = { main: [[{ node: chat.name, type: 'main', index: 0 }]] };
	return wf;
}

function agentWorkflows(examples) {
	const example = examples[EXAMPLE];
	if (!example) throw new Error(`examples/${EXAMPLE} is missing`);
	return [
		agentWorkflow(example, { id: ids.sample, name: `${example.name} (e2e run)`, question: `What is this call about? ${W.WILDFIRES}` }),
		agentWorkflow(example, {
			id: ids.longCall,
			name: 'e2e: AI Agent asks about a 3-hour call (Chat Completions, the tool at its defaults)',
			question: `Summarise the key topics of ${LONG_CALL}`,
			responsesApi: false,
			toolParameters: {},
		}),
		agentWorkflow(example, {
			id: ids.askTwice,
			name: 'e2e: AI Agent calls the tool twice for the same recording',
			question: `What is this call about? ${W.WILDFIRES}`,
			model: 'stub-ask-twice',
			toolParameters: {},
		}),
	];
}

/** The tool's run(s) in an execution: the items it handed the agent. */
function toolRuns(run) {
	return (run?.data?.resultData?.runData?.[TOOL] ?? []).map((r) => r.data?.ai_tool?.[0] ?? r.data?.main?.[0] ?? []);
}

async function agentSuite({ tag, n8n, emu, stub, work, examples, byType, timed }) {
	const workflows = agentWorkflows(examples);
	await test(`${tag}: AI Agent workflows use node types, versions and parameters this n8n has (langchain nodes, our tool)`, async () => {
		const problems = workflows.flatMap((wf) => checkWorkflow(wf, byType).map((p) => `${wf.id}: ${p}`));
		assert(problems.length === 0, problems.join('\n'));
		return `${workflows.length} workflows`;
	});
	const imported = await test(`${tag}: import the OpenAI credential (Base URL: the stub) and the AI Agent workflows`, async () => {
		const dir = path.join(work, `agent-${n8n.version}`);
		fs.mkdirSync(dir, { recursive: true });
		const credFile = path.join(dir, 'openai-credential.json');
		fs.writeFileSync(credFile, JSON.stringify([{ ...OPENAI_CRED, type: 'openAiApi', data: { apiKey: 'sk-e2e-stub', url: stub.baseUrl } }]));
		const c = await n8n.cli(['import:credentials', `--input=${credFile}`]);
		assert(c.code === 0, `import:credentials failed:\n${tail(c.stdout + c.stderr)}`);
		const wfDir = path.join(dir, 'workflows');
		fs.mkdirSync(wfDir);
		for (const wf of workflows) fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		const w = await n8n.cli(['import:workflow', '--separate', `--input=${wfDir}`]);
		assert(w.code === 0, `import:workflow failed:\n${tail(w.stdout + w.stderr)}`);
	});
	if (!imported) return;
	emu.addScenario({ match: (url) => url === LONG_CALL, durationSeconds: THREE_HOURS });

	/** Runs one workflow; returns what the model was offered and given, and the agent's answer. */
	const ask = async (id, url, endpoint) => {
		stub.reset();
		const createdBefore = emu.createdCount();
		const r = await timed(`${tag} execute ${id}`, () => n8n.execute(id));
		assert(!r.timedOut, 'n8n execute timed out');
		assert(r.code === 0 && r.run, `n8n execute exit ${r.code}\n${tail(r.output)}`);
		const error = r.run.data?.resultData?.error;
		assert(error === undefined, `execution error ${JSON.stringify(error ?? null).slice(0, 600)}`);
		const created = emu.createdParams().slice(createdBefore);
		const kinds = [...new Set(stub.requests.map((q) => q.path))];
		assertEqual(kinds, [endpoint], 'the endpoints the model node called');
		const offered = stub.requests[0]?.tools ?? [];
		assertEqual(offered.length, 1, 'tools offered to the model');
		assertEqual(Object.keys(offered[0].parameters?.properties ?? {}), ['audioUrl'], "the tool's arguments");
		const results = stub.requests.at(-1)?.toolResults ?? [];
		// What the model was sent, kept with the run (e2e/run.js --keep keeps the work folder).
		fs.writeFileSync(path.join(work, `agent-${n8n.version}`, `model-requests-${id}.json`), JSON.stringify(stub.requests, null, 2));
		const answer = nodeItems(r.run, 'AI Agent')?.[0]?.json?.output;
		assert(typeof answer === 'string', `the agent gave no answer: ${JSON.stringify(nodeItems(r.run, 'AI Agent'))}`);
		assert(created.every((p) => p.audio_url === url), `transcript requests for other URLs: ${JSON.stringify(created.map((p) => p.audio_url))}`);
		return { r, created, offered: offered[0], results, answer };
	};
	const checkAnswer = ({ results, answer }) => {
		assert(results.length >= 1, 'the model never received the tool result');
		const result = results.at(-1);
		const bytes = Buffer.byteLength(result);
		assert(bytes <= CAP, `the tool returned ${bytes} bytes to the model, more than the cap of ${CAP}`);
		const parsed = JSON.parse(result);
		assertEqual(parsed[0]?.keyPhrases?.[0]?.text, TOP_PHRASE, "the tool result's first key phrase");
		assert(answer.includes(TOP_PHRASE), `the agent's answer lacks the top phrase: ${answer.slice(0, 300)}`);
		return bytes;
	};

	await test(`${tag}: example ask-about-a-recording (AI Agent, OpenAI Chat Model on the stub's /v1/responses, our tool): 4.7-minute sample, tool result within 4 KB with the top phrase, the answer quotes it`, async () => {
		const got = await ask(ids.sample, W.WILDFIRES, '/v1/responses');
		assertEqual(got.created.length, 1, 'transcripts created at the emulator');
		const bytes = checkAnswer(got);
		const runs = toolRuns(got.r.run);
		assertEqual(runs.length, 1, 'tool runs');
		return `${bytes} bytes returned to the model; tool "${got.offered.name}" offered with the schema ${JSON.stringify(got.offered.parameters)}; ${fmtMs(got.r.ms)} for n8n execute`;
	});

	await test(`${tag}: AI Agent (Chat Completions, "Use Responses API" off) asks about a 3-hour call, the tool at its defaults: tool result within 4 KB with the top phrase, the answer quotes it`, async () => {
		const got = await ask(ids.longCall, LONG_CALL, '/v1/chat/completions');
		assertEqual(got.created.length, 1, 'transcripts created at the emulator');
		const bytes = checkAnswer(got);
		const duration = JSON.parse(got.results.at(-1))[0].audioDuration;
		assertEqual(duration, THREE_HOURS, 'audioDuration in the tool result');
		return `${bytes} bytes returned to the model; description offered: "${String(got.offered.description).slice(0, 120)}…"`;
	});

	await test(`${tag}: the model asks the tool twice for the same recording in one execution: one transcript at the emulator, both answers reach the model with the top phrase`, async () => {
		const got = await ask(ids.askTwice, W.WILDFIRES, '/v1/responses');
		assertEqual(got.results.length, 2, 'tool results the model received');
		checkAnswer(got);
		// Once per execution (actions/transcribe/createdInExecution.ts): the second call reads the first transcript.
		assertEqual(got.created.length, 1, 'transcripts created at the emulator for two calls with the same URL');
		assertEqual(toolRuns(got.r.run).length, 2, 'tool runs');
		const [first, second] = got.results.map((result) => JSON.parse(result)[0].transcriptId);
		assertEqual(second, first, 'transcript ID in the second answer');
		return `1 transcript for 2 tool calls (${first})`;
	});
}

module.exports = { agentSuite, agentWorkflows, ids, EXAMPLE, OPENAI_CRED };
