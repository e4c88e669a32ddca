'use strict';
// A tiny HTTP endpoint on 127.0.0.1 that records what workflows POST to it. failNext() makes it
// answer the next requests to one path with an error first (a CRM that rate-limits: 429).
const http = require('http');

function startReceiver() {
	/** @type {{method: string, url: string, headers: object, body: string, json: any, at: number, status: number}[]} */
	const requests = [];
	/** @type {{path: string, times: number, status: number}[]} */
	const failures = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			let json;
			try {
				json = body ? JSON.parse(body) : undefined;
			} catch {
				json = undefined;
			}
			const failure = failures.find((f) => f.times > 0 && req.url === f.path);
			const status = failure ? failure.status : 200;
			requests.push({ method: req.method, url: req.url, headers: req.headers, body, json, at: Date.now(), status });
			if (failure) {
				failure.times--;
				res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '30' } : {}) });
				res.end(JSON.stringify({ status: 'error', message: status === 429 ? 'You have reached your secondly limit.' : 'Internal error' }));
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ received: true }));
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				requests,
				reset: () => {
					requests.splice(0);
					failures.splice(0);
				},
				/** The next `times` requests to `path` get `status` (default 429, as HubSpot's rate limit) instead of 200. */
				failNext: (path, times = 1, status = 429) => failures.push({ path, times, status }),
				close: () =>
					new Promise((r) => {
						server.closeAllConnections?.();
						server.close(() => r());
					}),
			});
		});
	});
}

module.exports = { startReceiver };
