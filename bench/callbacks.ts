/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark code runs in Node, never inside n8n */
/**
 * Bench 6: Wait for AssemblyAI's Callback with N recordings in one execution (Output Summary). The
 * execution waits and is resumed the way n8n does it (test/helpers/waitingExecution.ts: for every
 * call the stored execution is read back from its JSON copy and the node's webhook() runs in a real
 * n8n-core WebhookContext). The emulator runs in a child process (bench/emulator-child.js): once the
 * execution waits, it makes every transcript finish within SPREAD_MS, DELAY_MS later, in an order
 * unlike the order of submission, and calls the resume URL for each as AssemblyAI does (a fresh
 * connection per call, 10 s to answer, called again 10 s after a non-2xx answer, up to 10 times).
 * Reported: the stored execution per recording; each call's answer time, as the emulator (AssemblyAI's
 * side) measured it; the requests to AssemblyAI per call, from the emulator's log; how often the
 * execution resumed.
 *   node ... bench/callbacks.ts <recordings>
 */
import { childMain } from './lib/child';
import { startEmulatorProcess } from './lib/emulatorProcess';
import { startWaitingNode } from '../test/helpers/waitingExecution';

const API_KEY = 'bench-callbacks-key';
const DELAY_MS = 2000;
const SPREAD_MS = 10_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

childMain(async () => {
	const count = Number(process.argv[2] ?? 1000);
	// Every transcript runs for an hour unless the window below ends it.
	const emulator = await startEmulatorProcess('bench', API_KEY, ['--processing-ms', String(3_600_000)]);
	const submittedAt = Date.now();
	const execution = await startWaitingNode({
		credentials: { apiKey: API_KEY, region: 'custom', baseUrl: emulator.url },
		inputs: Array.from({ length: count }, (_, i) => ({ json: { url: `https://media.example.com/call-${i}.mp3` } })),
		// The emulator calls back from this machine, not from AssemblyAI's addresses (the IP Allowlist's default).
		parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', waitMode: 'callback', output: 'summary', ipAllowlist: '127.0.0.1' },
	});
	try {
		if (execution.first.status !== 'waiting') throw new Error(`the execution did not wait: ${execution.first.status}`);
		const waitingAt = Date.now();
		const storedBytes = execution.storedBytes();
		const finishing = await emulator.finishWindow(DELAY_MS, SPREAD_MS);
		if (finishing !== count) throw new Error(`${finishing} transcripts on the emulator, not ${count}`);
		console.log(`${count} recordings submitted in ${waitingAt - submittedAt} ms; stored execution ${(storedBytes / 1024).toFixed(0)} KiB; calls start in ${DELAY_MS} ms`);

		const done = await execution.finished;
		await execution.settled();
		const doneAt = Date.now();
		if (done.status !== 'success') throw new Error(`the resumed execution ended ${done.status}`);
		const paired = done.items.map((i) => (i.pairedItem as { item: number }).item);
		if (paired.length !== count || paired.some((item, i) => item !== i)) throw new Error('the output is not one item per recording in input order');
		const failed = done.items.filter((i) => i.json.error);
		if (failed.length) throw new Error(`${failed.length} error items, e.g. ${JSON.stringify(failed[0].json)}`);

		const deliveries = await emulator.deliveries();
		const answered = deliveries.filter((d) => d.statusCode !== null);
		const answerMs = answered.map((d) => d.durationMs).sort((a, b) => a - b);
		const codes: Record<string, number> = {};
		for (const d of deliveries) codes[String(d.statusCode)] = (codes[String(d.statusCode)] ?? 0) + 1;
		const callsAt = deliveries.map((d) => d.at);
		const requests = emulator.events.filter((e) => e.start >= waitingAt);
		const lists = requests.filter((e) => e.method === 'GET' && e.path === '/v2/transcript').length;
		const gets = requests.filter((e) => e.method === 'GET' && e.path !== '/v2/transcript').length;
		const resumes = execution.calls.filter((c) => c.result?.workflowData).length;
		const resumeCall = deliveries.find((d) => d.statusCode === 202);
		return {
			count,
			delayMs: DELAY_MS,
			spreadMs: SPREAD_MS,
			submitMs: waitingAt - submittedAt,
			storedBytes,
			storedBytesPerRecording: storedBytes / count,
			calls: deliveries.length,
			callsWithinMs: Math.max(...callsAt) - Math.min(...callsAt),
			unanswered: deliveries.length - answered.length,
			codes,
			answerMs: { p50: percentile(answerMs, 50), p90: percentile(answerMs, 90), p99: percentile(answerMs, 99), max: answerMs.at(-1) },
			requests: { lists, gets, total: lists + gets },
			/** Requests that decided (lists, and GETs beyond the one fetch per recording the output needs), per call. */
			decidingRequestsPerCall: (lists + gets - count) / deliveries.length,
			requestsPerCall: (lists + gets) / deliveries.length,
			resumes,
			resumedByCallAfterMs: resumeCall ? resumeCall.at - waitingAt : null,
			/** From the resuming call to the end of the workflow: the output's fetches, paced (8 per second, bursts of 16). */
			resumeMs: resumeCall ? doneAt - resumeCall.at : null,
		};
	} finally {
		await execution.close();
		emulator.close();
	}
});
