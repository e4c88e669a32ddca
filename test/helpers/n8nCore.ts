/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- test code runs in Node under jest, never inside n8n */
/**
 * Runs a workflow through real n8n-core: WorkflowExecute, the real node execution context and
 * helpers (httpRequestWithAuthentication over axios, binary data). The test supplies only what the
 * n8n server would: node-type lookup, credential storage and the expansion of generic auth.
 */
import type { Logger } from '@n8n/backend-common';
import type { Container as ContainerType } from '@n8n/di';
import path from 'path';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IHttpRequestOptions,
	INode,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, LoggerProxy, NodeHelpers, Workflow } from 'n8n-workflow';

/** Everything n8n logged during the tests, so a test can search it (for secrets, say). */
export const logged: string[] = [];
const keep = (level: string) => (message: string, meta?: object) =>
	logged.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
const keeper = { error: keep('error'), warn: keep('warn'), info: keep('info'), debug: keep('debug') };
LoggerProxy.init(keeper as never);
// A node's `this.logger` is the server's Logger from n8n's container (n8n-core's NodeExecutionContext):
// n8n-core's own copies of @n8n/di and @n8n/backend-common, which npm nests under it.
const fromCore = (id: string) => require(require.resolve(id, { paths: [path.dirname(require.resolve('n8n-core'))] })) as Record<string, unknown>;
const Container = fromCore('@n8n/di').Container as typeof ContainerType;
Container.set(fromCore('@n8n/backend-common').Logger as typeof Logger, { ...keeper, scoped: () => keeper } as unknown as Logger);

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(type: string) {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type ${type}`);
		return found;
	}
	getByNameAndVersion(type: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}
	getKnownTypes() {
		return {};
	}
}

/** Expands IAuthenticateGeneric the way the n8n server's CredentialsHelper does. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async preAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}
	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		return { ...(this.data[type] ?? {}) };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const auth = this.types[typeName]?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const resolve = (value: string) =>
			workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') as string;
		for (const [outerKey, outerValue] of Object.entries(auth.properties)) {
			const target = (((requestOptions as unknown as Record<string, Record<string, unknown>>)[outerKey]) ??= {});
			for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
				target[resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}
}

export interface WorkflowRun {
	run: IRun;
	/** The running execution: `cancel()` stops it the way n8n's Stop button does. */
	cancel: () => void;
}

let executions = 0;

export function startWorkflow(opts: {
	nodes: INode[];
	connections: IConnections;
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** What the test's "server" changes, e.g. webhookWaitingBaseUrl to where it listens. */
	additionalData?: Record<string, unknown>;
}): { done: Promise<IRun>; cancel: () => void; workflow: Workflow; additionalData: IWorkflowExecuteAdditionalData } {
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: opts.nodes,
		connections: opts.connections,
		nodeTypes: new TestNodeTypes(opts.nodeTypes),
		active: false,
		settings: { executionOrder: 'v1' },
	});
	// Every run is its own execution, as in n8n: the node remembers what it created per execution.
	const executionId = `test-execution-${++executions}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { id: 'test-workflow' } as IWorkflowBase);
	let finished!: (run: IRun) => void;
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

	const additionalData = {
		...baseAdditionalData(new TestCredentialsHelper(opts.credentialTypes, opts.credentials)),
		executionId,
		...opts.additionalData,
		hooks,
	} as unknown as IWorkflowExecuteAdditionalData;

	// getStartNode() finds only real triggers, so the stack starts with the first node.
	const start = workflow.getNode(opts.nodes[0].name)!;
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	return { done, cancel: () => execution.cancel(), workflow, additionalData };
}

/** What the n8n server hands every node context: URLs, credentials, and nothing the tests need beyond. */
export function baseAdditionalData(credentialsHelper: ICredentialsHelper) {
	return {
		credentialsHelper,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not supported');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not supported');
		},
	};
}
