/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node under jest, never inside n8n */
/**
 * The caller's address as n8n's request object carries it: n8n's server is express 5 with
 * `app.set('trust proxy', N8N_PROXY_HOPS)` when the hops are > 0 (packages/cli/src/abstract-server.ts),
 * so `req.ip` and `req.ips` come from proxy-addr: the socket address, then X-Forwarded-For from the
 * right, trusting one entry per hop. This is that computation, for the tests' plain http servers.
 */
import type http from 'http';

export function setClientAddress(req: http.IncomingMessage, proxyHops: number): void {
	const forwarded = String(req.headers['x-forwarded-for'] ?? '')
		.split(',')
		.map((a) => a.trim())
		.filter(Boolean)
		.reverse();
	// proxyaddr.all(): the socket first, then each forwarded address while the previous hop is trusted.
	const chain = [req.socket.remoteAddress ?? '', ...forwarded].slice(0, proxyHops + 1);
	const target = req as http.IncomingMessage & { ip?: string; ips?: string[] };
	target.ip = chain[chain.length - 1];
	// express: req.ips is that chain without the socket, nearest the client first.
	target.ips = chain.slice(1).reverse();
}
