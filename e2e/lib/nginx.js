'use strict';
// nginx from Debian in front of `n8n start`, as most self-hosted n8n runs: installed with apt-get
// when missing, then our OWN instance with its whole config, logs and temp files under a folder of
// the suite's work folder, on a free port, in the foreground as our child (killed with the suite).
// It forwards to n8n from 127.0.0.2 (proxy_bind), so n8n sees the proxy's address unless
// N8N_PROXY_HOPS is set, and adds X-Forwarded-For with the caller's address (127.0.0.1 here).
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawnSync } = require('child_process');
const { startServer } = require('./proc');
const { ensureDebianPackages } = require('./debian');
const { freePort, limited, until } = require('./services');

/** The address nginx connects to n8n from: a loopback address of its own, unlike the callers'. */
const PROXY_ADDRESS = '127.0.0.2';

/** nginx's binary: on the PATH, or where Debian puts it (/usr/sbin, not on every user's PATH). */
function nginxBin() {
	const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
	if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
	return fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : undefined;
}

const NGINX_PACKAGE = { pkg: 'nginx', present: () => nginxBin() !== undefined };
const ensureNginx = () => ensureDebianPackages([NGINX_PACKAGE]);

const canConnect = (port) =>
	new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1');
		s.setTimeout(1000, () => (s.destroy(), resolve(false)));
		s.on('error', () => resolve(false));
		s.on('connect', () => (s.destroy(), resolve(true)));
	});

/**
 * A reverse proxy on 127.0.0.1:<free port> to http://127.0.0.1:<upstreamPort>, configured as n8n's
 * docs show for nginx (Host, X-Forwarded-For/-Proto, websockets for the editor's push connection).
 * One process (master_process off), no privilege drop: its files stay in `dir`.
 * @returns {Promise<{port: number, base: string, dir: string, server: any, stop: () => Promise<void>}>}
 */
async function startNginx(dir, upstreamPort, limitMs) {
	const bin = nginxBin();
	if (!bin) throw new Error('nginx is not installed (apt-get install -y nginx)');
	fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
	const port = await freePort();
	const tmp = (name) => path.join(dir, 'tmp', name);
	const conf = `daemon off;
master_process off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
	access_log ${path.join(dir, 'access.log')};
	client_body_temp_path ${tmp('body')};
	proxy_temp_path ${tmp('proxy')};
	fastcgi_temp_path ${tmp('fastcgi')};
	uwsgi_temp_path ${tmp('uwsgi')};
	scgi_temp_path ${tmp('scgi')};
	client_max_body_size 50m;
	map $http_upgrade $connection_upgrade { default upgrade; '' close; }
	server {
		listen 127.0.0.1:${port};
		location / {
			proxy_pass http://127.0.0.1:${upstreamPort};
			proxy_bind ${PROXY_ADDRESS};
			proxy_http_version 1.1;
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_set_header Upgrade $http_upgrade;
			proxy_set_header Connection $connection_upgrade;
			proxy_buffering off;
			proxy_read_timeout 300s;
		}
	}
}
`;
	const confFile = path.join(dir, 'nginx.conf');
	fs.writeFileSync(confFile, conf);
	const check = spawnSync(bin, ['-t', '-p', dir, '-c', confFile, '-e', path.join(dir, 'error.log')], { encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
	const server = limited(
		startServer(bin, ['-p', dir, '-c', confFile, '-e', path.join(dir, 'error.log')], { cwd: dir, logFile: path.join(dir, 'nginx.out') }),
		limitMs,
		'nginx',
	);
	await until('nginx', () => canConnect(port), { timeoutMs: 15_000, server });
	return { port, base: `http://127.0.0.1:${port}`, dir, server, stop: () => server.stop(5000) };
}

module.exports = { ensureNginx, startNginx, nginxBin, NGINX_PACKAGE, PROXY_ADDRESS };
