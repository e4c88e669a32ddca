/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- benchmark code runs in Node, never inside n8n */
/**
 * `npm run bench`: every benchmark, each in a fresh child process under a time limit, one after the
 * other (they would disturb each other on a small machine). Prints one table, in which every figure is
 * a ratio against a baseline measured in the same run, and writes bench/results/latest.json and .md.
 * BENCH_QUICK=1 runs small sizes to check the bench itself, and writes no results.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { dirname, join, resolve } from 'path';
import { runChild } from './lib/child';
import { SHIPPED_CHUNK_KIB, SWEEP_KIB } from './lib/sweep';

const QUICK = process.env.BENCH_QUICK === '1';
/** BENCH_ONLY=callbacks runs bench 6 alone, prints its rows, and writes no results. */
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'callbacks') throw new Error(`BENCH_ONLY=${ONLY}: only "callbacks" can run alone`);
const MiB = 1024 * 1024;
const SIZES = {
	batch: 20,
	batchRepeats: QUICK ? 1 : 3,
	memoryMiB: QUICK ? 128 : 1024,
	uploadMiB: QUICK ? 64 : 512,
	uploadRepeats: QUICK ? 1 : 5,
	pollingBatch: QUICK ? 20 : 200,
	/** Three-hour recordings in one execution (poll mode): the smaller count, then the larger. */
	longRecordings: QUICK ? [10, 30] : [100, 300],
	/** Recordings with Wait for AssemblyAI's Callback: the smaller batch is the baseline of the larger. */
	callbackBatches: QUICK ? [20, 100] : [100, 1000],
};

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

interface Row {
	id: string;
	/** Short, for the console table. */
	name: string;
	/** What exactly is measured. */
	measure: string;
	figure: string;
	baseline: string;
	ratio: number;
	goal: string;
	met: boolean | null;
	note?: string;
}

function machine() {
	const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
	const versionOf = (pkg: string) => {
		let dir = dirname(require.resolve(pkg));
		for (let i = 0; i < 5; i++, dir = dirname(dir)) {
			try {
				const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
				if (json.name === pkg) return json.version as string;
			} catch {
				// keep looking upwards
			}
		}
		return 'unknown';
	};
	let curl = 'not found';
	try {
		curl = execFileSync('/usr/bin/curl', ['--version'], { encoding: 'utf8' }).split('\n')[0];
	} catch {
		// reported as not found
	}
	return {
		cpu: model,
		cores: cpus().length,
		ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		node: process.version,
		n8nCore: versionOf('n8n-core'),
		n8nWorkflow: versionOf('n8n-workflow'),
		curl,
		platform: `${process.platform} ${process.arch}`,
	};
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kibText = (kib: number) => (kib >= 1024 ? `${kib / 1024} MiB` : `${kib} KiB`);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main() {
	const startedAt = Date.now();
	const when = new Date().toISOString();
	const info = machine();
	if (Number(process.versions.node.split('.')[0]) < 24) throw new Error(`Node 24 is needed (n8n-core 2.x), this is ${process.version}: use ./run bench`);
	console.log(`AssemblyAI Highlights benchmarks${QUICK ? ' (QUICK: small sizes, results not written)' : ''}`);
	console.log(`${when} · ${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB RAM · Node ${info.node} · n8n-core ${info.n8nCore}\n`);

	// Every child's temporary files (n8n's user folder, binary store, the upload file) go under one
	// directory, removed at the end whatever happened.
	const tmpRoot = mkdtempSync(join(tmpdir(), 'aai-bench-'));
	const env = { TMPDIR: tmpRoot };
	const raw: Record<string, Json> = {};
	try {
		if (!ONLY) await benchesOneToFive(raw, env);

		console.log(`6/6 callbacks: ${SIZES.callbackBatches.join(' and ')} recordings with Wait for AssemblyAI's Callback`);
		raw.callbacks = {};
		for (const count of SIZES.callbackBatches) {
			raw.callbacks[count] = await runChild({ label: `callbacks ${count}`, script: 'bench/callbacks.ts', args: [String(count)], timeoutMs: 900_000, env });
		}
	} finally {
		rmSync(tmpRoot, { recursive: true, force: true });
	}

	if (ONLY) {
		console.log(`\n${renderTable(callbackRows(raw))}\n`);
		console.log(`Total run time: ${Math.round((Date.now() - startedAt) / 1000)} s (BENCH_ONLY=${ONLY}: results not written)`);
		return;
	}
	const rows = buildRows(raw);
	const diagnostics = buildDiagnostics(raw);
	const totalSeconds = Math.round((Date.now() - startedAt) / 1000);
	const table = renderTable(rows);
	console.log(`\n${table}\n`);
	console.log('Diagnostics (no goal; they locate the misses):');
	console.log(renderTable(diagnostics));
	console.log(`\nTotal run time: ${totalSeconds} s`);

	if (!QUICK) {
		const dir = resolve(__dirname, 'results');
		mkdirSync(dir, { recursive: true });
		const result = { date: when, machine: info, sizes: SIZES, totalSeconds, rows, diagnostics, raw };
		writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(result, null, '\t')}\n`);
		writeFileSync(join(dir, 'latest.md'), renderMarkdown(result));
		console.log('Written: bench/results/latest.json, bench/results/latest.md');
	}
}

async function benchesOneToFive(raw: Record<string, Json>, env: Record<string, string>) {
	console.log(`1/6 batch: 1 vs ${SIZES.batch} recordings in one execution`);
	raw.batch = await runChild({ label: 'batch', script: 'bench/batch.ts', args: [String(SIZES.batch), String(SIZES.batchRepeats)], timeoutMs: 180_000, env });

	console.log(`2/6 memory: a ${SIZES.memoryMiB} MiB recording in filesystem binary mode, each run in its own process`);
	const memoryArgs = (mode: string) => ({ label: `memory ${mode}`, script: 'bench/memory.ts', args: [mode, String(SIZES.memoryMiB)], timeoutMs: 180_000, env });
	raw.memoryStreamed = await runChild(memoryArgs('streamed'));
	raw.memoryBuffered = await runChild(memoryArgs('buffered'));
	console.log(`  streamed ${mib(raw.memoryStreamed.peakRssGrowth)}, buffered ${mib(raw.memoryBuffered.peakRssGrowth)} peak RSS growth`);
	// The same upload of a 1 MiB file: what the first upload in a fresh process costs, whatever its size.
	raw.memorySmall = await runChild({ ...memoryArgs('streamed'), args: ['streamed', '1'], label: 'memory 1 MiB' });
	// The chunk-size sweep: the streamed path with each other read size (the shipped one is `streamed`).
	raw.memorySweep = {};
	for (const kib of SWEEP_KIB.filter((k) => k !== SHIPPED_CHUNK_KIB)) {
		raw.memorySweep[kib] = await runChild(memoryArgs(`chunk${kib}`));
		console.log(`  ${kib} KiB reads: ${mib(raw.memorySweep[kib].peakRssGrowth)} peak RSS growth`);
	}

	console.log(`3/6 upload throughput: ${SIZES.uploadMiB} MiB, node vs curl and the SDK`);
	raw.throughput = await runChild({ label: 'upload', script: 'bench/throughput.ts', args: [String(SIZES.uploadMiB), String(SIZES.uploadRepeats)], timeoutMs: 300_000, env });

	console.log(`4/6 polling: 1 recording, then ${SIZES.pollingBatch} in one execution`);
	raw.polling = await runChild({ label: 'polling', script: 'bench/polling.ts', args: [String(SIZES.pollingBatch)], timeoutMs: 240_000, env });

	console.log(`5/6 memory: ${SIZES.longRecordings.join(' and ')} three-hour recordings in one execution, each run in its own process`);
	raw.longRecordings = {};
	for (const variant of ['node', 'held']) {
		for (const count of SIZES.longRecordings) {
			const result = await runChild<Json>({ label: `${variant} ${count}`, script: 'bench/pollMemory.ts', args: [variant, String(count)], timeoutMs: 900_000, env });
			raw.longRecordings[`${variant}${count}`] = result;
			console.log(`  ${variant === 'node' ? 'the node' : 'every transcript held'}, ${count} recordings: ${mib(result.peakRssGrowth)} peak RSS growth`);
		}
	}
}

function buildRows(raw: Record<string, Json>): Row[] {
	const { batch, memoryStreamed: ms, memoryBuffered: mb, throughput: tp, polling } = raw;
	const rows: Row[] = [];
	const batchRatio = batch.batchMs / batch.singleMs;
	rows.push({
		id: '1',
		name: `Batch: ${batch.batch} recordings vs 1`,
		measure: `Batch: wall time of 1 execution of ${batch.batch} recordings vs of 1 recording (each ${(batch.clock.queuedMs + batch.clock.processingMs) / 1000} s on the emulator, poll ${batch.pollIntervalSeconds} s)`,
		figure: s(batch.batchMs),
		baseline: s(batch.singleMs),
		ratio: round(batchRatio),
		goal: '≤ 1.5×',
		met: batchRatio <= 1.5,
		note: `medians of ${batch.repeats}; runs ${batch.batchRuns.join(', ')} ms vs ${batch.singleRuns.join(', ')} ms`,
	});
	rows.push({
		id: '2',
		name: `Memory: peak RSS growth, ${mib(ms.fileBytes)} upload`,
		measure: `Memory: peak RSS growth while the node uploads a ${mib(ms.fileBytes)} file (filesystem mode, ${kibText(SHIPPED_CHUNK_KIB)} reads) vs the buffered path`,
		figure: mib(ms.peakRssGrowth),
		baseline: mib(mb.peakRssGrowth),
		ratio: round(ms.peakRssGrowth / mb.peakRssGrowth),
		goal: '≤ 64 MiB',
		met: ms.peakRssGrowth <= 64 * MiB,
		note: `${round(ms.peakRssGrowth / ms.fileBytes)} of the file size; peak RSS from ${ms.peakRssFrom}`,
	});
	rows.push({
		id: '2b',
		name: 'Memory: peak arrayBuffers growth',
		measure: 'Memory: peak Buffer memory (arrayBuffers) growth, same runs',
		figure: mib(ms.peakArrayBuffersGrowth),
		baseline: mib(mb.peakArrayBuffersGrowth),
		ratio: round(ms.peakArrayBuffersGrowth / mb.peakArrayBuffersGrowth),
		goal: '-',
		met: null,
		note: 'sampled every 2 ms; reported beside RSS, the 64 MiB goal is for RSS',
	});
	if (tp.skipped) {
		rows.push({ id: '3', name: 'Upload throughput: node vs curl', measure: 'Upload throughput vs curl', figure: '-', baseline: '-', ratio: NaN, goal: '≥ 0.8×', met: null, note: tp.skipped });
	} else {
		const ratio = tp.nodeMiBps / tp.curlMiBps;
		rows.push({
			id: '3',
			name: 'Upload throughput: node vs curl --data-binary',
			measure: `Upload throughput of a ${mib(tp.fileBytes)} file: the node (${kibText(tp.shippedChunkKiB)} reads) vs curl --data-binary, same emulator endpoint (not like for like: curl reads the whole file into memory before it sends; 3b and 3c are the streaming baselines)`,
			figure: `${tp.nodeMiBps.toFixed(0)} MiB/s`,
			baseline: `${tp.curlMiBps.toFixed(0)} MiB/s`,
			ratio: round(ratio),
			goal: '-',
			met: null,
			note: `medians of ${tp.repeats}, timed by the emulator (headers to last body byte); client-side ${tp.nodeClientMiBps.toFixed(0)} vs ${tp.curlClientMiBps.toFixed(0)} MiB/s; curl's whole run, reading the file into memory before sending included, ${tp.curlWallMiBps.toFixed(0)} MiB/s`,
		});
	}
	if (!tp.skipped) {
		const streaming = tp.nodeMiBps / tp.curlStreamingMiBps;
		rows.push({
			id: '3b',
			name: 'Upload throughput: node vs streaming curl',
			measure: `Upload throughput as in 3: the node vs curl -X POST -T file (curl reads the file as it sends it, like the node), same emulator endpoint`,
			figure: `${tp.nodeMiBps.toFixed(0)} MiB/s`,
			baseline: `${tp.curlStreamingMiBps.toFixed(0)} MiB/s`,
			ratio: round(streaming),
			goal: '≥ 0.8×',
			met: streaming >= 0.8,
			note: `medians of ${tp.repeats}, timed by the emulator`,
		});
		const sdk = tp.nodeMiBps / tp.sdkMiBps;
		rows.push({
			id: '3c',
			name: 'Upload throughput: node vs the assemblyai SDK',
			measure: `Upload throughput as in 3: the node vs the official assemblyai SDK's files.upload(path) (a file stream sent with fetch), same emulator endpoint`,
			figure: `${tp.nodeMiBps.toFixed(0)} MiB/s`,
			baseline: `${tp.sdkMiBps.toFixed(0)} MiB/s`,
			ratio: round(sdk),
			goal: '≥ 0.9×',
			met: sdk >= 0.9,
			note: `medians of ${tp.repeats}, timed by the emulator; the SDK's process CPU ${tp.sdkCpuMsPerMiB.toFixed(2)} ms per MiB, the node's ${tp.sweep[tp.shippedChunkKiB].cpuMsPerMiB.toFixed(2)}`,
		});
	}
	const single = polling.single;
	rows.push({
		id: '4a',
		name: 'Polling: requests per transcript',
		measure: `Polling: requests for 1 transcript (create + GETs), processing ${single.processingMs / 1000} s, poll ${polling.pollIntervalSeconds} s, vs the minimum ceil(p/i)+1`,
		figure: String(single.requests),
		baseline: String(single.minimumRequests),
		ratio: round(single.requests / single.minimumRequests),
		goal: '≤ 1.0×',
		met: single.requests <= single.minimumRequests,
	});
	const many = polling.batch;
	const naive = many.count / polling.pollIntervalSeconds;
	const rateNote = `mean ${many.wait.meanPerSecond.toFixed(2)} req/s over ${s(many.wait.ms)}; ${many.requests} requests in all (${many.creates} creates, ${many.lists} lists, ${many.gets} GETs), ${round(many.requestsPerTranscript, 2)} per transcript`;
	rows.push({
		id: '4b',
		name: `Polling: request rate, ${many.count} waiting, busiest 10 s`,
		measure: `Polling: request rate while ${many.count} transcripts wait (processing ${many.processingMs / 1000} s, poll ${polling.pollIntervalSeconds} s), busiest 10-s window (its requests / 10; the goal is judged on this window), vs one GET per transcript per interval`,
		figure: `${many.wait.max10sPerSecond.toFixed(1)} req/s`,
		baseline: `${naive.toFixed(1)} req/s (computed)`,
		ratio: round(many.wait.max10sPerSecond / naive),
		goal: '< 10 req/s',
		met: many.wait.max10sPerSecond < 10,
		note: rateNote,
	});
	rows.push({
		id: '4b',
		name: `Polling: request rate, ${many.count} waiting, busiest 1 s`,
		measure: `Polling: the same, busiest 1-s window (the short burst when many finish together; the goal is on the 10-s window)`,
		figure: `${many.wait.maxPerSecond} req/s`,
		baseline: `${naive.toFixed(1)} req/s (computed)`,
		ratio: round(many.wait.maxPerSecond / naive),
		goal: '-',
		met: null,
	});
	const latencyRow = (id: string, what: string, run: Json, intervalS: number): Row => ({
		id,
		name: `Polling: notice latency, ${what}`,
		measure: `Polling: notice latency, completion to the node's first request whose answer says finished (list or GET), ${what}, max, vs the poll interval`,
		figure: s(run.noticeLatencyMs.max),
		baseline: s(intervalS * 1000),
		ratio: round(run.noticeLatencyMs.max / (intervalS * 1000)),
		goal: '≤ 1.0×',
		met: run.noticeLatencyMs.max <= intervalS * 1000,
		note: `p50 ${s(run.noticeLatencyMs.p50)}, p90 ${s(run.noticeLatencyMs.p90)}; noticed by a list ${run.noticeLatencyMs.by.list}, by a GET ${run.noticeLatencyMs.by.get}${run.noticeLatencyMs.missing ? `; ${run.noticeLatencyMs.missing} never reported finished` : ''}`,
	});
	rows.push(latencyRow('4c', '1 recording', single, polling.pollIntervalSeconds));
	rows.push(latencyRow('4c', `${batch.batch} recordings, bench 1`, batch.batchDetail, batch.pollIntervalSeconds));
	rows.push(latencyRow('4c', `${many.count} recordings`, many, polling.pollIntervalSeconds));

	const long = raw.longRecordings;
	for (const count of SIZES.longRecordings) {
		const node = long[`node${count}`];
		const held = long[`held${count}`];
		rows.push({
			id: '5',
			name: `Memory: ${count} three-hour recordings, poll mode`,
			measure: `Memory: peak RSS growth of the n8n process while one execution transcribes ${count} three-hour recordings (speaker labels, ~6 MB of JSON each), Poll Until Done, Output Key Phrases, vs the same with every transcript's JSON held until the last one is finished (as before issue 13)`,
			figure: mib(node.peakRssGrowth),
			baseline: mib(held.peakRssGrowth),
			ratio: round(node.peakRssGrowth / held.peakRssGrowth),
			goal: '≤ 256 MiB',
			met: node.peakRssGrowth <= 256 * MiB,
			note: `${node.outputItems} items out; heap left after gc ${mib(node.retainedHeapGrowth)} (held: ${mib(held.retainedHeapGrowth)}); Buffer memory peak ${mib(node.peakArrayBuffersGrowth)}; run ${s(node.wallMs)} (held: ${s(held.wallMs)})`,
		});
	}

	rows.push(...callbackRows(raw));
	return rows;
}

function callbackRows(raw: Record<string, Json>): Row[] {
	const rows: Row[] = [];
	const [smaller, larger] = SIZES.callbackBatches.map((count) => raw.callbacks[count]);
	const calls = (run: Json) => `${run.calls} calls within ${s(run.callsWithinMs)}, answered ${Object.entries(run.codes).map(([code, n]) => `${code} ×${n}`).join(', ')}`;
	rows.push({
		id: '6a',
		name: `Callback: stored execution per recording, ${larger.count}`,
		measure: `Callback: the execution n8n stores while it waits (and reads again for every call), per recording, ${larger.count} recordings vs ${smaller.count}`,
		figure: `${(larger.storedBytesPerRecording / 1024).toFixed(2)} KiB`,
		baseline: `${(smaller.storedBytesPerRecording / 1024).toFixed(2)} KiB`,
		ratio: round(larger.storedBytesPerRecording / smaller.storedBytesPerRecording),
		goal: '≤ 2 KiB',
		met: larger.storedBytesPerRecording <= 2048,
		note: `${mib(larger.storedBytes)} in all for ${larger.count} recordings (before issue 13: 37 MiB, growing as n²)`,
	});
	rows.push({
		id: '6b',
		name: `Callback: answer time p99, ${larger.count} calls in ${(larger.spreadMs / 1000).toFixed(0)} s`,
		measure: `Callback: how long AssemblyAI waits for the answer to its call (measured by the emulator), p99, ${larger.count} recordings finishing within ${(larger.spreadMs / 1000).toFixed(0)} s vs ${smaller.count}`,
		figure: s(larger.answerMs.p99),
		baseline: s(smaller.answerMs.p99),
		ratio: round(larger.answerMs.p99 / smaller.answerMs.p99),
		goal: '≤ 1 s',
		met: larger.answerMs.p99 <= 1000 && larger.answerMs.max < 10_000 && larger.unanswered === 0,
		note: `p50 ${s(larger.answerMs.p50)}, p90 ${s(larger.answerMs.p90)}, max ${s(larger.answerMs.max)}; ${calls(larger)}; unanswered ${larger.unanswered}`,
	});
	rows.push({
		id: '6c',
		name: `Callback: requests to AssemblyAI per call, ${larger.count}`,
		measure: `Callback: requests to AssemblyAI per call that decide it (status checks, and lookups beyond the one fetch per recording the resumed output needs), ${larger.count} recordings vs ${smaller.count}`,
		figure: String(round(larger.decidingRequestsPerCall, 3)),
		baseline: String(round(smaller.decidingRequestsPerCall, 3)),
		ratio: round(larger.decidingRequestsPerCall / smaller.decidingRequestsPerCall),
		// One list page and, since the list may lag, the listed running transcript's own GET (issue 22 item 6).
		goal: '≤ 3',
		met: larger.decidingRequestsPerCall <= 3,
		note: `with the resume's fetch of each recording once: ${round(larger.requestsPerCall, 3)} per call (${larger.requests.lists} list requests, ${larger.requests.gets} GETs for ${larger.calls} calls); the resume fetched ${larger.count} results in ${s(larger.resumeMs)} (row 6e)`,
	});
	rows.push({
		id: '6d',
		name: `Callback: resumes, ${larger.count}`,
		measure: `Callback: how often the execution resumed (calls answered 202 and runs of the rest of the workflow), ${larger.count} recordings vs ${smaller.count}`,
		figure: String(larger.resumes),
		baseline: String(smaller.resumes),
		ratio: round(larger.resumes / smaller.resumes),
		goal: '= 1',
		met: larger.resumes === 1 && larger.codes['202'] === 1 && smaller.resumes === 1,
		note: `resumed by the call ${s(larger.resumedByCallAfterMs)} after the execution started waiting`,
	});
	rows.push({
		id: '6e',
		name: `Callback: resume time, ${larger.count}`,
		measure: `Callback: from the call that resumes the execution to the end of the workflow (the resume reads every transcript, 50 requests per second, 12 in flight), ${larger.count} recordings vs ${smaller.count}`,
		figure: s(larger.resumeMs),
		baseline: s(smaller.resumeMs),
		ratio: round(larger.resumeMs / smaller.resumeMs),
		goal: '≤ 30 s',
		met: larger.resumeMs <= 30_000,
		note: `${round(larger.count / (larger.resumeMs / 1000), 1)} transcripts per second (before: 123.35 s at 8 requests per second, 2026-12-05)`,
	});
	return rows;
}

function buildDiagnostics(raw: Record<string, Json>): Row[] {
	const { batch, memoryStreamed: ms, memorySmall, memorySweep: mSweep, throughput: tp, polling } = raw;
	const rows: Row[] = [];
	const slow = batch.slowLookups;
	rows.push({
		id: 'D1',
		name: `Batch ${batch.batch} vs 1, lookups ${slow.delayMs} ms late`,
		measure: `Batch as in 1, every lookup answered ${slow.delayMs} ms late (a distant API): ${batch.batch} recordings vs 1`,
		figure: s(slow.batchMs),
		baseline: s(slow.singleMs),
		ratio: round(slow.batchMs / slow.singleMs),
		goal: '-',
		met: null,
		note: `wait-phase rate ${slow.batchDetail.wait.meanPerSecond.toFixed(2)} req/s mean, ${slow.batchDetail.wait.maxPerSecond} max`,
	});
	if (!tp.skipped) {
		// The chunk-size sweep: throughput, memory (1 GiB, bench 2), CPU and GC of the n8n process per read size.
		for (const kib of SWEEP_KIB) {
			const shipped = kib === tp.shippedChunkKiB;
			const sweep = tp.sweep[kib];
			const memory = shipped ? ms : mSweep[kib];
			rows.push({
				id: 'D2',
				name: `Upload, ${kibText(kib)} reads${shipped ? ' (shipped)' : ''}, vs curl`,
				measure: `Chunk-size sweep: upload as in 3 with getBinaryStream(id, ${kibText(kib)})${shipped ? ', as shipped' : ''}, vs curl`,
				figure: `${sweep.MiBps.toFixed(0)} MiB/s`,
				baseline: `${tp.curlMiBps.toFixed(0)} MiB/s`,
				ratio: round(sweep.MiBps / tp.curlMiBps),
				goal: '-',
				met: null,
				note: `peak RSS growth ${memory ? mib(memory.peakRssGrowth) : '-'} (bench 2, ≤ 64 MiB goal), arrayBuffers ${memory ? mib(memory.peakArrayBuffersGrowth) : '-'}; n8n process CPU ${sweep.cpuMsPerMiB.toFixed(2)} ms per MiB; GC pauses ${(sweep.gcShare * 100).toFixed(0)}% of the upload`,
			});
		}
		for (const [id, what, mibps, cpu] of [
			['D2b', 'fs.createReadStream (highWaterMark 64 KiB) piped into http.request', tp.plainNode64KiBMiBps, tp.plainNodeCpuMsPerMiB.readStream64KiB],
			['D2c', 'fs.createReadStream (highWaterMark 1 MiB) piped into http.request', tp.plainNode1MiBMiBps, tp.plainNodeCpuMsPerMiB.readStream1MiB],
			['D2d', 'the file from memory (one Buffer read beforehand, as curl --data-binary does) in one http.request', tp.plainNodeMemoryMiBps, tp.plainNodeCpuMsPerMiB.memory],
		] as const) {
			rows.push({
				id,
				name: `Upload, plain Node, ${id === 'D2b' ? '64 KiB reads' : id === 'D2c' ? '1 MiB reads' : 'from memory'}, vs curl`,
				measure: `Upload as in 3 by plain Node, no n8n: ${what}, vs curl`,
				figure: `${mibps.toFixed(0)} MiB/s`,
				baseline: `${tp.curlMiBps.toFixed(0)} MiB/s`,
				ratio: round(mibps / tp.curlMiBps),
				goal: '-',
				met: null,
				note: `the node as shipped reaches ${round(tp.nodeMiBps / mibps, 2)}× of this; CPU ${cpu.toFixed(2)} ms per MiB`,
			});
		}
	}
	rows.push({
		id: 'D3',
		name: 'Memory, 1 MiB file, vs 1 GiB',
		measure: `Memory as in 2 for a 1 MiB file: what the node's first upload in a fresh process costs whatever the file's size (code loaded and compiled), vs bench 2`,
		figure: mib(memorySmall.peakRssGrowth),
		baseline: mib(ms.peakRssGrowth),
		ratio: round(memorySmall.peakRssGrowth / ms.peakRssGrowth),
		goal: '-',
		met: null,
		note: `arrayBuffers ${mib(memorySmall.peakArrayBuffersGrowth)}`,
	});
	const many = polling.batch;
	rows.push({
		id: 'D4',
		name: 'Create burst vs wait-phase pacing',
		measure: `Submission of ${many.count} recordings (POST /v2/transcript, unpaced, 4 at a time): busiest 1-s window vs the wait-phase pacing`,
		figure: `${many.submit.maxPerSecond} req/s`,
		baseline: `${many.wait.maxPerSecond} req/s`,
		ratio: round(many.submit.maxPerSecond / many.wait.maxPerSecond),
		goal: '-',
		met: null,
		note: `${many.creates} creates in ${s(many.submit.ms)}`,
	});
	const fetchRow = (what: string, run: Json, intervalS: number): Row => ({
		id: 'D5',
		name: `Polling: fetch latency, ${what}`,
		measure: `Polling: fetch latency, completion to the node's GET of the finished transcript (${what}), max, vs the poll interval`,
		figure: s(run.fetchLatencyMs.max),
		baseline: s(intervalS * 1000),
		ratio: round(run.fetchLatencyMs.max / (intervalS * 1000)),
		goal: '-',
		met: null,
		note: `p50 ${s(run.fetchLatencyMs.p50)}, p90 ${s(run.fetchLatencyMs.p90)}${run.fetchLatencyMs.missing ? `; ${run.fetchLatencyMs.missing} never fetched finished` : ''}`,
	});
	rows.push(fetchRow('1 recording', polling.single, polling.pollIntervalSeconds));
	rows.push(fetchRow(`${batch.batch} recordings, bench 1`, batch.batchDetail, batch.pollIntervalSeconds));
	rows.push(fetchRow(`${many.count} recordings`, many, polling.pollIntervalSeconds));
	return rows;
}

const metText = (met: boolean | null) => (met === null ? '-' : met ? 'yes' : 'NO');

/** The table with short names, then each row's full description and note. */
function renderTable(rows: Row[]): string {
	const head = ['#', 'measure', 'figure', 'baseline', 'ratio', 'goal', 'met'];
	const body = rows.map((r) => [r.id, r.name, r.figure, r.baseline, Number.isNaN(r.ratio) ? '-' : `${r.ratio}×`, r.goal, metText(r.met)]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
	const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ''];
	for (const r of rows) out.push(`${r.id.padEnd(3)} ${r.measure}${r.note ? `\n    ${r.note}` : ''}`);
	return out.join('\n');
}

function renderMarkdown(result: { date: string; machine: Json; totalSeconds: number; rows: Row[]; diagnostics: Row[] }): string {
	const m = result.machine;
	const esc = (t: string) => t.replace(/\|/g, '\\|');
	const table = (rows: Row[]) =>
		[
			'| # | measure | figure | baseline | ratio | goal | met |',
			'|---|---|---|---|---|---|---|',
			...rows.map(
				(r) =>
					`| ${r.id} | ${esc(r.measure)}${r.note ? `<br><sub>${esc(r.note)}</sub>` : ''} | ${r.figure} | ${r.baseline} | ${Number.isNaN(r.ratio) ? '-' : `${r.ratio}×`} | ${r.goal} | ${metText(r.met)} |`,
			),
		].join('\n');
	return [
		'# Benchmark results',
		'',
		`${result.date} · ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM · Node ${m.node} · n8n-core ${m.n8nCore} / n8n-workflow ${m.n8nWorkflow} · ${m.curl}`,
		'',
		`\`npm run bench\` (or \`./run bench\`), total run time ${result.totalSeconds} s. Every ratio is against a baseline measured in the same run; see bench/README.md for what each figure is.`,
		'',
		table(result.rows),
		'',
		'Diagnostics (no goal):',
		'',
		table(result.diagnostics),
		'',
	].join('\n');
}

main().catch((error: Error) => {
	console.error(`\nThe bench failed: ${error.message}`);
	process.exitCode = 1;
});
