// @ts-check
/**
 * The AssemblyAI emulator in a process of its own, for the upload throughput bench. Unlike
 * scripts/emulator.js it does not hash every upload (that would add the same hashing time to the node's
 * and curl's uploads and flatten their ratio); instead it prints, per request, when its headers arrived
 * and when its body was complete:
 *   {"event":"request","method":"POST","path":"/v2/upload","bytes":N,"start":ms,"end":ms}
 * A line "reset" on stdin drops the stored uploads; stdin closing (the parent went away) ends it.
 *
 *   node --expose-gc bench/emulator-child.js --api-key KEY
 */
'use strict';

const { startEmulator } = require('../test/emulator');

/**
 * Runs after the body was read: `entry.at` is when the request's headers arrived.
 * @param {any} ctx
 */
function logRequest(ctx) {
	const line = { event: 'request', method: ctx.method, path: ctx.pathname, bytes: ctx.body.length, start: ctx.entry.at, end: Date.now() };
	console.log(JSON.stringify(line));
	return undefined;
}

async function main() {
	const keyAt = process.argv.indexOf('--api-key');
	const apiKey = keyAt >= 0 ? process.argv[keyAt + 1] : 'bench-key';
	const emu = await startEmulator({ apiKey, queuedMs: 0, processingMs: 0 });
	emu.onRequest(logRequest);
	const stop = () => emu.close().then(() => process.exit(0));
	process.stdin.setEncoding('utf8');
	process.stdin.on('data', (text) => {
		if (String(text).includes('reset')) {
			emu.reset();
			emu.onRequest(logRequest); // reset() removes the hooks too
			// Free the dropped uploads now (run with --expose-gc), not during the next upload.
			/** @type {any} */ (globalThis).gc?.();
			console.log(JSON.stringify({ event: 'reset' }));
		}
	});
	process.stdin.on('end', stop);
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	console.log(`AssemblyAI emulator listening on ${emu.url}  API key: ${emu.apiKey}`);
}

main().catch((err) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
