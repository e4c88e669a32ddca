'use strict';
// Child processes with a time limit each; every child still running is killed (its whole process
// group) when the suite exits, also on failure or Ctrl-C.
const { spawn } = require('child_process');

const live = new Set();

function killTree(child, signal = 'SIGTERM') {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* gone */
		}
	}
}

function killAll() {
	for (const child of live) killTree(child, 'SIGKILL');
	live.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, () => {
		killAll();
		process.exit(130);
	});
}

/**
 * Runs a command to completion (or until timeoutMs, then kills it).
 * @returns {Promise<{code: number|null, signal: string|null, stdout: string, stderr: string, ms: number, timedOut: boolean}>}
 */
function run(cmd, args, { cwd, env, timeoutMs = 120_000, input } = {}) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
		live.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
		const timer = setTimeout(() => {
			timedOut = true;
			killTree(child, 'SIGTERM');
			setTimeout(() => killTree(child, 'SIGKILL'), 5000).unref();
		}, timeoutMs);
		const finish = (code, signal) => {
			clearTimeout(timer);
			live.delete(child);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
		};
		child.on('error', (err) => {
			stderr += String(err);
			finish(-1, null);
		});
		child.on('close', finish);
	});
}

/**
 * Starts a long-running process; returns {child, output(), stop()}. stop() sends SIGTERM to its
 * process group, then SIGKILL after graceMs.
 */
function startServer(cmd, args, { cwd, env, logFile } = {}) {
	const fs = require('fs');
	const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	live.add(child);
	let out = '';
	const log = logFile ? fs.createWriteStream(logFile) : null;
	const onData = (c) => {
		out += c;
		if (out.length > 2_000_000) out = out.slice(-1_000_000);
		if (log) log.write(c);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
	return {
		child,
		exited,
		output: () => out,
		async stop(graceMs = 10_000) {
			if (child.exitCode === null && child.signalCode === null) {
				killTree(child, 'SIGTERM');
				const t = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
				await exited;
				clearTimeout(t);
			}
			live.delete(child);
			if (log) log.end();
		},
	};
}

/**
 * Runs a suite's main(): its resolved value is the exit code; a crash kills every process started
 * and still prints the summary line CI reads (`<suite>: 0 passed, 1 failed`).
 */
function runSuite(main, suite) {
	main().then(
		(code) => {
			process.exitCode = code;
		},
		(err) => {
			console.error(err);
			killAll();
			console.log(`${suite}: 0 passed, 1 failed`);
			process.exitCode = 1;
		},
	);
}

module.exports = { run, startServer, killAll, runSuite };
