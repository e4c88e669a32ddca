/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node under jest, never inside n8n */
/**
 * Runs the node until its execution waits, then serves the execution's resume URL the way n8n's
 * WaitingWebhooks does (packages/cli/src/webhooks/waiting-webhooks.ts, 2.41): the stored execution
 * is read back from "the database" (a JSON copy), the resume token checked, the waiting node
 * disabled and its pre-wait run dropped, the node's webhook() called in a real n8n-core
 * WebhookContext; if it returns workflowData, that becomes the node's output and WorkflowExecute
 * runs the rest of the workflow. A call while the execution runs or after it finished gets 409.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { WebhookContext, WorkflowExecute } from 'n8n-core';
import type { IRun, IRunExecutionData, IWebhookData, IWebhookResponseData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { setClientAddress } from './clientAddress';
import { logged } from './n8nCore';
import type { NodeRun, RunOptions } from './runNode';
import { checkedRun, NODE_NAME, startNode } from './runNode';
import { findSecrets } from './secrets';

export interface CallbackCall {
	status: number;
	body: string;
	result?: IWebhookResponseData;
	error?: Error;
}

export async function startWaitingNode(options: RunOptions) {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const loggedBefore = logged.length;
	const started = startNode({ ...options, additionalData: { webhookWaitingBaseUrl: `${base}/webhook-waiting` } });
	const nodeType = new AssemblyAiHighlights();

	let state: 'running' | 'waiting' | 'finished' = 'running';
	let stored: string | undefined;
	let resumed: ((run: NodeRun) => void) | undefined;
	let resumeFailed: ((error: Error) => void) | undefined;
	const finished = new Promise<NodeRun>((resolve, reject) => ((resumed = resolve), (resumeFailed = reject)));
	const calls: CallbackCall[] = [];
	const pending = new Set<Promise<void>>();

	server.on('request', (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const call: CallbackCall = { status: 0, body: '' };
			calls.push(call);
			const done = handle(req, res, Buffer.concat(chunks).toString('utf8'), call)
				.catch((error: Error) => {
					call.error = error;
					if (!res.headersSent) res.writeHead(500).end(error.message);
				})
				.finally(() => {
					call.status = res.statusCode;
					pending.delete(done);
				});
			pending.add(done);
		});
	});

	// Calls that come before the execution is stored as waiting get n8n's 409, as in n8n.
	const first = await started.result;
	if (first.status === 'waiting') {
		state = 'waiting';
		stored = JSON.stringify(first.run.data);
	} else {
		state = 'finished';
		resumed!(first);
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse, text: string, call: CallbackCall) {
		const url = new URL(req.url ?? '/', base);
		if (!url.pathname.startsWith('/webhook-waiting/test-execution')) return void res.writeHead(404).end();
		if (state !== 'waiting' || !stored) return void res.writeHead(409).end(`{"message":"The execution is ${state}"}`);
		const data = JSON.parse(stored) as IRunExecutionData;
		if (url.searchParams.get('signature') !== data.resumeToken) return void res.writeHead(401).end('{"error":"Invalid token"}');

		const entry = data.executionData!.nodeExecutionStack[0];
		entry.node.disabled = true;
		data.waitTill = undefined;
		data.resultData.runData[data.resultData.lastNodeExecuted!].pop();
		(req as unknown as { body: unknown }).body = text ? JSON.parse(text) : {};
		setClientAddress(req, 0);
		const additionalData = { ...started.additionalData, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = { httpMethod: 'POST', node: NODE_NAME, path: '', webhookDescription: nodeType.description.webhooks![0], workflowId: started.workflow.id } as unknown as IWebhookData;
		const context = new WebhookContext(started.workflow, started.workflow.getNode(NODE_NAME)!, additionalData, 'webhook', webhookData, [], data);
		const result = await nodeType.webhook.call(context);
		call.result = result;
		const leaked = findSecrets(result, started.secrets);
		if (leaked.length) throw new Error('A secret leaked into the callback result');
		if (!result.noWebhookResponse && !res.writableEnded) res.writeHead(200).end();
		if (!result.workflowData) return;

		state = 'running';
		entry.data.main = result.workflowData;
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
		const run: IRun = await new WorkflowExecute(started.additionalData, 'webhook', data).processRunExecutionData(started.workflow);
		state = 'finished';
		try {
			resumed!(checkedRun(run, started.secrets, loggedBefore));
		} catch (error) {
			resumeFailed!(error as Error);
		}
	}

	/** What n8n's WaitTracker does when waitTill passes: run the stored execution on, the waiting node disabled. */
	async function expire(): Promise<NodeRun> {
		if (state !== 'waiting' || !stored) throw new Error(`the execution is ${state}`);
		state = 'running';
		const data = JSON.parse(stored) as IRunExecutionData;
		const run: IRun = await new WorkflowExecute(started.additionalData, 'manual', data).processRunExecutionData(started.workflow);
		state = 'finished';
		return checkedRun(run, started.secrets, loggedBefore);
	}

	return {
		expire,
		/** How the first run ended: waiting (its items are the pre-wait output) or finished. */
		first,
		/** The run after the resume (or the first run, if it did not wait). */
		finished,
		calls,
		state: () => state,
		/** The size of the execution as stored while it waits (what n8n reads again for every call). */
		storedBytes: () => Buffer.byteLength(stored ?? ''),
		/** The resume URL's origin; the node sends AssemblyAI the whole URL. */
		base,
		async settled() {
			while (pending.size) await Promise.all([...pending]);
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
