// @ts-check
/**
 * The AssemblyAI emulator in a process of its own, for the benches that need the n8n process's
 * memory or time to themselves. Unlike scripts/emulator.js it does not hash every upload (that would
 * add the same hashing time to the node's and curl's uploads and flatten their ratio); instead it
 * prints, per request, when its headers arrived and when its body was complete:
 *   {"event":"request","method":"POST","path":"/v2/upload","bytes":N,"start":ms,"end":ms}
 * On stdin, a line "reset" drops the stored uploads and transcripts; "deliveries" prints every webhook
 * attempt so far ({"event":"deliveries","deliveries":[...]}); "finish-window DELAY_MS SPREAD_MS" makes
 * every running transcript finish within SPREAD_MS, DELAY_MS from now (see finishWindow); stdin
 * closing (the parent went away) ends it.
 *
 *   node --expose-gc bench/emulator-child.js --api-key KEY [--queued-ms 0] [--processing-ms 0]
 *        [--duration-seconds S]              every completed recording lasts S seconds (long-recording.js)
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

/** @param {string} name */
function option(name) {
	const at = process.argv.indexOf(name);
	return at >= 0 ? process.argv[at + 1] : undefined;
}

/**
 * "finish-window DELAY_MS SPREAD_MS": every transcript still running finishes DELAY_MS from now plus
 * its share of SPREAD_MS, in an order shuffled against the creation order, so their webhooks fall
 * evenly within SPREAD_MS.
 * @param {any} emu
 * @param {number} delayMs
 * @param {number} spreadMs
 */
function finishWindow(emu, delayMs, spreadMs) {
	const now = Date.now();
	const ids = [...emu.transcripts.keys()];
	// A stride coprime with the count visits every slot once, out of creation order.
	const stride = ids.length % 7919 === 0 ? 1 : 7919;
	ids.forEach((id, i) => emu.finishAt(id, now + delayMs + (((i * stride) % ids.length) * spreadMs) / ids.length));
	return ids.length;
}

async function main() {
	const apiKey = option('--api-key') ?? 'bench-key';
	const durationSeconds = option('--duration-seconds');
	const emu = await startEmulator({
		apiKey,
		queuedMs: Number(option('--queued-ms') ?? 0),
		processingMs: Number(option('--processing-ms') ?? 0),
		durationSeconds: durationSeconds === undefined ? undefined : Number(durationSeconds),
	});
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
		const window = /finish-window (\d+) (\d+)/.exec(String(text));
		if (window) {
			const count = finishWindow(emu, Number(window[1]), Number(window[2]));
			console.log(JSON.stringify({ event: 'window', count }));
		}
		if (String(text).includes('deliveries')) {
			const deliveries = emu.webhookDeliveries().map(({ transcriptId, attempt, statusCode, at, durationMs, outcome }) => ({ transcriptId, attempt, statusCode, at, durationMs, outcome }));
			console.log(JSON.stringify({ event: 'deliveries', deliveries }));
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
