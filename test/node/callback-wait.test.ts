/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * "Wait for AssemblyAI's Callback": the execution waits (n8n-core's putExecutionToWait), the
 * emulator calls the resume URL the way AssemblyAI calls webhooks, and test/helpers/waitingExecution
 * resumes it the way n8n's WaitingWebhooks does, from a JSON copy of the stored execution.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Emulator } from '../helpers/emulator';
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import type { RunOptions } from '../helpers/runNode';
import { NODE_NAME, runNode } from '../helpers/runNode';
import { startWaitingNode } from '../helpers/waitingExecution';
import { logged } from '../helpers/n8nCore';
import { findSecrets } from '../helpers/secrets';

const env = useEmulator({ queuedMs: 20, processingMs: 60 });

type WebhookEmulator = Emulator & {
	configureWebhooks(options: { retryMs?: number; timeoutMs?: number; delivery?: 'loopback' | 'off' }): void;
	webhookDeliveries(): Array<{ transcriptId: string; attempt: number; statusCode: number | null; url: string }>;
	webhooksSettled(): Promise<void>;
};
const emu = () => env.emu as WebhookEmulator;

// The emulator calls back from this machine, not from AssemblyAI's addresses (the IP Allowlist's default).
const CALLBACK = { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', waitMode: 'callback', ipAllowlist: '127.0.0.1' };
const urls = (...names: string[]) => names.map((name) => ({ json: { url: name.startsWith('http') ? name : `https://media.example.com/${name}.mp3`, name } }));
const pairs = (items: INodeExecutionData[]) => items.map((i) => (i.pairedItem as { item: number }).item);

/**
 * Item i's transcript takes `ms[i]` to process (after the clock's queued time; 0: done the moment it
 * is created), with two of its phrases renamed so outputs are told apart.
 */
function timedRecordings(ms: number[]) {
	ms.forEach((processingMs, i) =>
		emu().addScenario({
			match: (url) => url.endsWith(`/call-${i}.mp3`),
			mutate: (t) => {
				const result = t.auto_highlights_result as { results: Array<{ text: string }> };
				result.results = result.results.slice(0, 2).map((r) => ({ ...r, text: `call ${i}: ${r.text}` }));
			},
			processingMs,
			...(processingMs === 0 ? { queuedMs: 0 } : {}),
		}),
	);
}

async function waiting(options: Partial<RunOptions> & { parameters?: IDataObject; delivery?: 'loopback' | 'off'; retryMs?: number }) {
	emu().configureWebhooks({ retryMs: options.retryMs ?? 30, delivery: options.delivery ?? 'loopback' });
	return await startWaitingNode({
		credentials: env.credentials(),
		...options,
		parameters: { ...CALLBACK, ...options.parameters },
	});
}

/** AssemblyAI's call with the secret header the node asked it to send (the first transcript request's). */
const postJson = async (url: string, body: IDataObject, headers: Record<string, string> = secretHeader()) =>
	await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function secretHeader(): Record<string, string> {
	const sent = emu().createdParams()[0];
	return sent?.webhook_auth_header_name ? { [sent.webhook_auth_header_name as string]: sent.webhook_auth_header_value as string } : {};
}

/** Fails instead of waiting for the test's time-out when the execution never resumes. */
async function resumedWithin<T>(ms: number, finished: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the execution did not resume within ${ms} ms`)), ms)));
	try {
		return await Promise.race([finished, late]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Two recordings that both finish while AssemblyAI's calls are held back; `calls` then makes them by
 * hand, and the execution must come out with both items.
 */
async function withBothFinishedUncalled(
	calls: (ctx: { execution: Awaited<ReturnType<typeof waiting>>; first: string; last: string; call: (id: string) => Promise<Response> }) => Promise<void>,
) {
	timedRecordings([300, 500]);
	const execution = await waiting({ inputs: urls('call-0', 'call-1'), delivery: 'off' });
	try {
		expect(execution.first.status).toBe('waiting');
		await new Promise((resolve) => setTimeout(resolve, 700));
		const [first, last] = execution.first.items.map((i) => i.json.transcriptId as string);
		const url = emu().createdParams()[0].webhook_url as string;
		await calls({ execution, first, last, call: async (id) => await postJson(url, { transcript_id: id, status: 'completed' }) });
		const done = await execution.finished;
		expect(pairs(done.items)).toEqual([0, 1]);
	} finally {
		await execution.close();
	}
}

describe('Transcribe with Key Phrases, Wait for AssemblyAI\'s Callback', () => {
	test('the execution waits; callbacks in reverse order resume it once, with every item paired to its input', async () => {
		timedRecordings([1200, 900, 600]);
		const execution = await waiting({ inputs: urls('call-0', 'call-1', 'call-2') });
		try {
			expect(execution.first.status).toBe('waiting');
			expect(execution.first.run.waitTill).toBeInstanceOf(Date);
			const pending = execution.first.items;
			expect(pending.map((i) => i.json.status)).toEqual(['waitingForCallback', 'waitingForCallback', 'waitingForCallback']);
			expect(pairs(pending)).toEqual([0, 1, 2]);

			// The whole resume URL, its token included, went to AssemblyAI as webhook_url.
			const sent = emu().createdParams().map((p) => p.webhook_url as string);
			expect(new Set(sent).size).toBe(1);
			expect(sent[0]).toMatch(new RegExp(`^${execution.base}/webhook-waiting/test-execution-\\d+\\?signature=[\\w-]+$`));

			const done = await execution.finished;
			await emu().webhooksSettled();
			await execution.settled();
			expect(done.status).toBe('success');
			// One summary per recording: n8n pairs a resumed node's output to its input by position.
			expect(done.items.map((i) => [i.json.keyPhrases, (i.pairedItem as { item: number }).item])).toEqual([
				[['call 0: air quality alerts', 'call 0: wide ranging air quality consequences'], 0],
				[['call 1: air quality alerts', 'call 1: wide ranging air quality consequences'], 1],
				[['call 2: air quality alerts', 'call 2: wide ranging air quality consequences'], 2],
			]);
			expect(done.items.map((i) => i.json.transcriptId)).toEqual(pending.map((i) => i.json.transcriptId));
			expect(done.items[0].json.highlights).toHaveLength(2);
			expect(done.items[0].json).not.toHaveProperty('assemblyAiCallback');

			// Callbacks came for items 2, 1, 0: the first two were acknowledged, the last resumed.
			const ids = pending.map((i) => i.json.transcriptId as string);
			const deliveries = emu().webhookDeliveries();
			expect(deliveries.map((d) => ids.indexOf(d.transcriptId))).toEqual([2, 1, 0]);
			expect(deliveries.map((d) => d.statusCode)).toEqual([200, 200, 202]);
			expect(execution.calls.map((c) => Boolean(c.result?.workflowData))).toEqual([false, false, true]);
		} finally {
			await execution.close();
		}
	});

	test('raw output: each recording\'s transcript JSON', async () => {
		timedRecordings([600]);
		const execution = await waiting({ inputs: urls('call-0'), parameters: { output: 'raw' } });
		try {
			const done = await execution.finished;
			expect(done.items).toHaveLength(1);
			expect(done.items[0].json).toMatchObject({ status: 'completed', auto_highlights: true, webhook_url: expect.stringContaining('/webhook-waiting/') });
		} finally {
			await execution.close();
		}
	});

	test('many items: statuses come from the transcript list, and a transcript that fails is that item\'s error', async () => {
		timedRecordings([900, 600, 700, 0, 800, 650]);
		const inputs = urls('call-0', 'call-1', 'call-2', 'https://unreachable.example/lost.mp3', 'call-4', 'call-5');
		const execution = await waiting({ inputs });
		try {
			const done = await execution.finished;
			expect(done.status).toBe('success');
			expect(pairs(done.items)).toEqual([0, 1, 2, 3, 4, 5]);
			const failed = done.items.find((i) => (i.pairedItem as { item: number }).item === 3)!;
			expect(failed.json).toMatchObject({ transcriptId: expect.any(String), error: expect.stringMatching(/could not transcribe.*Download error/s) });
			const lists = env.emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/transcript?'));
			expect(lists.length).toBeGreaterThan(0);
		} finally {
			await execution.close();
		}
	});

	test('nothing lives in the memory of the process: the resume reads only the stored execution', async () => {
		timedRecordings([700, 600]);
		const execution = await waiting({ inputs: urls('call-0', 'call-1'), parameters: { output: 'summary', options: { topN: 1 } } });
		try {
			const done = await execution.finished;
			// A fresh node instance resumed a JSON copy of the execution, and still knew output and options.
			expect(done.items.map((i) => [i.json.keyPhrases, i.pairedItem])).toEqual([
				[['call 0: air quality alerts'], { item: 0 }],
				[['call 1: air quality alerts'], { item: 1 }],
			]);
		} finally {
			await execution.close();
		}
	});

	test('continue on fail: an item that fails before submission comes out as its error after the wait', async () => {
		timedRecordings([600]);
		const inputs = [...urls('call-0'), { json: { url: 'ftp://example.com/x.mp3' } }];
		const execution = await waiting({ inputs, onError: 'continueRegularOutput' });
		try {
			expect(execution.first.status).toBe('waiting');
			const done = await execution.finished;
			expect(pairs(done.items)).toEqual([0, 1]);
			expect(done.items[1].json.error).toMatch(/URL/);
			expect(done.items[1].json).not.toHaveProperty('assemblyAiCallback');
		} finally {
			await execution.close();
		}
	});

	test('continue using the error output: after the wait, the failed item leaves on the error output', async () => {
		timedRecordings([600]);
		const inputs = [...urls('call-0'), { json: { url: 'ftp://example.com/x.mp3' } }];
		const execution = await waiting({ inputs, onError: 'continueErrorOutput' });
		try {
			const done = await execution.finished;
			const [success, failed] = done.run.data.resultData.runData[NODE_NAME].at(-1)!.data!.main;
			expect(pairs(success!)).toEqual([0]);
			expect(pairs(failed!)).toEqual([1]);
			expect(failed![0].json.error).toMatchObject({ message: expect.stringMatching(/URL/) });
		} finally {
			await execution.close();
		}
	});

	test('calls that are not AssemblyAI\'s for this execution are refused and change nothing', async () => {
		timedRecordings([900]);
		const execution = await waiting({ inputs: urls('call-0') });
		try {
			const url = emu().createdParams()[0].webhook_url as string;
			const post = async (target: string, body: IDataObject) => (await postJson(target, body)).status;
			expect(await post(url.replace(/signature=[^&]+/, 'signature=forged'), { transcript_id: 'x', status: 'completed' })).toBe(401);
			expect(await post(url, { transcript_id: 'not-ours', status: 'completed' })).toBe(404);
			expect(await post(url, {})).toBe(404);
			expect(execution.state()).toBe('waiting');
			const done = await execution.finished;
			expect(done.items).toHaveLength(1);
			await emu().webhooksSettled();
			// Once the execution has moved on, a late call gets n8n's 409, and AssemblyAI stops there.
			expect(await post(url, { transcript_id: emu().createdParams().length ? [...env.emu.transcripts.keys()][0] : '', status: 'completed' })).toBe(409);
		} finally {
			await execution.close();
		}
	});

	test('a callback that comes before the execution waits gets n8n\'s 409; the last callback still brings every item', async () => {
		timedRecordings([0, 900]);
		const execution = await waiting({ inputs: urls('call-0', 'call-1') });
		try {
			const done = await execution.finished;
			await emu().webhooksSettled();
			expect(pairs(done.items)).toEqual([0, 1]);
			expect(done.items.map((i) => (i.json.keyPhrases as string[])[0])).toEqual(['call 0: air quality alerts', 'call 1: air quality alerts']);
			const codes = emu().webhookDeliveries().map((d) => d.statusCode);
			expect(codes).toEqual([409, 202]);
		} finally {
			await execution.close();
		}
	});

	test('two callbacks that both find everything finished: only the one for the last transcript resumes', async () => {
		await withBothFinishedUncalled(async ({ execution, first, last, call }) => {
			// Call 0 comes late, when both are finished: call 1 (the last to finish) is the one that resumes.
			expect(await (await call(first)).json()).toEqual({ received: true, resumedBy: last });
			expect(execution.state()).toBe('waiting');
			expect(await (await call(last)).json()).toEqual({ received: true, resuming: true });
		});
	});

	test('if the call for the last transcript came while others still ran (answered 200), a later call resumes', async () => {
		await withBothFinishedUncalled(async ({ first, last, call }) => {
			(env.emu.transcripts.get(last) as IDataObject).webhookStatusCode = 200;
			expect((await call(first)).status).toBe(202);
		});
	});

	test('if AssemblyAI\'s call for the last transcript was refused, another call resumes instead', async () => {
		await withBothFinishedUncalled(async ({ first, last, call }) => {
			(env.emu.transcripts.get(last) as IDataObject).webhookStatusCode = 409;
			expect(await (await call(first)).json()).toEqual({ received: true, resuming: true });
		});
	});

	test('a callback while a transcript still runs is acknowledged and the execution keeps waiting', async () => {
		timedRecordings([500, 1800]);
		const execution = await waiting({ inputs: urls('call-0', 'call-1') });
		try {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect(execution.state()).toBe('waiting');
			expect(execution.calls).toHaveLength(1);
			expect(execution.calls[0].status).toBe(200);
			expect(execution.calls[0].result?.workflowData).toBeUndefined();
			const done = await execution.finished;
			expect(pairs(done.items)).toEqual([0, 1]);
		} finally {
			await execution.close();
		}
	});

	test('Max Wait passes first: n8n continues with one item per recording that names its transcript', async () => {
		timedRecordings([5_000]);
		const execution = await waiting({ inputs: urls('call-0'), parameters: { options: { maxWaitMinutes: 1 } } });
		try {
			expect(execution.first.run.waitTill!.getTime() - Date.now()).toBeGreaterThan(55_000);
			const timedOut = await execution.expire();
			expect(timedOut.status).toBe('success');
			expect(timedOut.items).toHaveLength(1);
			const id = emu().createdParams().length ? [...env.emu.transcripts.keys()][0] : '';
			expect(timedOut.items[0].pairedItem).toEqual({ item: 0 });
			expect(timedOut.items[0].json).toMatchObject({
				transcriptId: id,
				error: expect.stringContaining(`after 1 minute(s) (Max Wait): transcript ${id}`),
				errorDescription: expect.stringContaining('Get Highlights'),
			});
			expect(JSON.stringify(timedOut.items)).not.toContain('assemblyAiCallback');
		} finally {
			await execution.close();
		}
	});

	test('Max Wait under On Error "Continue (using error output)": no internal state, and every unfinished or failed item on the error output, as on a resume', async () => {
		timedRecordings([5_000]);
		const inputs = [...urls('call-0'), { json: { url: 'ftp://example.com/x.mp3' } }];
		const execution = await waiting({ inputs, onError: 'continueErrorOutput', parameters: { options: { maxWaitMinutes: 1 } } });
		try {
			expect(execution.first.status).toBe('waiting');
			const timedOut = await execution.expire();
			const id = [...env.emu.transcripts.keys()][0];
			const [success, failed] = timedOut.run.data.resultData.runData[NODE_NAME].at(-1)!.data!.main;
			expect(success ?? []).toEqual([]);
			expect(pairs(failed!)).toEqual([0, 1]);
			expect(failed![0].json.error).toMatchObject({ message: expect.stringContaining(`(Max Wait): transcript ${id}`), transcriptId: id });
			expect(failed![1].json.error).toMatchObject({ message: expect.stringMatching(/URL/) });
			expect(JSON.stringify([success, failed])).not.toContain('assemblyAiCallback');
		} finally {
			await execution.close();
		}
	});

	test('two recordings that finish together while AssemblyAI\'s list still shows them running: the calls are answered 503 until the list catches up, and exactly one resumes', async () => {
		timedRecordings([400, 400]);
		// The list shows each transcript's status as it was 1.5 s ago; AssemblyAI calls again 0.5 s after a 5xx.
		emu().setListLag(1500);
		const execution = await waiting({ inputs: urls('call-0', 'call-1'), retryMs: 500 });
		try {
			expect(execution.first.status).toBe('waiting');
			const done = await resumedWithin(10_000, execution.finished);
			await emu().webhooksSettled();
			await execution.settled();
			expect(pairs(done.items)).toEqual([0, 1]);
			const codes = emu().webhookDeliveries().map((d) => d.statusCode);
			expect(codes).toContain(503);
			expect(codes.filter((code) => code === 202)).toHaveLength(1);
			expect(execution.calls.filter((c) => c.result?.workflowData)).toHaveLength(1);
		} finally {
			await execution.close();
		}
	});

	test('the resume URL is protected by a secret of its own: a call without it or with a wrong one gets 401 and is logged, with it the execution resumes; the secret is never in output or logs', async () => {
		const loggedBefore = logged.length;
		await withBothFinishedUncalled(async ({ execution, last }) => {
			const sent = emu().createdParams();
			const name = sent[0].webhook_auth_header_name as string;
			const secret = sent[0].webhook_auth_header_value as string;
			expect(name).toMatch(/^X-[\w-]+$/);
			expect(secret.length).toBeGreaterThanOrEqual(32);
			// The same secret for every transcript of the execution.
			expect(sent.map((p) => [p.webhook_auth_header_name, p.webhook_auth_header_value])).toEqual([
				[name, secret],
				[name, secret],
			]);
			const url = sent[0].webhook_url as string;
			const body = { transcript_id: last, status: 'completed' };
			expect((await postJson(url, body, {})).status).toBe(401);
			expect((await postJson(url, body, { [name]: `${secret.slice(0, -1)}x` })).status).toBe(401);
			expect(execution.state()).toBe('waiting');
			const refusals = logged.slice(loggedBefore).filter((line) => line.startsWith('error'));
			expect(refusals).toHaveLength(2);
			expect(refusals[0]).toMatch(new RegExp(`refused a callback from 127\\.0\\.0\\.1.*without ${name}`));
			expect(refusals[1]).toMatch(/wrong/);
			expect((await postJson(url, body, { [name]: secret })).status).toBe(202);
			const done = await execution.finished;
			expect(findSecrets({ run: done.run, items: done.items, logged: logged.slice(loggedBefore), calls: execution.calls }, [secret])).toEqual([]);
			expect(findSecrets(execution.first.run, [secret])).toEqual([]);
		});
	});

	test('a Webhook URL left under Transcript Options from another mode is hidden there and not sent', async () => {
		const execution = await waiting({ inputs: urls('call-0'), parameters: { transcriptOptions: { webhookUrl: 'https://hooks.example.com/x' } } });
		try {
			expect(emu().createdParams()[0]).toMatchObject({ webhook_url: expect.stringContaining(`${execution.base}/webhook-waiting/`) });
			// Only the execution's own secret header goes with it.
			expect(emu().createdParams()[0]).toMatchObject({ webhook_auth_header_name: 'X-AssemblyAI-Highlights-Secret' });
			await execution.finished;
		} finally {
			await execution.close();
		}
	});

	test('transcripts that finish before the execution could wait are read at once, with no wait', async () => {
		env.emu.setClock({ queuedMs: 0, processingMs: 0 });
		const execution = await waiting({ inputs: urls(WILDFIRES_URL) });
		try {
			expect(execution.first.status).toBe('success');
			expect(execution.first.items).toHaveLength(1);
			expect(execution.first.items[0].json.keyPhrases).toHaveLength(15);
		} finally {
			await execution.close();
		}
	});
});

describe('Wait for AssemblyAI\'s Callback refuses what cannot work, before anything is sent', () => {
	test('a real AssemblyAI region and a resume URL on this machine: AssemblyAI could never call back', async () => {
		const result = await runNode({
			parameters: { ...CALLBACK, audioUrl: WILDFIRES_URL },
			credentials: { ...env.credentials(), region: 'us' },
		});
		expect(result.error?.message).toMatch(/AssemblyAI cannot call back http:\/\/localhost:5678/);
		expect(result.error?.description).toMatch(/WEBHOOK_URL/);
		expect(env.emu.requests).toHaveLength(0);
	});


	test('an output of several items per recording', async () => {
		const result = await runNode({ parameters: { ...CALLBACK, audioUrl: WILDFIRES_URL, output: 'keyPhrases' }, credentials: env.credentials() });
		expect(result.error?.message).toMatch(/Output "keyPhrases" gives several items per recording/);
		expect(result.error?.description).toMatch(/Split Out/);
		expect(env.emu.createdCount()).toBe(0);
	});

	test('Wait for Result differing between items', async () => {
		const result = await runNode({
			parameters: { ...CALLBACK, waitMode: '={{ $json.mode }}' },
			inputs: [{ json: { url: WILDFIRES_URL, mode: 'callback' } }, { json: { url: WILDFIRES_URL, mode: 'poll' } }],
			credentials: env.credentials(),
		});
		expect(result.error?.message).toMatch(/Wait for Result differs between items/);
		expect(env.emu.createdCount()).toBe(0);
	});
});
