/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node under jest, never inside n8n */
/**
 * Serves a trigger node's webhook the way n8n's webhook server does: a real HTTP server, the body
 * parsed as JSON, the caller's address as n8n's express computes it, and a real n8n-core
 * WebhookContext around the request and response for webhook().
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeParameters, INodeType, IWebhookData, IWebhookResponseData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlightsWebhookAuthApi } from '../../credentials/AssemblyAiHighlightsWebhookAuthApi.credentials';
import { setClientAddress } from './clientAddress';
import { baseAdditionalData, TestCredentialsHelper, TestNodeTypes } from './n8nCore';
import { findSecrets } from './secrets';

export interface WebhookCall {
	status: number;
	result?: IWebhookResponseData;
	error?: Error;
}

export interface TriggerOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: IDataObject;
	/** The AssemblyAI Webhook Header Auth API credential, for Authentication "Header Auth". */
	webhookAuth?: { name: string; secret: string };
	/** n8n's N8N_PROXY_HOPS: how the request object's ip and ips are computed (0: the socket's address). */
	proxyHops?: number;
}

export async function serveTrigger(options: TriggerOptions) {
	const node: INode = {
		id: 'trigger',
		name: 'AssemblyAI Highlights Trigger',
		type: 'assemblyAiHighlightsTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: {
			assemblyAiHighlightsApi: { id: 'cred-1', name: 'AssemblyAI account' },
			...(options.webhookAuth ? { assemblyAiHighlightsWebhookAuthApi: { id: 'cred-2', name: 'AssemblyAI webhook header' } } : {}),
		},
		webhookId: 'webhook-1',
	};
	const workflow = new Workflow({
		id: 'trigger-workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new TestNodeTypes({ assemblyAiHighlightsTrigger: options.nodeType }),
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new TestCredentialsHelper(
		{ assemblyAiHighlightsApi: new AssemblyAiHighlightsApi(), assemblyAiHighlightsWebhookAuthApi: new AssemblyAiHighlightsWebhookAuthApi() },
		{
			assemblyAiHighlightsApi: options.credentials as never,
			...(options.webhookAuth ? { assemblyAiHighlightsWebhookAuthApi: options.webhookAuth } : {}),
		},
	);
	const calls: WebhookCall[] = [];
	const secrets = [String(options.credentials.apiKey ?? ''), options.webhookAuth?.secret ?? ''].filter((s) => s.length >= 6);
	const pending = new Set<Promise<void>>();

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			(req as unknown as { body: unknown }).body = text ? JSON.parse(text) : {};
			setClientAddress(req, options.proxyHops ?? 0);
			const additionalData = { ...baseAdditionalData(credentialsHelper), httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
			const webhookData = { httpMethod: 'POST', node: node.name, path: 'assemblyai', webhookDescription: options.nodeType.description.webhooks![0], workflowId: workflow.id } as unknown as IWebhookData;
			const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
			const call: WebhookCall = { status: 0 };
			calls.push(call);
			const done = options.nodeType
				.webhook!.call(context)
				.then((result) => {
					call.result = result;
					if (!res.writableEnded) res.writeHead(200).end();
				})
				.catch((error: Error) => {
					call.error = error;
					if (!res.writableEnded) res.writeHead(500).end();
				})
				.finally(() => {
					call.status = res.statusCode;
					const leaked = findSecrets(call, secrets);
					if (leaked.length) call.error = new Error('A secret leaked into the output of the trigger');
					pending.delete(done);
				});
			pending.add(done);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/assemblyai`,
		calls,
		/** Waits until every webhook() call so far has returned. */
		async settled() {
			while (pending.size) await Promise.all([...pending]);
		},
		async close() {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
