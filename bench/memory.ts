/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark code runs in Node, never inside n8n */
/**
 * Bench 2, one measurement per process (fresh heap): the node uploads a recording stored in n8n's
 * filesystem binary mode, waitMode none, to the emulator in a child process (scripts/emulator.js, so its
 * buffering of the upload is not counted here).
 *   node ... bench/memory.ts streamed <MiB>   the node as shipped: getBinaryStream(id) (64 KiB reads)
 *   node ... bench/memory.ts buffered <MiB>   the node's buffer path (getBinaryDataBuffer), forced
 *   node ... bench/memory.ts chunk<KiB> <MiB> diagnostic (the chunk-size sweep): the streamed path with
 *                                             getBinaryStream(id, KiB × 1024), e.g. chunk1024
 * Reported: growth of this process's RSS and of Buffer memory (arrayBuffers) from just before the node
 * starts (after gc) to their peak while it runs. Peak RSS is read from the kernel (VmHWM, reset at the
 * start with /proc/self/clear_refs), so it cannot miss a short peak; arrayBuffers is sampled every 2 ms.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { childMain } from './lib/child';
import { startEmulatorProcess } from './lib/emulatorProcess';
import { watchPeakMemory, type PeakMemory } from './lib/peakRss';
import { runWithRecording, useFilesystemBinaryMode, type Variant } from './lib/workflow';

const MiB = 1024 * 1024;
const API_KEY = 'bench-memory-key';

/** The same 1 MiB block over and over: storing the file allocates nothing in this process. */
function recording(bytes: number): () => Readable {
	const block = Buffer.alloc(MiB, 'AssemblyAI bench recording ');
	const chunks = Math.ceil(bytes / MiB);
	return () =>
		Readable.from(
			(function* () {
				for (let i = 0; i < chunks; i++) yield block;
			})(),
		);
}

childMain(async () => {
	const mode = process.argv[2] ?? 'streamed';
	const chunkKiB = /^chunk(\d+)$/.exec(mode)?.[1];
	const variant: Variant = mode === 'buffered' ? 'buffered' : chunkKiB ? { chunkSize: Number(chunkKiB) * 1024 } : 'node';
	const bytes = Number(process.argv[3] ?? 1024) * MiB;
	const gc = (global as { gc?: () => void }).gc;
	const binaryDir = mkdtempSync(join(tmpdir(), 'n8n-binary-'));
	await useFilesystemBinaryMode(binaryDir);
	const emulator = await startEmulatorProcess('script', API_KEY);
	try {
		let watch: { stop(): PeakMemory } | undefined;
		const started = Date.now();
		const result = await runWithRecording({
			recording: recording(bytes),
			fileName: 'meeting.wav',
			parameters: { operation: 'transcribe', source: 'binary', binaryPropertyName: 'data', waitMode: 'none' },
			credentials: { apiKey: API_KEY, region: 'custom', baseUrl: emulator.url },
			variant,
			onSourceDone: () => {
				gc?.();
				gc?.();
				watch = watchPeakMemory();
			},
		});
		const peak = watch!.stop();
		if (result.error) throw result.error;
		if (result.items[0]?.json.status !== 'queued') throw new Error(`unexpected output ${JSON.stringify(result.items[0]?.json)}`);
		const uploadLine = emulator.output.join('\n').split('\n').find((line) => line.includes('POST /v2/upload'));
		const uploadedBytes = Number(/\((\d+) bytes/.exec(uploadLine ?? '')?.[1] ?? NaN);
		if (uploadedBytes !== bytes) throw new Error(`the emulator received ${uploadedBytes} bytes, not ${bytes}`);
		return {
			mode,
			fileBytes: bytes,
			uploadedBytes,
			baseline: { rss: peak.baseline.rss, arrayBuffers: peak.baseline.arrayBuffers, heapUsed: peak.baseline.heapUsed },
			peakRssGrowth: peak.peakRssGrowth,
			peakRssGrowthSampled: peak.peakRssGrowthSampled,
			peakArrayBuffersGrowth: peak.peakArrayBuffersGrowth,
			peakRssFrom: peak.peakRssFrom,
			storeMs: result.sourceDoneAt - started,
			nodeMs: result.doneAt - result.sourceDoneAt,
		};
	} finally {
		emulator.close();
		rmSync(binaryDir, { recursive: true, force: true });
	}
});
