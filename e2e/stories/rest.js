'use strict';
// What the stories do in n8n's REST API as the owner (as the editor does): activate and deactivate a
// workflow, run one as "Execute workflow" does, and read executions and their run data.
const path = require('path');

const FINAL = ['success', 'error', 'crashed', 'canceled'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{rest: (method: string, p: string, body?: any) => Promise<any>}} srv from lib/server.js
 * @param {string} installDir the n8n install (its `flatted` reads stored run data)
 */
function restClient(srv, installDir) {
	const flatted = require(path.join(installDir, 'node_modules', 'flatted'));
	const api = {
		async executions(workflowId) {
			const q = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await srv.rest('GET', `/rest/executions?filter=${q}&limit=100`)).results;
		},
		/** The run data (IRunExecutionData) of an execution. */
		async executionData(id) {
			const e = await srv.rest('GET', `/rest/executions/${id}`);
			return typeof e.data === 'string' ? flatted.parse(e.data) : e.data;
		},
		/** Items a node output in its last run of an execution. */
		async nodeOutput(id, nodeName, output = 0) {
			const data = await api.executionData(id);
			const runs = data?.resultData?.runData?.[nodeName];
			if (!runs || runs.length === 0) return undefined;
			return runs[runs.length - 1].data?.main?.[output] ?? [];
		},
		async waitFor(what, fn, { timeoutMs = 60_000, intervalMs = 300 } = {}) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const v = await fn();
				if (v !== undefined && v !== false) return v;
				if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
				await sleep(intervalMs);
			}
		},
		/** The execution once it is finished (success, error, …). */
		async finished(workflowId, executionId, timeoutMs = 90_000) {
			return api.waitFor(`execution ${executionId} to finish`, async () => {
				const e = (await api.executions(workflowId)).find((x) => String(x.id) === String(executionId));
				return e && FINAL.includes(e.status) ? e : undefined;
			}, { timeoutMs });
		},
		/** Activates like the editor's Active toggle (POST /rest/workflows/:id/activate with the current versionId). */
		async activate(id) {
			const wf = await srv.rest('GET', `/rest/workflows/${id}`);
			const r = await srv.rest('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
			if (r.active !== true) throw new Error(`${id} is not active after POST /activate: ${JSON.stringify(r).slice(0, 300)}`);
		},
		/**
		 * Resolves once n8n serves the production webhook at /webhook/<path>: n8n 2.x registers an
		 * activated workflow's triggers a moment after answering the activation. A CORS preflight
		 * names the webhook's methods when it is registered and is refused (404) before.
		 */
		async webhookReady(webhookPath) {
			return api.waitFor(`/webhook/${webhookPath} to be registered`, async () => {
				const r = await fetch(`${srv.base}/webhook/${webhookPath}`, {
					method: 'OPTIONS',
					headers: { origin: srv.base, 'access-control-request-method': 'POST' },
					signal: AbortSignal.timeout(10_000),
				});
				return r.status < 300 && (r.headers.get('access-control-allow-methods') || '').includes('POST');
			}, { timeoutMs: 60_000, intervalMs: 250 });
		},
		async deactivate(id) {
			await srv.rest('POST', `/rest/workflows/${id}/deactivate`, {});
		},
		/**
		 * Executions → Retry (with the workflow saved in the execution): n8n runs it again from the node
		 * that failed, with the other nodes' saved output. Resolves once the retry has finished (n8n
		 * answers then) with the new execution's summary.
		 */
		async retry(workflowId, executionId) {
			const before = new Set((await api.executions(workflowId)).map((e) => String(e.id)));
			await srv.rest('POST', `/rest/executions/${executionId}/retry`, { loadWorkflow: false });
			const retried = await api.waitFor(`the retry of execution ${executionId}`, async () =>
				(await api.executions(workflowId)).find((e) => !before.has(String(e.id))),
			);
			return await api.finished(workflowId, retried.id);
		},
		/** What "Execute workflow" in the editor does; returns the execution ID. */
		async runManually(id, triggerName) {
			const workflowData = await srv.rest('GET', `/rest/workflows/${id}`);
			// n8n 1.x reads the workflow from the body, 2.x from its database (and ignores workflowData).
			const r = await srv.rest('POST', `/rest/workflows/${id}/run`, { workflowData, triggerToStartFrom: { name: triggerName } });
			if (!r || !r.executionId) throw new Error(`POST /rest/workflows/${id}/run: ${JSON.stringify(r).slice(0, 300)}`);
			return String(r.executionId);
		},
	};
	return api;
}

module.exports = { restClient, FINAL };
