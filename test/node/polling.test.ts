import type { IDataObject, INode } from 'n8n-workflow';
import type { OutputShape, Transcript } from '../../nodes/AssemblyAiHighlights/highlights';
import { shapeTranscript } from '../../nodes/AssemblyAiHighlights/highlights';
import { readShapeOptions } from '../../nodes/AssemblyAiHighlights/actions/settings';
import { useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';
import { BURST_REQUESTS, MAX_REQUESTS_PER_SECOND } from '../../nodes/AssemblyAiHighlights/transport/requestRate';
import { LIST_POLLING_FROM } from '../../nodes/AssemblyAiHighlights/transport/wait';

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

describe('each transcript becomes its items as it arrives: the output is what shaping its whole JSON gives', () => {
	const OPTIONS = { pollIntervalSeconds: 0.05, includeContext: true, includeText: true, sortBy: 'count', topN: 8 };
	// Below LIST_POLLING_FROM each is polled with its own GET; from it on, through the list.
	test.each([
		['keyPhrases', 2],
		['keyPhrases', 6],
		['occurrences', 6],
		['summary', 6],
		['raw', 2],
	])('%s output, %i recordings of 10 minutes with speaker labels', async (output, n) => {
		env.emu.setClock({ queuedMs: 50, processingMs: 150 });
		env.emu.addScenario({ match: () => true, durationSeconds: 600 });
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output, transcriptOptions: { speakerLabels: true }, options: OPTIONS },
			inputs: batch(n as number),
			credentials: env.credentials(),
		});
		expect(result.error).toBeUndefined();
		const ids = [...env.emu.transcripts.keys()];
		const byItem = ids.map((id) => env.emu.createdParams().findIndex((p) => p.audio_url === (env.emu.transcripts.get(id) as { params: IDataObject }).params.audio_url));
		const expected = ids
			.map((id, i) => ({ item: byItem[i], items: shapeTranscript(transcriptView(id), output as OutputShape, readShapeOptions(OPTIONS, NODE)) }))
			.sort((a, b) => a.item - b.item)
			.flatMap(({ item, items }) => items.map((json) => ({ json, pairedItem: { item } })));
		expect(result.items.map((i) => ({ json: i.json, pairedItem: i.pairedItem }))).toEqual(expected);
		expect(result.items.length).toBeGreaterThanOrEqual(n as number);
	});
});

const NODE = { name: 'AssemblyAI Highlights', type: 'n8n-nodes-assemblyai-highlights.assemblyAiHighlights' } as INode;
const transcriptView = (id: string) => (env.emu as unknown as { transcriptView(id: string): Transcript }).transcriptView(id);
