import { useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';
import { BURST_REQUESTS, LIST_POLLING_FROM, MAX_REQUESTS_PER_SECOND } from '../../nodes/AssemblyAiHighlights/transport/wait';

const env = useEmulator();

const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { url: `https://media.example.com/call-${i}.mp3` } }));
const gets = () => env.emu.requests.filter((r) => r.method === 'GET' && /^\/v2\/transcript\/[^/?]+$/.test(r.path));
const lists = () => env.emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/transcript?'));

describe('polling is polite: a batch costs about one request per transcript, however long it runs', () => {
	test('20 recordings, many rounds: each transcript is fetched once, its status comes from one list request per round', async () => {
		env.emu.setClock({ queuedMs: 200, processingMs: 400 });
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: { pollIntervalSeconds: 0.05 } },
			inputs: batch(20),
			credentials: env.credentials(),
		});
		expect(result.items).toHaveLength(20);
		expect(gets()).toHaveLength(20);
		const ids = new Set(gets().map((r) => r.path.split('/').pop()));
		expect(ids.size).toBe(20);
		expect(lists().length).toBeGreaterThanOrEqual(2);
	});

	test(`below ${LIST_POLLING_FROM} running transcripts, each is polled by its own GET`, async () => {
		env.emu.setClock({ queuedMs: 100, processingMs: 100 });
		await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: { pollIntervalSeconds: 0.05 } },
			inputs: batch(2),
			credentials: env.credentials(),
		});
		expect(lists()).toHaveLength(0);
		expect(gets().length).toBeGreaterThanOrEqual(4);
	});

	test('a batch that finishes together is fetched in a burst, not one request per 125 ms', async () => {
		// Poll every 0.2 s: fewer list requests than tokens come in, so the bucket is full when they finish.
		env.emu.setClock({ queuedMs: 0, processingMs: 400 });
		await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: { pollIntervalSeconds: 0.2 } },
			inputs: batch(20),
			credentials: env.credentials(),
		});
		expect(gets()).toHaveLength(20);
		// Paced one by one (the old Pacer), no second could hold more than MAX_REQUESTS_PER_SECOND + 1.
		expect(busiest(gets().map((r) => r.at), 1000)).toBeGreaterThanOrEqual(12);
	});

	test(`while waiting, any window of T s holds at most ${BURST_REQUESTS} + ${MAX_REQUESTS_PER_SECOND}·T requests, so any 10 s fewer than 100`, async () => {
		// The account limit is 20,000 requests per 5 minutes; one execution keeps under 10 per second on average.
		expect(BURST_REQUESTS + 10 * MAX_REQUESTS_PER_SECOND).toBeLessThan(100);
		// 40 transcripts finishing together: more lookups than the burst, so the sustained rate shows.
		env.emu.setClock({ queuedMs: 0, processingMs: 300 });
		await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: { pollIntervalSeconds: 0.05 } },
			inputs: batch(40),
			credentials: env.credentials(),
		});
		expect(gets()).toHaveLength(40);
		const waiting = [...lists(), ...gets()].map((r) => r.at);
		for (const windowMs of [250, 500, 1000, 2000, 3000, 5000, 10_000]) {
			// +1: a window's two edges may both hold a request.
			expect(busiest(waiting, windowMs)).toBeLessThanOrEqual(BURST_REQUESTS + (MAX_REQUESTS_PER_SECOND * windowMs) / 1000 + 1);
		}
		// Past the burst, the rest follow at the sustained rate.
		const span = Math.max(...waiting) - Math.min(...waiting);
		expect(span).toBeGreaterThan(((40 - BURST_REQUESTS) / MAX_REQUESTS_PER_SECOND) * 1000 * 0.9);
	});
});

/** The most request starts within any window of `ms`. */
function busiest(times: number[], ms: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (j < sorted.length && sorted[j] < sorted[i] + ms) j++;
		best = Math.max(best, j - i);
	}
	return best;
}
