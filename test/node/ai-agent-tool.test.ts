/* eslint-disable @typescript-eslint/no-require-imports, no-console -- test code runs in Node under jest, never inside n8n; the console lines record the bytes the model gets */
import type { IDataObject, INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { TestNodeTypes } from '../helpers/n8nCore';
import { runNode, toolVariant } from '../helpers/runNode';

/**
 * The node as an AI Agent tool, inside real n8n-core: n8n (Agent v3) has its engine run the tool
 * node like any node, with the tool call's arguments in the input item, where `$fromAI()` reads them;
 * the model then gets JSON.stringify of the output items' JSON. What the model is offered (the tool's
 * schema and description) comes from n8n-core's own createNodeAsTool helpers.
 */

const env = useEmulator();

const { getSchema } = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool') as {
	getSchema: (node: INode) => { shape: Record<string, { description?: string }> };
};

const CALL_URL = 'https://media.example.com/three-hour-call.mp3';
const THREE_HOURS = 3 * 3600;
const CAP = 4 * 1024;
const TOP_PHRASE = 'air quality alerts';
const FAST = { pollIntervalSeconds: 0.05 };
/** What the model receives: n8n-core's makeHandleToolInvocation / the Agent's buildSteps stringify the items' JSON. */
const toModel = (items: Array<{ json: IDataObject }>) => JSON.stringify(items.map((i) => i.json));

/** The tool node as n8n holds it once the workflow is loaded: parameters completed with the tool's defaults. */
function loadedToolNode(parameters: INodeParameters, nodeType: INodeType = toolVariant(new AssemblyAiHighlights())): { node: INode; nodeType: INodeType } {
	const workflow = new Workflow({
		nodes: [{ id: 't', name: 'Key phrases of a recording', type: 'assemblyAiHighlightsTool', typeVersion: 1, position: [0, 0], parameters }],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ assemblyAiHighlightsTool: nodeType }),
	});
	return { node: workflow.getNode('Key phrases of a recording')!, nodeType };
}

describe('what the model is offered', () => {
	test('Transcribe at the tool defaults: one argument, audioUrl, filled by the model; a description saying what to pass and what comes back', () => {
		const { node, nodeType } = loadedToolNode({});
		expect(node.parameters).toMatchObject({ operation: 'transcribe', source: 'url', waitMode: 'poll', output: 'topKeyPhrases', maxAnswerKb: 4 });
		const schema = getSchema(node);
		expect(Object.keys(schema.shape)).toEqual(['audioUrl']);
		expect(schema.shape.audioUrl.description).toMatch(/public http\(s\) link/);
		const description = NodeHelpers.getToolDescriptionForNode(node, nodeType);
		expect(description).toMatch(/Pass audioUrl: a public http\(s\) link/);
		expect(description).toMatch(/rank .*count .*firstMention/);
		// n8n adds its own "Tool Description" only when the node declares none.
		expect(node.parameters.descriptionType).toBeUndefined();
	});

	test('Get Highlights: one argument, transcriptId', () => {
		const { node, nodeType } = loadedToolNode({ operation: 'getHighlights' });
		expect(Object.keys(getSchema(node).shape)).toEqual(['transcriptId']);
		expect(NodeHelpers.getToolDescriptionForNode(node, nodeType)).toMatch(/Pass transcriptId/);
	});

	test('the tool offers no Binary File source, no Raw output and no callback mode', () => {
		const tool = toolVariant(new AssemblyAiHighlights());
		const shown = (name: string) =>
			tool.description.properties.filter((p) => p.name === name && NodeHelpers.displayParameter({ operation: 'transcribe', waitMode: 'poll', source: 'url' }, p, loadedToolNode({}).node, tool.description));
		const values = (name: string) => shown(name).flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));
		expect(values('source')).toEqual(['url']);
		expect(values('waitMode')).toEqual(['none', 'poll']);
		expect(values('output')).not.toContain('raw');
		expect(values('output')).toContain('topKeyPhrases');
	});

	test('the node itself keeps its defaults (DESIGN.md): Binary File, Key Phrases, no tool parameters', () => {
		const workflow = new Workflow({
			nodes: [{ id: 'n', name: 'N', type: 'assemblyAiHighlights', typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes({ assemblyAiHighlights: new AssemblyAiHighlights() }),
		});
		const parameters = workflow.getNode('N')!.parameters;
		expect(parameters).toMatchObject({ operation: 'transcribe', source: 'binary', binaryPropertyName: 'data', waitMode: 'poll', output: 'keyPhrases' });
		expect(parameters).not.toHaveProperty('toolDescription');
		expect(parameters).not.toHaveProperty('maxAnswerKb');
		expect(parameters).not.toHaveProperty('audioUrl');
	});

	test("an expression in Wait for Result does not bring the tool's parameters into the node (n8n shows a property at the first expression among its conditions)", () => {
		const workflow = new Workflow({
			nodes: [{ id: 'n', name: 'N', type: 'assemblyAiHighlights', typeVersion: 1, position: [0, 0], parameters: { source: 'url', waitMode: '={{ $json.mode }}' } }],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes({ assemblyAiHighlights: new AssemblyAiHighlights() }),
		});
		const parameters = workflow.getNode('N')!.parameters;
		// (The node's own Output properties for poll and callback both show then; the last one's default wins, as before.)
		expect(parameters.output).not.toBe('topKeyPhrases');
		expect(parameters.audioUrl).toBe('');
		expect(parameters).not.toHaveProperty('maxAnswerKb');
		expect(parameters).not.toHaveProperty('toolDescription');
	});
});

describe('the tool at its defaults, the URL filled by the model', () => {
	test('the 4.7-minute sample: one transcript, the answer within 4 KB, top phrase first with rank, count and first mention', async () => {
		const result = await runNode({ parameters: {}, asTool: true, inputs: [{ json: { audioUrl: WILDFIRES_URL, toolCallId: 'call_1' } }], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdParams().map((p) => p.audio_url)).toEqual([WILDFIRES_URL]);
		expect(result.items).toHaveLength(1);
		const answer = result.items[0].json as { keyPhrases: IDataObject[]; transcriptId: string; audioDuration: number };
		expect(answer.keyPhrases).toHaveLength(15);
		expect(answer.keyPhrases[0]).toEqual({ text: TOP_PHRASE, rank: 0.08, count: 1, firstMention: '0:03' });
		expect(answer.audioDuration).toBe(282);
		const bytes = Buffer.byteLength(toModel(result.items));
		expect(bytes).toBeLessThanOrEqual(CAP);
		console.log(`tool answer to the model, 4.7-minute sample: ${bytes} bytes`);
	});

	test('a 3-hour call: the answer still within 4 KB, with the top phrase', async () => {
		env.emu.addScenario({ match: (url) => url === CALL_URL, durationSeconds: THREE_HOURS });
		const result = await runNode({ parameters: {}, asTool: true, inputs: [{ json: { audioUrl: CALL_URL } }], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		const answer = result.items[0].json as { keyPhrases: IDataObject[]; audioDuration: number };
		expect(answer.audioDuration).toBe(THREE_HOURS);
		expect(answer.keyPhrases[0].text).toBe(TOP_PHRASE);
		expect(answer.keyPhrases[0].count).toBeGreaterThan(30);
		const bytes = Buffer.byteLength(toModel(result.items));
		expect(bytes).toBeLessThanOrEqual(CAP);
		console.log(`tool answer to the model, 3-hour call: ${bytes} bytes`);
	});

	test('Key Phrases output of a 3-hour call (about 32 KB) is cut to the cap: the most relevant first, a note says how many were left out and what to do', async () => {
		env.emu.addScenario({ match: (url) => url === CALL_URL, durationSeconds: THREE_HOURS });
		const full = await runNode({ parameters: { output: 'keyPhrases', maxAnswerKb: 64, options: FAST }, asTool: true, inputs: [{ json: { audioUrl: CALL_URL } }], credentials: env.credentials() });
		expect(full.items).toHaveLength(15);
		const fullBytes = Buffer.byteLength(toModel(full.items));
		expect(fullBytes).toBeGreaterThan(CAP);

		const cut = await runNode({ parameters: { output: 'keyPhrases', options: FAST }, asTool: true, inputs: [{ json: { audioUrl: CALL_URL } }], credentials: env.credentials() });
		expect(Buffer.byteLength(toModel(cut.items))).toBeLessThanOrEqual(CAP);
		const note = cut.items.at(-1)!.json as { leftOut: number; note: string };
		const phrases = cut.items.slice(0, -1);
		expect(phrases.length).toBeGreaterThan(0);
		expect(phrases[0].json.text).toBe(TOP_PHRASE);
		expect(note.leftOut).toBe(15 - phrases.length);
		expect(note.note).toContain(`Only the first ${phrases.length} of 15 key phrases`);
		expect(note.note).toContain('Max Answer Size (KB)');
		const withoutId = (json: IDataObject) => ({ ...json, transcriptId: undefined });
		expect(phrases.map((p) => withoutId(p.json))).toEqual(full.items.slice(0, phrases.length).map((p) => withoutId(p.json)));
		expect(cut.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		console.log(`Key Phrases of a 3-hour call: ${fullBytes} bytes in full, ${Buffer.byteLength(toModel(cut.items))} bytes to the model`);
	});

	test('Get Highlights as a tool: the transcript ID filled by the model', async () => {
		const first = await runNode({ parameters: {}, asTool: true, inputs: [{ json: { audioUrl: WILDFIRES_URL } }], credentials: env.credentials() });
		const id = (first.items[0].json as { transcriptId: string }).transcriptId;
		const result = await runNode({ parameters: { operation: 'getHighlights' }, asTool: true, inputs: [{ json: { transcriptId: id } }], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect((result.items[0].json as { keyPhrases: IDataObject[] }).keyPhrases[0].text).toBe(TOP_PHRASE);
		expect(env.emu.createdCount()).toBe(1);
	});
});

describe('what the tool refuses, before anything is uploaded or paid for', () => {
	test.each([
		[{ waitMode: 'callback' }, "cannot wait for AssemblyAI's callback"],
		[{ output: 'raw' }, 'does not answer with the raw transcript'],
		[{ source: 'binary' }, 'transcribes from a URL, not a binary file'],
	])('%j', async (parameters, message) => {
		const result = await runNode({ parameters, asTool: true, inputs: [{ json: { audioUrl: WILDFIRES_URL } }], credentials: env.credentials() });
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toMatch(/default/);
		expect(env.emu.createdCount()).toBe(0);
		expect(env.emu.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});
