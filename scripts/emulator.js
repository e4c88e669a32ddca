#!/usr/bin/env node
// @ts-check
/**
 * Runs the AssemblyAI API emulator until Ctrl-C.
 *
 *   node scripts/emulator.js [--port 8787] [--api-key KEY] [--queued-ms 2000] [--processing-ms 3000]
 *
 * PORT and EMULATOR_API_KEY work as environment variables too. Point a client at the printed URL
 * (SDK: `new AssemblyAI({ apiKey, baseUrl })`; n8n credential: the base URL field).
 */
'use strict';

const crypto = require('crypto');
const { startEmulator } = require('../test/emulator');

/**
 * @param {string[]} argv
 * @returns {Record<string, string>}
 */
function parseArgs(argv) {
	/** @type {Record<string, string>} */
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '-h' || arg === '--help') {
			args.help = 'true';
			continue;
		}
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!m) throw new Error(`unexpected argument: ${arg}`);
		args[m[1]] = m[2] ?? argv[++i] ?? '';
	}
	return args;
}

/**
 * @param {string | undefined} value
 * @param {string} name
 * @param {number} fallback
 */
function toInt(value, name, fallback) {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${value}`);
	return n;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log('usage: node scripts/emulator.js [--port N] [--api-key KEY] [--queued-ms MS] [--processing-ms MS]');
		return;
	}
	const emu = await startEmulator({
		port: toInt(args.port ?? process.env.PORT, 'port', 0),
		apiKey: args['api-key'] || process.env.EMULATOR_API_KEY || 'emulator-key',
		queuedMs: toInt(args['queued-ms'], 'queued-ms', 2000),
		processingMs: toInt(args['processing-ms'], 'processing-ms', 3000),
	});
	emu.onRequest((ctx) => {
		const digest = ctx.pathname === '/v2/upload' ? `, sha256 ${crypto.createHash('sha256').update(ctx.body).digest('hex')}` : '';
		console.log(`${new Date().toISOString()} ${ctx.method} ${ctx.path} (${ctx.body.length} bytes${digest})`);
	});
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		emu.close().then(() => process.exit(0));
	};
	// Before the banner: whoever reads the banner may stop us at once.
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	console.log(`AssemblyAI emulator listening on ${emu.url}  API key: ${emu.apiKey}`);
}

main().catch((err) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
