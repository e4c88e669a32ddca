/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark code runs in Node, never inside n8n */
/**
 * Bench 1: a batch in one execution against a single recording. Every transcript takes the same time
 * on the emulator (queued QUEUED_MS, then processing PROCESSING_MS); the node polls every INTERVAL_S.
 * REPEATS executions of 1 and of BATCH recordings, alternating, in one process after a warm-up run; the
 * medians count. A diagnostic beside it: the same with every lookup answered SLOW_MS late, as a
 * far-away API would.
 *   node ... bench/batch.ts <batch> <repeats>
 */
import { childMain } from './lib/child';
import { startInProcessEmulator, transcribeBatch, type InProcessEmulator } from './lib/inProcessEmulator';

const QUEUED_MS = 500;
const PROCESSING_MS = 1500;
const INTERVAL_S = 0.5;
const SLOW_MS = 250;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(emu: InProcessEmulator, count: number) {
	emu.reset();
	emu.setClock({ queuedMs: QUEUED_MS, processingMs: PROCESSING_MS });
	return await transcribeBatch(emu, count, INTERVAL_S);
}

childMain(async () => {
	const batch = Number(process.argv[2] ?? 20);
	const repeats = Number(process.argv[3] ?? 3);
	const emu = await startInProcessEmulator();
	try {
		emu.setClock({ queuedMs: 0, processingMs: 50 });
		await transcribeBatch(emu, 2, 0.05); // warm-up: loads and compiles the code paths
		const single: Array<Awaited<ReturnType<typeof once>>> = [];
		const many: Array<Awaited<ReturnType<typeof once>>> = [];
		for (let i = 0; i < repeats; i++) {
			single.push(await once(emu, 1));
			many.push(await once(emu, batch));
			console.log(`round ${i + 1}: 1 recording ${single[i].wallMs} ms, ${batch} recordings ${many[i].wallMs} ms`);
		}
		// Diagnostic: the same, with lookups (GET one, GET list) answered SLOW_MS late.
		const slowRules = [
			{ route: 'get', kind: 'slow', every: 1, delayMs: SLOW_MS },
			{ route: 'list', kind: 'slow', every: 1, delayMs: SLOW_MS },
		];
		emu.reset();
		emu.setFaults(slowRules);
		emu.setClock({ queuedMs: QUEUED_MS, processingMs: PROCESSING_MS });
		const slowSingle = await transcribeBatch(emu, 1, INTERVAL_S);
		emu.reset();
		emu.setFaults(slowRules);
		emu.setClock({ queuedMs: QUEUED_MS, processingMs: PROCESSING_MS });
		const slowMany = await transcribeBatch(emu, batch, INTERVAL_S);
		emu.clearFaults();
		console.log(`with ${SLOW_MS} ms lookups: 1 recording ${slowSingle.wallMs} ms, ${batch} recordings ${slowMany.wallMs} ms`);
		const pick = <T extends { wallMs: number }>(runs: T[]) => runs.find((r) => r.wallMs === median(runs.map((x) => x.wallMs)))!;
		return {
			batch,
			repeats,
			clock: { queuedMs: QUEUED_MS, processingMs: PROCESSING_MS },
			pollIntervalSeconds: INTERVAL_S,
			singleMs: median(single.map((r) => r.wallMs)),
			batchMs: median(many.map((r) => r.wallMs)),
			singleRuns: single.map((r) => r.wallMs),
			batchRuns: many.map((r) => r.wallMs),
			singleDetail: { ...pick(single), started: undefined },
			batchDetail: { ...pick(many), started: undefined },
			slowLookups: { delayMs: SLOW_MS, singleMs: slowSingle.wallMs, batchMs: slowMany.wallMs, batchDetail: { ...slowMany, started: undefined } },
		};
	} finally {
		await emu.close();
	}
});
