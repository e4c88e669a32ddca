/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark code runs in Node, never inside n8n */
/**
 * Bench 5, one measurement per process (fresh heap): one execution transcribes N three-hour
 * recordings (speaker labels on: about 6 MB of JSON each, words and utterances), Wait for Result
 * "Poll Until Done", Output Key Phrases. The emulator runs in a child process (bench/emulator-child.js
 * with --duration-seconds), so only the n8n process's memory is counted here.
 * Reported: peak RSS growth of this process from just before the execution (after gc) to its end
 * (VmHWM, see lib/peakRss.ts), peak Buffer memory growth, and the heap the run left behind (its
 * output items) after gc. The workflow runs without the tests' search of the run for secrets
 * (lib/workflow.ts runItems), which would count here.
 *   node ... bench/pollMemory.ts node <recordings>   the node as shipped
 *   node ... bench/pollMemory.ts held <recordings>   the baseline: every transcript's JSON kept until the
 *                                                    last one is finished (lib/workflow.ts)
 */
import { childMain } from './lib/child';
import { startEmulatorProcess } from './lib/emulatorProcess';
import { watchPeakMemory } from './lib/peakRss';
import { runItems } from './lib/workflow';

const API_KEY = 'bench-poll-memory-key';
const THREE_HOURS_S = 3 * 3600;
const PROCESSING_MS = 2000;
const POLL_S = 1;

childMain(async () => {
	const variant = process.argv[2] ?? 'node';
	const count = Number(process.argv[3] ?? 300);
	const gc = (global as { gc?: () => void }).gc;
	const emulator = await startEmulatorProcess('bench', API_KEY, ['--duration-seconds', String(THREE_HOURS_S), '--processing-ms', String(PROCESSING_MS)]);
	try {
		const run = async (n: number) =>
			await runItems({
				parameters: {
					operation: 'transcribe',
					source: 'url',
					audioUrl: '={{ $json.url }}',
					output: 'keyPhrases',
					transcriptOptions: { speakerLabels: true },
					options: { pollIntervalSeconds: POLL_S },
				},
				inputs: Array.from({ length: n }, (_, i) => ({ url: `https://media.example.com/call-${i}.mp3` })),
				credentials: { apiKey: API_KEY, region: 'custom', baseUrl: emulator.url },
				holdEveryTranscript: variant === 'held',
			});
		await run(2); // warm-up: loads and compiles the code paths
		await emulator.reset();
		gc?.();
		gc?.();
		const started = Date.now();
		const watch = watchPeakMemory();
		const result = await run(count);
		const peak = watch.stop();
		gc?.();
		gc?.();
		const after = process.memoryUsage();
		if (result.error) throw result.error;
		const gets = emulator.events.filter((e) => e.method === 'GET' && /^\/v2\/transcript\/[^/?]+$/.test(e.path));
		const transcripts = new Set(gets.map((e) => e.path)).size;
		if (transcripts !== count) throw new Error(`${transcripts} transcripts fetched, not ${count}`);
		const paired = new Set(result.items.map((i) => (i.pairedItem as { item: number }).item));
		if (paired.size !== count) throw new Error(`output for ${paired.size} of ${count} recordings`);
		return {
			variant,
			count,
			durationSeconds: THREE_HOURS_S,
			processingMs: PROCESSING_MS,
			pollIntervalSeconds: POLL_S,
			outputItems: result.items.length,
			wallMs: Date.now() - started,
			baseline: { rss: peak.baseline.rss, heapUsed: peak.baseline.heapUsed },
			peakRssGrowth: peak.peakRssGrowth,
			peakRssGrowthSampled: peak.peakRssGrowthSampled,
			peakArrayBuffersGrowth: peak.peakArrayBuffersGrowth,
			peakRssFrom: peak.peakRssFrom,
			/** What the run left behind (its output items among it), after gc. */
			retainedHeapGrowth: after.heapUsed - peak.baseline.heapUsed,
			rssAfterGcGrowth: after.rss - peak.baseline.rss,
		};
	} finally {
		emulator.close();
	}
});
