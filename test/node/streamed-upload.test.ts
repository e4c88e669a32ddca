/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- test code runs in Node under jest, never inside n8n */
/**
 * A recording stored in n8n's filesystem binary mode is streamed to /v2/upload: the test process's
 * memory grows by far less than the file while the node uploads it, and the bytes arrive intact.
 * The emulator runs in a child process here so that only the node's memory is measured.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { BinaryDataService } from 'n8n-core';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { Readable } from 'stream';
import { runNode } from '../helpers/runNode';

const MiB = 1024 * 1024;
const FILE_BYTES = 512 * MiB;
const CHUNK = 1 * MiB;
const API_KEY = 'stream-test-key';

/**
 * The same 1 MiB block, 256 times: made once, so that writing the file into n8n's binary store
 * allocates nothing and only the upload's own memory use shows.
 */
function recording(): { stream: () => Readable; sha256: string } {
	const block = createHash('sha512').update('block').digest();
	const chunk = Buffer.alloc(CHUNK, block);
	const hash = createHash('sha256');
	for (let i = 0; i < FILE_BYTES / CHUNK; i++) hash.update(chunk);
	return {
		sha256: hash.digest('hex'),
		stream: () =>
			Readable.from(
				(function* () {
					for (let i = 0; i < FILE_BYTES / CHUNK; i++) yield chunk;
				})(),
			),
	};
}

let emulator: ChildProcess;
let emulatorUrl = '';
let binaryDir = '';
const emulatorLog: string[] = [];

/** n8n-core's own copy of the DI container (it may differ from a top-level @n8n/di). */
function n8nCoreContainer(): { get<T>(type: new (...args: never[]) => T): T } {
	const coreDir = dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve('@n8n/di', { paths: [coreDir] })).Container;
}

beforeAll(async () => {
	const Container = n8nCoreContainer();
	const service = Container.get(BinaryDataService) as unknown as { config: { mode: string; localStoragePath: string }; init(): Promise<void> };
	service.config.mode = 'filesystem';
	binaryDir = mkdtempSync(join(tmpdir(), 'n8n-binary-'));
	service.config.localStoragePath = binaryDir;
	await service.init();

	emulator = spawn(process.execPath, [resolve(__dirname, '../../scripts/emulator.js'), '--api-key', API_KEY, '--queued-ms', '0', '--processing-ms', '0']);
	emulatorUrl = await new Promise<string>((ok, fail) => {
		emulator.stdout!.setEncoding('utf8').on('data', (text: string) => {
			emulatorLog.push(text);
			const found = /listening on (http:\/\/\S+)/.exec(text);
			if (found) ok(found[1]);
		});
		emulator.once('exit', (code) => fail(new Error(`emulator exited with ${code}`)));
	});
});

afterAll(() => {
	emulator?.kill();
	// The stored 512 MiB recording.
	if (binaryDir) rmSync(binaryDir, { recursive: true, force: true });
});

test('a 512 MiB recording in filesystem mode is uploaded as a stream, byte for byte', async () => {
	const file = recording();
	global.gc?.();
	const before = process.memoryUsage();
	let peakRss = before.rss;
	let peakBuffers = before.arrayBuffers;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
	}, 5);

	const result = await runNode({
		parameters: { operation: 'transcribe', source: 'binary', waitMode: 'none' },
		inputs: [{ binary: { data: { data: file.stream, fileName: 'meeting.wav' } } }],
		credentials: { apiKey: API_KEY, region: 'custom', baseUrl: emulatorUrl },
	});
	clearInterval(sampler);

	const growth = { rss: (peakRss - before.rss) / MiB, buffers: (peakBuffers - before.arrayBuffers) / MiB };
	console.log(`streamed upload of ${FILE_BYTES / MiB} MiB: peak RSS growth ${growth.rss.toFixed(1)} MiB, Buffer memory growth ${growth.buffers.toFixed(1)} MiB`);

	expect(result.error).toBeUndefined();
	expect(result.items[0].json.status).toBe('queued');
	const upload = emulatorLog.join('').split('\n').find((line) => line.includes('POST /v2/upload'));
	expect(upload).toContain(`(${FILE_BYTES} bytes, sha256 ${file.sha256})`);
	// Reading the file into a Buffer would add 512 MiB to both. Streamed, what grows is chunks already sent and not yet garbage-collected (about 64 MiB here).
	expect(growth.buffers).toBeLessThan(FILE_BYTES / MiB / 4);
	expect(growth.rss).toBeLessThan(FILE_BYTES / MiB / 3);
});
