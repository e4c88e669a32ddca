/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * When a transcript with a webhook_url reaches completed or error, the emulator POSTs
 * {"transcript_id", "status"} to it the way AssemblyAI does (API-NOTES §8): with the custom auth header, to the URL
 * exactly as given, retrying non-2xx answers (4xx is final) up to 10 attempts, with a deadline per attempt, and
 * storing the last status in webhook_status_code. Nobody needs to poll for it, and close() cancels all of it.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { call, manualClock, startEmulator, type Emulator } from './support/emulator';

const WILDFIRES = 'https://assembly.ai/wildfires.mp3';

interface Hit {
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}

/** A webhook receiver on 127.0.0.1 answering each POST with the next planned status (then `fallback`); 'hang' never answers. */
async function startReceiver(plan: Array<number | 'hang'> = [], fallback = 200) {
	const hits: Hit[] = [];
	const hung: http.ServerResponse[] = [];
	const closedWhileHanging: string[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			hits.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
			const answer = plan.shift() ?? fallback;
			if (answer === 'hang') {
				hung.push(res);
				res.on('close', () => closedWhileHanging.push(req.url ?? ''));
				return;
			}
			res.writeHead(answer, { 'content-type': 'text/plain' }).end(`answer ${answer}`);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		hits,
		closedWhileHanging,
		close: () =>
			new Promise<void>((resolve) => {
				for (const res of hung) res.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Webhooks are delivered on completion, retried and recorded like AssemblyAI does', () => {
	let emu: Emulator;
	let rcv: Receiver | undefined;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 30, processingMs: 30, webhookRetryMs: 30, webhookTimeoutMs: 2000 });
	});
	afterAll(() => emu.close());
	beforeEach(() => {
		emu.reset();
		emu.configureWebhooks({ retryMs: 30, timeoutMs: 2000, maxAttempts: 10, delivery: 'loopback' });
	});
	afterEach(async () => {
		await rcv?.close();
		rcv = undefined;
	});

	const create = async (body: Record<string, unknown>) => {
		const answer = await call(emu, 'POST', '/v2/transcript', { body });
		expect(answer.status).toBe(200);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
		return answer.json as Record<string, any>;
	};
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
	const get = async (id: string) => (await call(emu, 'GET', `/v2/transcript/${id}`)).json as Record<string, any>;

	it('completed: one POST, without polling, with the custom header, to the URL exactly as given (query kept)', async () => {
		rcv = await startReceiver();
		// n8n 2.x resume URLs carry ?signature=...; characters the WHATWG URL parser would re-encode (') stay as given
		const hookUrl = `${rcv.url}/webhook-waiting/42?signature=a%2Fb%2Bc%3D%3D&note=it's`;
		// Before the create: its clock starts there, and a busy machine may answer the create late.
		const postedAt = Date.now();
		const created = await create({
			audio_url: WILDFIRES,
			webhook_url: hookUrl,
			webhook_auth_header_name: 'X-Webhook-Secret',
			webhook_auth_header_value: 's3cret',
		});
		expect(created.webhook_status_code).toBeNull();
		await emu.webhooksSettled();

		expect(rcv.hits).toHaveLength(1);
		const [hit] = rcv.hits;
		expect(hit.url).toBe("/webhook-waiting/42?signature=a%2Fb%2Bc%3D%3D&note=it's");
		expect(hit.headers['x-webhook-secret']).toBe('s3cret');
		expect(hit.headers['content-type']).toBe('application/json');
		expect(JSON.parse(hit.body)).toEqual({ transcript_id: created.id, status: 'completed' });
		expect(hit.at - postedAt).toBeGreaterThanOrEqual(50); // queued 30 + processing 30, give or take a few ms

		const deliveries = emu.webhookDeliveries();
		expect(deliveries).toEqual([
			{
				transcriptId: created.id,
				url: hookUrl,
				attempt: 1,
				statusCode: 200,
				answer: 'answer 200',
				headers: { 'content-type': 'application/json', 'content-length': String(hit.body.length), 'X-Webhook-Secret': 's3cret' },
				body: { transcript_id: created.id, status: 'completed' },
				at: expect.any(Number),
				durationMs: expect.any(Number),
				outcome: 'delivered',
			},
		]);
		const view = await get(created.id);
		expect(view).toMatchObject({ status: 'completed', webhook_url: hookUrl, webhook_auth: true, webhook_status_code: 200 });
		expect(view).not.toHaveProperty('webhook_auth_header_value');
	});

	it('without webhook_auth_header_name no extra header is sent; an error transcript is announced with status "error"', async () => {
		rcv = await startReceiver();
		const failed = await create({ audio_url: 'https://unreachable.example/a.mp3', webhook_url: `${rcv.url}/hook` });
		await emu.webhooksSettled();
		expect(rcv.hits.map((h) => JSON.parse(h.body))).toEqual([{ transcript_id: failed.id, status: 'error' }]);
		expect(Object.keys(emu.webhookDeliveries()[0].headers)).toEqual(['content-type', 'content-length']);
		expect(await get(failed.id)).toMatchObject({ status: 'error', webhook_status_code: 200 });
	});

	it('non-2xx answers are retried webhookRetryMs apart until a 2xx; webhook_status_code ends at 200', async () => {
		rcv = await startReceiver([500, 503, 302, 204]);
		const t = await create({ audio_url: WILDFIRES, webhook_url: `${rcv.url}/hook` });
		await emu.webhooksSettled();
		const deliveries = emu.webhookDeliveries();
		expect(deliveries.map((d) => [d.attempt, d.statusCode, d.outcome])).toEqual([
			[1, 500, 'retry'],
			[2, 503, 'retry'],
			[3, 302, 'retry'],
			[4, 204, 'delivered'],
		]);
		for (let i = 1; i < rcv.hits.length; i++) expect(rcv.hits[i].at - rcv.hits[i - 1].at).toBeGreaterThanOrEqual(25);
		expect(new Set(rcv.hits.map((h) => h.body)).size).toBe(1); // the same notification each time
		expect((await get(t.id)).webhook_status_code).toBe(204);
	});

	it('a 4xx answer is final: one attempt, no retry, webhook_status_code is the 4xx', async () => {
		rcv = await startReceiver([404]);
		const t = await create({ audio_url: WILDFIRES, webhook_url: `${rcv.url}/gone` });
		await emu.webhooksSettled();
		await sleep(100); // more than three retry intervals: nothing else arrives
		expect(rcv.hits).toHaveLength(1);
		expect(emu.webhookDeliveries().map((d) => [d.statusCode, d.outcome])).toEqual([[404, 'final']]);
		expect((await get(t.id)).webhook_status_code).toBe(404);
	});

	it('a receiver that keeps answering 5xx gets 10 attempts in total, then delivery is given up', async () => {
		emu.configureWebhooks({ retryMs: 5 });
		rcv = await startReceiver([], 500);
		const t = await create({ audio_url: WILDFIRES, webhook_url: `${rcv.url}/hook` });
		await emu.webhooksSettled();
		await sleep(50);
		expect(rcv.hits).toHaveLength(10);
		const deliveries = emu.webhookDeliveries();
		expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(deliveries.map((d) => d.outcome)).toEqual([...Array(9).fill('retry'), 'final']);
		expect((await get(t.id)).webhook_status_code).toBe(500);
	});

	it('no answer within webhookTimeoutMs is a failed attempt (statusCode null) and is retried', async () => {
		emu.configureWebhooks({ timeoutMs: 150 });
		rcv = await startReceiver(['hang', 200]);
		const t = await create({ audio_url: WILDFIRES, webhook_url: `${rcv.url}/slow` });
		await emu.webhooksSettled();
		const [first, second] = emu.webhookDeliveries();
		expect(first).toMatchObject({ attempt: 1, statusCode: null, error: 'timeout after 150 ms', outcome: 'retry' });
		expect(first.durationMs).toBeGreaterThanOrEqual(140);
		expect(second).toMatchObject({ attempt: 2, statusCode: 200, outcome: 'delivered' });
		expect(rcv.closedWhileHanging).toEqual(['/slow']); // the emulator hung up on the silent receiver
		expect((await get(t.id)).webhook_status_code).toBe(200);
	});

	it('a connection error is a failed attempt and is retried (maxAttempts configurable)', async () => {
		const dead = await startReceiver();
		const deadUrl = `${dead.url}/hook`;
		await dead.close(); // nothing listens there any more
		emu.configureWebhooks({ maxAttempts: 3, retryMs: 5 });
		const t = await create({ audio_url: WILDFIRES, webhook_url: deadUrl });
		await emu.webhooksSettled();
		const deliveries = emu.webhookDeliveries();
		expect(deliveries.map((d) => [d.attempt, d.statusCode, d.outcome])).toEqual([
			[1, null, 'retry'],
			[2, null, 'retry'],
			[3, null, 'final'],
		]);
		expect(deliveries[0].error).toMatch(/ECONNREFUSED/);
		expect((await get(t.id)).webhook_status_code).toBeNull();
	});

	it('only loopback hosts are called by default; delivery "off" calls none', async () => {
		const t = await create({ audio_url: WILDFIRES, webhook_url: 'https://hooks.example.com/aai?run=1' });
		await emu.webhooksSettled(); // resolves at once: nothing is pending
		await sleep(100);
		expect(emu.webhookDeliveries()).toEqual([]);
		expect((await get(t.id)).webhook_status_code).toBeNull();

		emu.configureWebhooks({ delivery: 'off' });
		rcv = await startReceiver();
		await create({ audio_url: WILDFIRES, webhook_url: `${rcv.url}/hook` });
		await sleep(100);
		expect(rcv.hits).toEqual([]);
	});

	it('a transcript deleted before it finishes is not announced', async () => {
		rcv = await startReceiver();
		const t = await create({ audio_url: WILDFIRES, webhook_url: `${rcv.url}/hook` });
		await call(emu, 'DELETE', `/v2/transcript/${t.id}`);
		await emu.webhooksSettled();
		await sleep(100);
		expect(rcv.hits).toEqual([]);
	});

	it('several transcripts are announced independently; reset() cancels what is pending and empties the log', async () => {
		rcv = await startReceiver();
		const ids = [];
		for (let i = 0; i < 5; i++) ids.push((await create({ audio_url: `${WILDFIRES}?n=${i}`, webhook_url: `${rcv.url}/hook?n=${i}` })).id);
		await emu.webhooksSettled();
		expect(rcv.hits.map((h) => JSON.parse(h.body).transcript_id).sort()).toEqual([...ids].sort());

		await create({ audio_url: WILDFIRES, webhook_url: `${rcv.url}/late` });
		emu.reset();
		expect(emu.webhookDeliveries()).toEqual([]);
		await emu.webhooksSettled();
		await sleep(100);
		expect(rcv.hits.map((h) => h.url)).not.toContain('/late');
	});
});

describe('Webhook timing follows the emulator clock, and close() cancels every pending delivery', () => {
	it('with a hand-driven clock the webhook goes out once the clock reaches the completion time', async () => {
		const clock = manualClock();
		const emu = await startEmulator({ apiKey: 'k', queuedMs: 1000, processingMs: 1000, now: clock.now, webhookRetryMs: 10 });
		const rcv = await startReceiver();
		try {
			const t = (await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, webhook_url: `${rcv.url}/hook` } })).json;
			await sleep(80);
			expect(rcv.hits).toEqual([]);
			clock.advance(1999);
			emu.deliverDueWebhooks();
			await sleep(50);
			expect(rcv.hits).toEqual([]);
			clock.advance(1); // completed now; the 20 ms re-check (or a GET, or deliverDueWebhooks) sends it
			await emu.webhooksSettled();
			expect(rcv.hits.map((h) => JSON.parse(h.body))).toEqual([{ transcript_id: t.id, status: 'completed' }]);
		} finally {
			await emu.close();
			await rcv.close();
		}
	});

	it('close() cancels waiting completions, retry waits and in-flight requests; webhooksSettled() resolves', async () => {
		const emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0, webhookRetryMs: 60_000, webhookTimeoutMs: 60_000 });
		const hanging = await startReceiver(['hang']);
		const failing = await startReceiver([], 500);
		try {
			emu.addScenario({ match: (url) => url.endsWith('long.mp3'), queuedMs: 60_000, processingMs: 60_000 });
			await call(emu, 'POST', '/v2/transcript', { body: { audio_url: 'https://x.test/long.mp3', webhook_url: `${hanging.url}/never` } });
			await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, webhook_url: `${hanging.url}/in-flight` } });
			await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES, webhook_url: `${failing.url}/retry-wait` } });
			while (hanging.hits.length < 1 || failing.hits.length < 1) await sleep(5);
			let settled = false;
			const settling = emu.webhooksSettled().then(() => (settled = true));
			await sleep(20);
			expect(settled).toBe(false);

			const started = Date.now();
			await emu.close();
			await settling;
			expect(Date.now() - started).toBeLessThan(1000);
			while (hanging.closedWhileHanging.length < 1) await sleep(5); // the in-flight request was aborted
			expect(hanging.closedWhileHanging).toEqual(['/in-flight']);
			expect(emu.webhookDeliveries().map((d) => [d.url.replace(/^.*\//, '/'), d.outcome])).toEqual([
				['/in-flight', 'cancelled'],
				['/retry-wait', 'retry'], // its next attempt never happens
			]);
		} finally {
			await emu.close();
			await hanging.close();
			await failing.close();
		}
	});
});
