/**
 * The emulator in the bench process (as scripts/demo.ts starts it), and what its request log says about
 * the node's polling: request counts by kind, rates, how long after a transcript finished the node
 * first got an answer saying so (notice), and how long until it fetched the finished transcript (fetch).
 * Which transcripts an answer reported finished is read from the answer itself: a request hook wraps
 * each GET's res.end and notes the ids whose status in the body sent is completed or error.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../test/helpers/runNode';

export interface EmulatorRecord {
	id: string;
	createdAt: number;
	queuedMs: number;
	processingMs: number;
}

type LogEntry = { method: string; path: string; at: number };

export interface InProcessEmulator {
	url: string;
	requests: LogEntry[];
	transcripts: Map<string, EmulatorRecord>;
	setClock(clock: { queuedMs?: number; processingMs?: number }): void;
	setFaults(rules: IDataObject[]): void;
	clearFaults(): void;
	reset(): void;
	close(): Promise<void>;
	onRequest(hook: (ctx: HookContext) => unknown): () => void;
}

interface HookContext {
	method: string;
	pathname: string;
	entry: LogEntry;
	res: { end: (...args: unknown[]) => unknown };
}

/** Per request: the transcript ids its answer reported finished (completed or error). */
const reportedFinished = new WeakMap<LogEntry, string[]>();
const FINISHED = new Set(['completed', 'error']);

function noteFinished(ctx: HookContext, body: unknown): void {
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
	if (!text) return;
	if (ctx.pathname === '/v2/transcript') {
		const list = JSON.parse(text) as { transcripts?: Array<{ id: string; status: string }> };
		reportedFinished.set(ctx.entry, (list.transcripts ?? []).filter((t) => FINISHED.has(t.status)).map((t) => t.id));
		return;
	}
	const id = /^\/v2\/transcript\/([^/]+)$/.exec(ctx.pathname)?.[1];
	// A transcript's own top-level "status" comes before its words (which have none); a regex, not a
	// JSON.parse of a whole transcript in the process the node runs in.
	const status = /"status":\s*"(\w+)"/.exec(text)?.[1];
	if (id && status && FINISHED.has(status)) reportedFinished.set(ctx.entry, [decodeURIComponent(id)]);
}

function watchAnswers(emu: InProcessEmulator): void {
	emu.onRequest((ctx) => {
		if (ctx.method !== 'GET' || !ctx.pathname.startsWith('/v2/transcript')) return undefined;
		const end = ctx.res.end.bind(ctx.res);
		ctx.res.end = (...args: unknown[]) => {
			try {
				noteFinished(ctx, args[0]);
			} catch {
				// not JSON (a fault's answer): it reported nothing finished
			}
			return end(...args);
		};
		return undefined;
	});
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator } = require('../../test/emulator') as {
	startEmulator: (options: { apiKey: string; queuedMs: number; processingMs: number }) => Promise<InProcessEmulator>;
};

export const API_KEY = 'bench-polling-key';

export async function startInProcessEmulator(): Promise<InProcessEmulator> {
	const emu = await startEmulator({ apiKey: API_KEY, queuedMs: 0, processingMs: 0 });
	const reset = emu.reset.bind(emu);
	emu.reset = () => {
		reset(); // removes the hooks too
		watchAnswers(emu);
	};
	watchAnswers(emu);
	return emu;
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

/** The largest number of requests that start within any window of `windowMs` (default one second). */
export function maxPerSecond(times: number[], windowMs = 1000): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (j < sorted.length && sorted[j] < sorted[i] + windowMs) j++;
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
	// Notice: from a transcript's completion on the emulator's clock (created + queued + processing) to
	// the arrival of the node's first request whose answer reported it finished (a list or its GET).
	// Fetch: to the node's first GET whose answer was the finished transcript.
	const notice: number[] = [];
	const fetch: number[] = [];
	const noticedBy = { list: 0, get: 0 };
	for (const record of emu.transcripts.values()) {
		const finishedAt = record.createdAt + record.queuedMs + record.processingMs;
		const reported = (r: LogEntry) => reportedFinished.get(r)?.includes(record.id) === true;
		const noticed = requests.find(reported);
		const fetched = gets.find((r) => idOfGet(r) === record.id && reported(r));
		// Status is taken when the answer is built, a moment after arrival: never count that as negative.
		notice.push(noticed ? Math.max(0, noticed.at - finishedAt) : NaN);
		fetch.push(fetched ? Math.max(0, fetched.at - finishedAt) : NaN);
		if (noticed) noticedBy[isList(noticed) ? 'list' : 'get']++;
	}
	const summary = (xs: number[]) => ({
		p50: percentile(xs, 50),
		p90: percentile(xs, 90),
		max: Math.max(...xs),
		missing: xs.filter((l) => Number.isNaN(l)).length,
	});
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
			/** The busiest 10-s window, in requests per second (its count / 10). */
			max10sPerSecond: maxPerSecond(waiting.map((r) => r.at), 10_000) / 10,
		},
		noticeLatencyMs: { ...summary(notice), by: noticedBy },
		fetchLatencyMs: summary(fetch),
	};
}
