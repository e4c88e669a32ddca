'use strict';
// What every local service of the end-to-end suites shares: a free port on 127.0.0.1, a time limit
// per server, and waiting until a server answers.
const net = require('net');

/** A free TCP port on 127.0.0.1 (the OS picks it; nothing holds it afterwards). */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/** A server with a time limit: stopped (SIGTERM, then SIGKILL) when it is still running at the deadline. */
function limited(server, limitMs, label) {
	const timer = setTimeout(() => {
		console.log(`e2e: ${label} reached its time limit (${Math.round(limitMs / 60_000)} min), stopping it`);
		server.stop(5000);
	}, limitMs);
	timer.unref();
	server.exited.then(() => clearTimeout(timer));
	return server;
}

/** Polls fn (async, truthy when ready) every 200 ms; fails early when `server` exits. */
async function until(what, fn, { timeoutMs, server }) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (server && server.child.exitCode !== null) throw new Error(`${what} exited (${server.child.exitCode}):\n${server.output().slice(-2000)}`);
		if (await fn()) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${what} not ready after ${timeoutMs / 1000} s${server ? `:\n${server.output().slice(-2000)}` : ''}`);
}

module.exports = { freePort, limited, until };
