/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * Wait for AssemblyAI's Callback with many recordings: what n8n stores while the execution waits
 * grows linearly with the batch, and a callback costs a bounded number of requests to AssemblyAI,
 * whatever the batch size. Counted from the emulator's request log and the stored execution, not timed.
 */
import type { IDataObject } from 'n8n-workflow';
import { useEmulator } from '../helpers/emulator';
import type { Emulator } from '../helpers/emulator';
import { startWaitingNode } from '../helpers/waitingExecution';

const env = useEmulator({ queuedMs: 0, processingMs: 0 });
type WebhookEmulator = Emulator & { configureWebhooks(options: { delivery?: 'loopback' | 'off' }): void };

const recordings = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { url: `https://media.example.com/call-${i}.mp3` } }));
const lists = (from: number) => env.emu.requests.slice(from).filter((r) => r.method === 'GET' && r.path.startsWith('/v2/transcript?'));
const gets = (from: number) => env.emu.requests.slice(from).filter((r) => r.method === 'GET' && /^\/v2\/transcript\/[^/?]+$/.test(r.path));

/** n recordings; the one of item `slowItem` takes `slowMs`, the others finish at once. AssemblyAI's calls are held back. */
async function waitingBatch(n: number, slowItem: number, slowMs: number) {
	(env.emu as WebhookEmulator).configureWebhooks({ delivery: 'off' });
	env.emu.addScenario({ match: (url) => url.endsWith(`/call-${slowItem}.mp3`), queuedMs: 0, processingMs: slowMs });
	const execution = await startWaitingNode({
		credentials: env.credentials(),
		inputs: recordings(n),
		// The emulator calls back from this machine, not from AssemblyAI's addresses (the IP Allowlist's default).
		parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', waitMode: 'callback', ipAllowlist: '127.0.0.1' },
	});
	expect(execution.first.status).toBe('waiting');
	const ids = execution.first.items.map((i) => i.json.transcriptId as string);
	const sent = env.emu.createdParams()[0];
	const url = sent.webhook_url as string;
	// As AssemblyAI calls: with the execution's own secret header.
	const headers = { 'content-type': 'application/json', [sent.webhook_auth_header_name as string]: sent.webhook_auth_header_value as string };
	const call = async (id: string) => {
		const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ transcript_id: id, status: 'completed' }) });
		return { status: response.status, body: (await response.json()) as IDataObject };
	};
	return { execution, ids, call };
}

const finishNow = (id: string) => env.emu.finishAt(id, Date.now());

describe('Wait for AssemblyAI\'s Callback scales linearly with the batch', () => {
	test('the stored execution holds at most 2 KiB per recording, for 10 and for 1,000 recordings alike; each waiting item names only its own transcript', async () => {
		const perRecording: number[] = [];
		const mentionsOfOne: number[] = [];
		for (const n of [10, 1000]) {
			env.emu.reset();
			const { execution, ids } = await waitingBatch(n, n - 1, 120_000);
			try {
				perRecording.push(execution.storedBytes() / n);
				mentionsOfOne.push(JSON.stringify(execution.first.run.data).split(ids[1]).length - 1);
			} finally {
				await execution.close();
			}
		}
		expect(perRecording[1]).toBeLessThanOrEqual(2048);
		expect(perRecording[1]).toBeLessThanOrEqual(perRecording[0] * 1.1);
		// A transcript's ID is stored with its own item only (ID, texts, state, shown output), not with every item.
		expect(mentionsOfOne[1]).toBe(mentionsOfOne[0]);
	});

	test('while another transcript still runs, a callback costs two requests (one list page, and the running transcript\'s own GET, since the list may lag), for 10 recordings as for 1,000', async () => {
		const requestsPerCall: number[] = [];
		for (const n of [10, 1000]) {
			env.emu.reset();
			const { execution, ids, call } = await waitingBatch(n, n - 1, 120_000);
			try {
				const calls = Math.min(n - 1, 100);
				const before = env.emu.requests.length;
				const answers = await Promise.all(ids.slice(0, calls).map(call));
				requestsPerCall.push((env.emu.requests.length - before) / calls);
				expect(answers.map((a) => a.status)).toEqual(Array(calls).fill(200));
				expect(answers.map((a) => a.body.received)).toEqual(Array(calls).fill(true));
				expect(execution.state()).toBe('waiting');
			} finally {
				await execution.close();
			}
		}
		expect(requestsPerCall).toEqual([2, 2]);
	});

	test('once all are finished, a call reads the whole list once: one request per 200 recordings, plus the last transcript\'s own lookup', async () => {
		const n = 450;
		const { execution, ids, call } = await waitingBatch(n, 7, 120_000);
		try {
			finishNow(ids[7]);
			const before = env.emu.requests.length;
			// Not the last to finish, and the call for the last one has not come: it will resume, not this one.
			expect(await call(ids[0])).toEqual({ status: 200, body: { received: true, resumedBy: ids[7] } });
			// The processing page, the whole list (3 pages), and the last transcript (whose call is still to come).
			expect(lists(before)).toHaveLength(1 + Math.ceil(n / 200));
			expect(gets(before).map((r) => r.path)).toEqual([`/v2/transcript/${ids[7]}`]);
			expect(execution.state()).toBe('waiting');
		} finally {
			await execution.close();
		}
	});

	test('every call at the same moment, all finished: exactly one resumes (202), the others are answered 200, and each transcript is fetched once', async () => {
		const n = 20;
		const { execution, ids, call } = await waitingBatch(n, 0, 120_000);
		try {
			finishNow(ids[0]);
			const before = env.emu.requests.length;
			const answers = await Promise.all(ids.map(call));
			const done = await execution.finished;
			expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
			expect(answers.filter((a) => a.status === 200)).toHaveLength(n - 1);
			expect(execution.calls.filter((c) => c.result?.workflowData)).toHaveLength(1);
			expect(done.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([...Array(n).keys()]);
			expect(done.items.map((i) => i.json.transcriptId)).toEqual(ids);
			// Each call: the processing page and the whole list (one page); the resume: each transcript once,
			// the last one (read by the others to see whether its call came) one more time per other call.
			expect(lists(before)).toHaveLength(2 * n);
			const fetchedOnce = new Set(gets(before).map((r) => r.path));
			expect(fetchedOnce.size).toBe(n);
		} finally {
			await execution.close();
		}
	});
});

describe('a callback that cannot decide answers non-2xx, so AssemblyAI calls again', () => {
	test('AssemblyAI refusing the list: 503 at once', async () => {
		const { execution, ids, call } = await waitingBatch(3, 2, 120_000);
		try {
			env.emu.onRequest((ctx) => (ctx.method === 'GET' && ctx.path.startsWith('/v2/transcript?') ? { status: 400, json: { error: 'Bad request' } } : undefined));
			expect((await call(ids[0])).status).toBe(503);
			expect(execution.state()).toBe('waiting');
		} finally {
			await execution.close();
		}
	});

	test('AssemblyAI too slow to answer: 503 before AssemblyAI\'s 10 s are up', async () => {
		const { execution, ids, call } = await waitingBatch(3, 2, 120_000);
		try {
			env.emu.setFaults([{ route: 'list', kind: 'slow', delayMs: 9000 }]);
			const answer = await call(ids[0]);
			expect(answer.status).toBe(503);
			expect(answer.body.error).toMatch(/did not answer within 8 s/);
			expect(execution.state()).toBe('waiting');
			await new Promise((resolve) => setTimeout(resolve, 1500)); // the late answer arrives, unheard
		} finally {
			env.emu.clearFaults();
			await execution.close();
		}
	});

	test('a call for the only transcript still running (AssemblyAI\'s list not yet showing it finished): 503', async () => {
		const { execution, ids, call } = await waitingBatch(3, 2, 120_000);
		try {
			const answer = await call(ids[2]);
			expect(answer.status).toBe(503);
			expect(answer.body.error).toMatch(/does not list transcript .* as finished yet/);
			expect(execution.state()).toBe('waiting');
		} finally {
			await execution.close();
		}
	});
});
