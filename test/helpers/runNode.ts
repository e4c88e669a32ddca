/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node under jest, never inside n8n */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IRun,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { Readable } from 'stream';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlightsWebhookAuthApi } from '../../credentials/AssemblyAiHighlightsWebhookAuthApi.credentials';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { logged, startWorkflow } from './n8nCore';
import { findSecrets } from './secrets';

/** An input item for the node under test; binary files go through n8n's real prepareBinaryData. */
export interface InputItem {
	json?: IDataObject;
	/** `data` as a Buffer, or as a stream factory so a large file never sits in the test's memory. */
	binary?: Record<string, { data: Buffer | (() => Readable); fileName?: string; mimeType?: string }>;
}

/** A start node that emits the given items, their binaries stored by n8n-core's binary helpers. */
function sourceNodeType(inputs: InputItem[]): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Test Source',
		name: 'testSource',
		group: ['trigger'],
		version: 1,
		description: 'Emits the test items',
		defaults: { name: 'Source' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
	return {
		description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const out: INodeExecutionData[] = [];
			for (const [index, input] of inputs.entries()) {
				const item: INodeExecutionData = { json: input.json ?? {}, pairedItem: { item: 0 } };
				for (const [name, file] of Object.entries(input.binary ?? {})) {
					item.binary ??= {};
					const data = typeof file.data === 'function' ? file.data() : file.data;
					item.binary[name] = await this.helpers.prepareBinaryData(data, file.fileName ?? `recording-${index}.wav`, file.mimeType ?? 'audio/wav');
				}
				out.push(item);
			}
			return [out];
		},
	};
}

export interface NodeRun {
	run: IRun;
	status: IRun['status'];
	/** The node's output items (empty when it failed). */
	items: INodeExecutionData[];
	/** The workflow's error, when the node stopped it. */
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
}

export interface RunOptions {
	parameters: INodeParameters;
	inputs?: InputItem[];
	credentials: IDataObject;
	onError?: INode['onError'];
	/** The node's Settings as n8n stores them on the node (Retry On Fail: retryOnFail, maxTries, waitBetweenTries). */
	settings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries' | 'alwaysOutputData'>;
	additionalData?: Record<string, unknown>;
	/** The AssemblyAI Webhook Header Auth API credential, for Webhook Authentication "Header Auth". */
	webhookAuth?: { name: string; secret: string };
	/**
	 * Run the node as n8n runs it as an AI Agent tool: its type name with "Tool" appended (see
	 * toolVariant), the tool call's arguments in the input item's JSON (where `$fromAI()` reads them).
	 */
	asTool?: boolean;
}

/**
 * The AI Agent tool n8n makes of a node (n8n's NodeTypes.getByNameAndVersion and
 * convertNodeToAiTool): the same node type with " Tool" / "Tool" appended to its names, which is what
 * '@tool' display options and the node's own tool detection test. Its inputs stay "main" here: the
 * Agent (v3) has n8n's engine run the tool node like any node, fed the tool call's arguments.
 */
export function toolVariant(nodeType: INodeType): INodeType {
	const description = Object.create(nodeType.description, {
		name: { value: `${nodeType.description.name}Tool` },
		displayName: { value: `${nodeType.description.displayName} Tool` },
	}) as INodeTypeDescription;
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}

export const NODE_NAME = 'AssemblyAI Highlights';

export function startNode(options: RunOptions) {
	const inputs = options.inputs ?? [{}];
	const nodes: INode[] = [
		{ id: 'source', name: 'Source', type: 'testSource', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'under-test',
			name: NODE_NAME,
			type: options.asTool ? 'assemblyAiHighlightsTool' : 'assemblyAiHighlights',
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: {
				assemblyAiHighlightsApi: { id: 'cred-1', name: 'AssemblyAI account' },
				...(options.webhookAuth ? { assemblyAiHighlightsWebhookAuthApi: { id: 'cred-2', name: 'AssemblyAI webhook header' } } : {}),
			},
			onError: options.onError,
			...options.settings,
		},
	];
	const { done, cancel, workflow, additionalData } = startWorkflow({
		nodes,
		connections: { Source: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: {
			testSource: sourceNodeType(inputs),
			assemblyAiHighlights: new AssemblyAiHighlights(),
			assemblyAiHighlightsTool: toolVariant(new AssemblyAiHighlights()),
		},
		credentialTypes: { assemblyAiHighlightsApi: new AssemblyAiHighlightsApi(), assemblyAiHighlightsWebhookAuthApi: new AssemblyAiHighlightsWebhookAuthApi() },
		credentials: {
			assemblyAiHighlightsApi: options.credentials as never,
			...(options.webhookAuth ? { assemblyAiHighlightsWebhookAuthApi: options.webhookAuth } : {}),
		},
		additionalData: options.additionalData,
	});
	const secrets = secretsOf(options);
	const loggedBefore = logged.length;
	const result = done.then((run) => checkedRun(run, secrets, loggedBefore));
	return { result, cancel, workflow, additionalData, secrets };
}

/**
 * The node's part of a run. Every run of every test is searched for the API key and the webhook
 * secret: the whole run as n8n stores it (results, errors with their node, the execution's copy of
 * the nodes and their parameters), and the log.
 */
export function checkedRun(run: IRun, secrets: string[], loggedBefore: number): NodeRun {
	const leaked = findSecrets({ run, logged: logged.slice(loggedBefore) }, secrets);
	if (leaked.length) throw new Error(`A secret leaked into the run's output, error or log: ${leaked.map((s) => s.slice(0, 3) + '…').join(', ')}`);
	const taskData = run.data.resultData.runData[NODE_NAME]?.at(-1);
	return {
		run,
		status: run.status,
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error as NodeRun['error'],
	};
}

export async function runNode(options: RunOptions): Promise<NodeRun> {
	return await startNode(options).result;
}

/** The secrets a run must never show: the API key, and the webhook header credential's value. */
function secretsOf(options: RunOptions): string[] {
	return [String(options.credentials.apiKey ?? ''), options.webhookAuth?.secret ?? ''].filter(Boolean);
}
