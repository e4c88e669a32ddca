/**
 * The emulator in the bench process (as scripts/demo.ts starts it), and what its request log says about
 * the node's polling: request counts by kind, rates, and how long after a transcript finished the node
 * fetched it.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../test/helpers/runNode';

export interface EmulatorRecord {
	id: string;
	createdAt: number;
	queuedMs: number;
	processingMs: number;
}

export interface InProcessEmulator {
	url: string;
	requests: Array<{ method: string; path: string; at: number }>;
	transcripts: Map<string, EmulatorRecord>;
	setClock(clock: { queuedMs?: number; processingMs?: number }): void;
	setFaults(rules: IDataObject[]): void;
	clearFaults(): void;
	reset(): void;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator } = require('../../test/emulator') as {
	startEmulator: (options: { apiKey: string; queuedMs: number; processingMs: number }) => Promise<InProcessEmulator>;
};

export const API_KEY = 'bench-polling-key';

export async function startInProcessEmulator(): Promise<InProcessEmulator> {
	return await startEmulator({ apiKey: API_KEY, queuedMs: 0, processingMs: 0 });
}

/** Transcribe with Key Phrases for `count` audio URLs in one execution, waiting (poll), output summary. */
export async function transcribeBatch(emu: InProcessEmulator, count: number, pollIntervalSeconds: number) {
	const started = Date.now();
	const result = await runNode({
		parameters: {
			operation: 'transcribe',
			source: 'url',
			audioUrl: '={{ $json.url }}',
			waitMode: 'poll',
			output: 'summary',
			options: { pollIntervalSeconds },
		},
		inputs: Array.from({ length: count }, (_, i) => ({ json: { url: `https://media.example.com/call-${i}.mp3` } })),
		credentials: { apiKey: API_KEY, region: 'custom', baseUrl: emu.url },
	});
	const wallMs = Date.now() - started;
	if (result.error) throw result.error;
	const done = result.items.filter((item) => item.json.status === 'completed').length;
	if (done !== count) throw new Error(`${done} of ${count} transcripts completed`);
	return { wallMs, started, ...analyse(emu) };
}

const isCreate = (r: { method: string; path: string }) => r.method === 'POST' && r.path === '/v2/transcript';
const isList = (r: { method: string; path: string }) => r.method === 'GET' && /^\/v2\/transcript(\?|$)/.test(r.path);
const idOfGet = (r: { method: string; path: string }) =>
	r.method === 'GET' ? /^\/v2\/transcript\/([^/?]+)$/.exec(r.path)?.[1] : undefined;

/** The largest number of requests that start within any one second. */
export function maxPerSecond(times: number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (j < sorted.length && sorted[j] < sorted[i] + 1000) j++;
		best = Math.max(best, j - i);
	}
	return best;
}

export const percentile = (xs: number[], p: number) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/** What the emulator saw since its last reset. */
export function analyse(emu: InProcessEmulator) {
	const requests = [...emu.requests];
	const creates = requests.filter(isCreate);
	const lists = requests.filter(isList);
	const gets = requests.filter((r) => idOfGet(r) !== undefined);
	const submitEnd = Math.max(...creates.map((r) => r.at));
	const waiting = requests.filter((r) => r.at > submitEnd);
	const waitEnd = Math.max(...requests.map((r) => r.at));
	// Notice latency: from a transcript's completion on the emulator's clock to the node's first GET of it after that.
	const latencies: number[] = [];
	for (const record of emu.transcripts.values()) {
		const finishedAt = record.createdAt + record.queuedMs + record.processingMs;
		const fetched = gets.find((r) => idOfGet(r) === record.id && r.at >= finishedAt);
		latencies.push(fetched ? fetched.at - finishedAt : NaN);
	}
	const transcripts = emu.transcripts.size;
	return {
		transcripts,
		requests: requests.length,
		creates: creates.length,
		lists: lists.length,
		gets: gets.length,
		requestsPerTranscript: requests.length / transcripts,
		getsPerTranscript: gets.length / transcripts,
		submit: {
			ms: submitEnd - Math.min(...creates.map((r) => r.at)),
			maxPerSecond: maxPerSecond(creates.map((r) => r.at)),
		},
		wait: {
			requests: waiting.length,
			ms: waitEnd - submitEnd,
			meanPerSecond: waiting.length / Math.max(0.001, (waitEnd - submitEnd) / 1000),
			maxPerSecond: maxPerSecond(waiting.map((r) => r.at)),
		},
		noticeLatencyMs: {
			p50: percentile(latencies, 50),
			p90: percentile(latencies, 90),
			max: Math.max(...latencies),
			missing: latencies.filter((l) => Number.isNaN(l)).length,
		},
	};
}
