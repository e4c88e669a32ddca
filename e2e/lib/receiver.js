'use strict';
// A tiny HTTP endpoint on 127.0.0.1 that records what workflows POST to it.
const http = require('http');

function startReceiver() {
	/** @type {{method: string, url: string, headers: object, body: string, json: any}[]} */
	const requests = [];
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
			requests.push({ method: req.method, url: req.url, headers: req.headers, body, json });
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
				reset: () => requests.splice(0),
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
