/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark code runs in Node, never inside n8n */
/**
 * Bench 4: polling cost, read from the in-process emulator's request log.
 *  (a) one recording, processing SINGLE_PROCESSING_MS (queued 0), poll interval INTERVAL_S: requests for it
 *      (the create and the GETs) against the fewest that can see it finish: ceil(processing / interval) + 1;
 *  (b) BATCH recordings in one execution, processing BATCH_PROCESSING_MS: the request rate while waiting
 *      (after the last create), the busiest 1-s window and the mean;
 *  (c) notice latency, for (a) and (b): from a transcript's completion on the emulator's clock (created +
 *      queued + processing) to the node's first GET of it after that.
 *   node ... bench/polling.ts <batch>
 */
import { childMain } from './lib/child';
import { startInProcessEmulator, transcribeBatch } from './lib/inProcessEmulator';

const INTERVAL_S = 3;
const SINGLE_PROCESSING_MS = 10_000;
const BATCH_PROCESSING_MS = 15_000;

childMain(async () => {
	const batch = Number(process.argv[2] ?? 200);
	const emu = await startInProcessEmulator();
	try {
		emu.setClock({ queuedMs: 0, processingMs: 50 });
		await transcribeBatch(emu, 2, 0.05); // warm-up

		emu.reset();
		emu.setClock({ queuedMs: 0, processingMs: SINGLE_PROCESSING_MS });
		const single = await transcribeBatch(emu, 1, INTERVAL_S);
		console.log(`1 recording: ${single.requests} requests in ${single.wallMs} ms`);

		emu.reset();
		emu.setClock({ queuedMs: 0, processingMs: BATCH_PROCESSING_MS });
		const many = await transcribeBatch(emu, batch, INTERVAL_S);
		console.log(`${batch} recordings: ${many.requests} requests in ${many.wallMs} ms`);
		return {
			pollIntervalSeconds: INTERVAL_S,
			single: {
				processingMs: SINGLE_PROCESSING_MS,
				minimumRequests: Math.ceil(SINGLE_PROCESSING_MS / 1000 / INTERVAL_S) + 1,
				...single,
				started: undefined,
			},
			batch: { count: batch, processingMs: BATCH_PROCESSING_MS, ...many, started: undefined },
		};
	} finally {
		await emu.close();
	}
});
