/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- benchmark code runs in Node, never inside n8n */
/**
 * Bench 3: upload throughput. One file on disk (in a temp dir, deleted afterwards) is uploaded to the
 * same emulator endpoint (bench/emulator-child.js, in a child process, which hashes nothing) by
 *  - the node: the file read into n8n's filesystem binary store by a source node, then Transcribe with
 *    Key Phrases, source binary, waitMode none (upload + create);
 *  - curl --data-binary @file -H 'Authorization: K' <emulator>/v2/upload (curl reads the whole file into
 *    memory before it sends);
 *  - streaming baselines, which read the file as they send it, like the node: curl -X POST -T file, and
 *    the official assemblyai SDK's files.upload(path) (a file stream, sent with fetch).
 * and, as diagnostics: the chunk-size sweep (the node's transport with getBinaryStream(id, size) for each
 * size of SWEEP_KIB other than the one the node ships with), plain Node (http.request fed by
 * fs.createReadStream, no n8n) with 64 KiB and 1 MiB reads, and plain Node sending the file from memory
 * (one Buffer, read before the clock starts, as curl --data-binary does): what any Node client can reach
 * here, and how much of it is reading the file.
 * Alternating, REPEATS times each; the median counts. The rate is measured by the emulator, from the
 * request's headers to its last body byte, the same clock for both; client-side wall times are reported
 * beside it (the node's: the node's whole run; curl's: its time_total).
 *   node ... bench/throughput.ts <MiB> <repeats>
 */
import { execFile } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'fs';
import { request } from 'http';
import { PerformanceObserver } from 'perf_hooks';
import { tmpdir } from 'os';
import { join } from 'path';
import { childMain } from './lib/child';
import { startEmulatorProcess, type EmulatorProcess } from './lib/emulatorProcess';
import { SHIPPED_CHUNK_KIB, SWEEP_KIB } from './lib/sweep';
import { AssemblyAI } from 'assemblyai';
import { runWithRecording, useFilesystemBinaryMode, type Variant } from './lib/workflow';

const MiB = 1024 * 1024;
const API_KEY = 'bench-throughput-key';
const CURL = '/usr/bin/curl';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function writeFile(path: string, bytes: number): string {
	// Random blocks so nothing on the way could compress or deduplicate them.
	const hash = createHash('sha256');
	const fd = openSync(path, 'w');
	try {
		for (let written = 0; written < bytes; ) {
			const block = randomBytes(Math.min(4 * MiB, bytes - written));
			writeSync(fd, block);
			hash.update(block);
			written += block.length;
		}
	} finally {
		closeSync(fd);
	}
	return hash.digest('hex');
}

/** `data-binary`: curl reads the file into memory, then sends it; `upload-file` (-T): curl streams it. */
async function uploadWithCurl(emulator: EmulatorProcess, file: string, timeoutMs: number, how: 'data-binary' | 'upload-file' = 'data-binary') {
	const started = Date.now();
	const body = how === 'data-binary' ? ['--data-binary', `@${file}`] : ['-X', 'POST', '-T', file];
	const stdout = await new Promise<string>((ok, fail) =>
		execFile(
			CURL,
			[
				'-sS',
				'--fail',
				'-o',
				'/dev/null',
				'-w',
				'%{time_total} %{speed_upload}',
				...body,
				'-H',
				`Authorization: ${API_KEY}`,
				'-H',
				'Content-Type: application/octet-stream',
				`${emulator.url}/v2/upload`,
			],
			{ timeout: timeoutMs, killSignal: 'SIGKILL' },
			(error, out, err) => (error ? fail(new Error(`curl failed: ${error.message} ${err}`)) : ok(out)),
		),
	);
	const wallMs = Date.now() - started;
	const [timeTotal] = stdout.trim().split(/\s+/).map(Number);
	const upload = await emulator.next((e) => e.path === '/v2/upload', 10_000);
	return { serverMs: upload.end - upload.start, bytes: upload.bytes, clientMs: timeTotal * 1000, wallMs };
}

/** The official SDK: files.upload(path) sends a stream of the file with fetch. */
async function uploadWithSdk(emulator: EmulatorProcess, file: string) {
	const client = new AssemblyAI({ apiKey: API_KEY, baseUrl: emulator.url });
	const started = Date.now();
	const cpuStart = process.cpuUsage();
	await client.files.upload(file);
	const cpu = process.cpuUsage(cpuStart);
	const clientMs = Date.now() - started;
	const upload = await emulator.next((e) => e.path === '/v2/upload', 10_000);
	return { serverMs: upload.end - upload.start, bytes: upload.bytes, clientMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

let binaryDir = '';

/** Garbage collection in this process: the sum of the pauses since `reset()`. */
const gcClock = (() => {
	let ms = 0;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) ms += entry.duration;
	}).observe({ entryTypes: ['gc'] });
	return { reset: () => (ms = 0), ms: () => ms };
})();

async function uploadWithNode(emulator: EmulatorProcess, file: string, variant: Variant = 'node') {
	let cpuStart = process.cpuUsage();
	const result = await runWithRecording({
		variant,
		recording: () => createReadStream(file),
		fileName: 'meeting.wav',
		parameters: { operation: 'transcribe', source: 'binary', binaryPropertyName: 'data', waitMode: 'none' },
		credentials: { apiKey: API_KEY, region: 'custom', baseUrl: emulator.url },
		onSourceDone: () => {
			cpuStart = process.cpuUsage();
			gcClock.reset();
		},
	});
	// The n8n process's CPU time (main thread and libuv's threads) and GC pauses while the node ran.
	const cpu = process.cpuUsage(cpuStart);
	const cpuMs = (cpu.user + cpu.system) / 1000;
	const gcMs = gcClock.ms();
	if (result.error) throw result.error;
	if (result.items[0]?.json.status !== 'queued') throw new Error(`unexpected output ${JSON.stringify(result.items[0]?.json)}`);
	const upload = await emulator.next((e) => e.path === '/v2/upload', 10_000);
	// Each run stored another copy of the file: drop it, so that runs do not pile up gigabytes on disk.
	rmSync(binaryDir, { recursive: true, force: true });
	mkdirSync(binaryDir);
	return { serverMs: upload.end - upload.start, bytes: upload.bytes, clientMs: result.doneAt - result.sourceDoneAt, cpuMs, gcMs };
}

/** Plain Node: fs.createReadStream piped into http.request (or one Buffer), no n8n, no axios. */
async function uploadWithPlainNode(emulator: EmulatorProcess, file: string | Buffer, bytes: number, highWaterMark: number) {
	const cpuStart = process.cpuUsage();
	gcClock.reset();
	await new Promise<void>((ok, fail) => {
		const req = request(
			`${emulator.url}/v2/upload`,
			{ method: 'POST', headers: { Authorization: API_KEY, 'Content-Type': 'application/octet-stream', 'Content-Length': bytes } },
			(res) => {
				res.resume();
				res.on('end', () => (res.statusCode === 200 ? ok() : fail(new Error(`HTTP ${res.statusCode}`))));
			},
		);
		req.on('error', fail);
		if (Buffer.isBuffer(file)) req.end(file);
		else createReadStream(file, { highWaterMark }).pipe(req);
	});
	const cpu = process.cpuUsage(cpuStart);
	const gcMs = gcClock.ms();
	const upload = await emulator.next((e) => e.path === '/v2/upload', 10_000);
	return { serverMs: upload.end - upload.start, bytes: upload.bytes, cpuMs: (cpu.user + cpu.system) / 1000, gcMs };
}

childMain(async () => {
	const bytes = Number(process.argv[2] ?? 512) * MiB;
	const repeats = Number(process.argv[3] ?? 3);
	if (!existsSync(CURL)) return { skipped: `${CURL} not found` };
	const dir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
	let emulator: EmulatorProcess | undefined;
	try {
		const file = join(dir, 'recording.bin');
		writeFile(file, bytes);
		binaryDir = join(dir, 'n8n-binary');
		mkdirSync(binaryDir);
		await useFilesystemBinaryMode(binaryDir);
		emulator = await startEmulatorProcess('bench', API_KEY);
		// Warm-up, not counted: loads the code paths and the file into the page cache.
		await uploadWithNode(emulator, file);
		await emulator.reset();
		await uploadWithCurl(emulator, file, 120_000);
		await emulator.reset();
		await uploadWithCurl(emulator, file, 120_000, 'upload-file');
		await emulator.reset();
		await uploadWithSdk(emulator, file);
		await emulator.reset();
		const shippedKiB = SHIPPED_CHUNK_KIB;
		const sweepKiB = SWEEP_KIB.filter((kib) => kib !== shippedKiB);
		type NodeRun = Awaited<ReturnType<typeof uploadWithNode>>;
		type PlainRun = Awaited<ReturnType<typeof uploadWithPlainNode>>;
		const node: NodeRun[] = [];
		const curl: Array<Awaited<ReturnType<typeof uploadWithCurl>>> = [];
		const curlStreaming: Array<Awaited<ReturnType<typeof uploadWithCurl>>> = [];
		const sdk: Array<Awaited<ReturnType<typeof uploadWithSdk>>> = [];
		const sweep: Record<number, NodeRun[]> = Object.fromEntries(sweepKiB.map((kib) => [kib, []]));
		const plain64k: PlainRun[] = [];
		const plain1m: PlainRun[] = [];
		const plainMemory: PlainRun[] = [];
		const inMemory = readFileSync(file);
		for (let i = 0; i < repeats; i++) {
			node.push(await uploadWithNode(emulator, file));
			await emulator.reset();
			curl.push(await uploadWithCurl(emulator, file, 120_000));
			await emulator.reset();
			curlStreaming.push(await uploadWithCurl(emulator, file, 120_000, 'upload-file'));
			await emulator.reset();
			sdk.push(await uploadWithSdk(emulator, file));
			await emulator.reset();
			for (const kib of sweepKiB) {
				sweep[kib].push(await uploadWithNode(emulator, file, { chunkSize: kib * 1024 }));
				await emulator.reset();
			}
			plain64k.push(await uploadWithPlainNode(emulator, file, bytes, 64 * 1024));
			await emulator.reset();
			plain1m.push(await uploadWithPlainNode(emulator, file, bytes, MiB));
			await emulator.reset();
			plainMemory.push(await uploadWithPlainNode(emulator, inMemory, bytes, 0));
			await emulator.reset();
			const r = (ms: number) => (bytes / MiB / (ms / 1000)).toFixed(0);
			console.log(
				`round ${i + 1} (MiB/s): node ${r(node[i].serverMs)}, curl ${r(curl[i].serverMs)}, curl -T ${r(curlStreaming[i].serverMs)}, SDK ${r(sdk[i].serverMs)}, ${sweepKiB.map((kib) => `${kib} KiB reads ${r(sweep[kib][i].serverMs)}`).join(', ')}, plain Node 64 KiB ${r(plain64k[i].serverMs)}, 1 MiB ${r(plain1m[i].serverMs)}, from memory ${r(plainMemory[i].serverMs)}`,
			);
		}
		for (const r of [...node, ...curl, ...curlStreaming, ...sdk, ...Object.values(sweep).flat(), ...plain64k, ...plain1m, ...plainMemory]) {
			if (r.bytes !== bytes) throw new Error(`the emulator received ${r.bytes} bytes, not ${bytes}`);
		}
		const rate = (ms: number) => bytes / MiB / (ms / 1000);
		const nodeMiBps = rate(median(node.map((r) => r.serverMs)));
		return {
			fileBytes: bytes,
			repeats,
			shippedChunkKiB: shippedKiB,
			node: { serverMs: node.map((r) => r.serverMs), clientMs: node.map((r) => r.clientMs) },
			curl: { serverMs: curl.map((r) => r.serverMs), clientMs: curl.map((r) => r.clientMs), wallMs: curl.map((r) => r.wallMs) },
			curlStreaming: { serverMs: curlStreaming.map((r) => r.serverMs), clientMs: curlStreaming.map((r) => r.clientMs) },
			sdk: { serverMs: sdk.map((r) => r.serverMs), clientMs: sdk.map((r) => r.clientMs), cpuMs: sdk.map((r) => r.cpuMs) },
			/** The node's transport per read size (KiB); the shipped size is the node's own runs. */
			sweep: Object.fromEntries(
				SWEEP_KIB.map((kib) => {
					const runs = kib === shippedKiB ? node : sweep[kib];
					return [
						kib,
						{
							serverMs: runs.map((r) => r.serverMs),
							clientMs: runs.map((r) => r.clientMs),
							cpuMs: runs.map((r) => r.cpuMs),
							gcMs: runs.map((r) => r.gcMs),
							MiBps: rate(median(runs.map((r) => r.serverMs))),
							/** CPU time of the n8n process per MiB uploaded (all its threads), and the GC pauses' share of the wall time. */
							cpuMsPerMiB: median(runs.map((r) => r.cpuMs)) / (bytes / MiB),
							gcShare: median(runs.map((r) => r.gcMs / r.clientMs)),
						},
					];
				}),
			),
			nodeMiBps,
			plainNode: {
				serverMs64KiB: plain64k.map((r) => r.serverMs),
				serverMs1MiB: plain1m.map((r) => r.serverMs),
				serverMsMemory: plainMemory.map((r) => r.serverMs),
			},
			plainNodeCpuMsPerMiB: {
				readStream64KiB: median(plain64k.map((r) => r.cpuMs)) / (bytes / MiB),
				readStream1MiB: median(plain1m.map((r) => r.cpuMs)) / (bytes / MiB),
				memory: median(plainMemory.map((r) => r.cpuMs)) / (bytes / MiB),
			},
			plainNode64KiBMiBps: rate(median(plain64k.map((r) => r.serverMs))),
			plainNode1MiBMiBps: rate(median(plain1m.map((r) => r.serverMs))),
			plainNodeMemoryMiBps: rate(median(plainMemory.map((r) => r.serverMs))),
			curlMiBps: rate(median(curl.map((r) => r.serverMs))),
			curlStreamingMiBps: rate(median(curlStreaming.map((r) => r.serverMs))),
			sdkMiBps: rate(median(sdk.map((r) => r.serverMs))),
			sdkCpuMsPerMiB: median(sdk.map((r) => r.cpuMs)) / (bytes / MiB),
			nodeClientMiBps: rate(median(node.map((r) => r.clientMs))),
			curlClientMiBps: rate(median(curl.map((r) => r.clientMs))),
			/** curl's whole run, reading the file into memory included. */
			curlWallMiBps: rate(median(curl.map((r) => r.wallMs))),
		};
	} finally {
		emulator?.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
