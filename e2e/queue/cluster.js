'use strict';
// n8n in queue mode: one main (`n8n start`), N workers (`n8n worker`) and one webhook process
// (`n8n webhook`), each with its OWN N8N_USER_FOLDER (our package npm-installed into each one's
// .n8n/nodes, as on separate machines), sharing only Postgres, Redis and N8N_ENCRYPTION_KEY.
const fs = require('fs');
const path = require('path');
const { N8n } = require('../lib/n8n');
const { startServer } = require('../lib/proc');
const { limited } = require('./services');

async function waitHttp(url, server, what, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (server.child.exitCode !== null || server.child.signalCode !== null)
			throw new Error(`${what} exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output().slice(-3000)}`);
		try {
			const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
			if (r.ok) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${what} not ready after ${timeoutMs / 1000} s (${url}):\n${server.output().slice(-3000)}`);
}

class Cluster {
	/**
	 * @param {{version: string, installDir: string, nodeBin: string, work: string, ports: Record<string, number>,
	 *   redisPort: number, pg: {port: number, database: string, user: string, password: string},
	 *   encryptionKey: string, filesDir: string, workers: number, limitMs: number}} o
	 */
	constructor(o) {
		Object.assign(this, o);
		this.webhookBase = `http://127.0.0.1:${o.ports.webhook}`;
		this.mainBase = `http://127.0.0.1:${o.ports.main}`;
		/** @type {Record<string, {name: string, role: string, n8n: N8n, logFile: string, server?: any, env: Record<string,string>}>} */
		this.procs = {};
		const names = ['main', 'webhook', ...Array.from({ length: o.workers }, (_, i) => `worker-${i + 1}`)];
		// A worker WITHOUT our package (the last check: what happens when one process lacks it).
		if (o.ports.workerBareHealth) names.push('worker-bare');
		for (const name of names) {
			const userFolder = path.join(o.work, `n8n-${name}`);
			fs.mkdirSync(userFolder, { recursive: true });
			const n8n = new N8n({ version: o.version, installDir: o.installDir, nodeBin: o.nodeBin, userFolder });
			n8n.env_ = this.commonEnv();
			this.procs[name] = { name, role: name.replace(/-(\d+|bare)$/, ''), n8n, logFile: path.join(o.work, `${name}.log`), env: {} };
		}
		this.procs.main.env = {
			N8N_PORT: String(o.ports.main),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			// Production webhooks only on the webhook process: proves it serves them.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_RUNNERS_BROKER_PORT: String(o.ports.mainRunners),
		};
		this.procs.webhook.env = { N8N_PORT: String(o.ports.webhook), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_RUNNERS_BROKER_PORT: String(o.ports.webhookRunners) };
		for (const name of this.workerNames(true)) {
			const k = name.replace('worker-', 'worker').replace('bare', 'Bare');
			this.procs[name].env = {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(o.ports[`${k}Health`]),
				N8N_RUNNERS_BROKER_PORT: String(o.ports[`${k}Runners`]),
			};
		}
	}

	/** What every process shares. */
	commonEnv() {
		return {
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.pg.port),
			DB_POSTGRESDB_DATABASE: this.pg.database,
			DB_POSTGRESDB_USER: this.pg.user,
			DB_POSTGRESDB_PASSWORD: this.pg.password,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			// Queue mode's binary data store: Postgres (2.41's default in queue mode, set explicitly).
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			WEBHOOK_URL: `${this.webhookBase}/`,
			N8N_RESTRICT_FILE_ACCESS_TO: this.filesDir,
			N8N_LOG_LEVEL: 'info',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
			// A worker killed -9 holds its job's lock until it expires; Bull finds the job stalled at its
			// next check. Shorter than n8n's defaults (60 s lock, 30 s checks) so the suite sees it in ~15 s.
			QUEUE_WORKER_LOCK_DURATION: '10000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
		};
	}

	get main() {
		return this.procs.main.n8n;
	}

	/** worker-1 … worker-N; with all: also worker-bare. */
	workerNames(all = false) {
		return Object.keys(this.procs).filter((n) => n.startsWith('worker-') && (all || n !== 'worker-bare'));
	}

	cmdFor(name) {
		const role = this.procs[name].role;
		return role === 'main' ? 'start' : role;
	}

	/** Starts one process; resolves when it answers its readiness check. */
	async start(name) {
		const p = this.procs[name];
		const { n8n } = p;
		if (p.server) p.earlier = (p.earlier || '') + p.server.output();
		p.stoppedOnPurpose = false;
		p.server = limited(
			startServer(n8n.nodeExe, [n8n.bin, this.cmdFor(name)], { cwd: n8n.userFolder, env: n8n.env(p.env), logFile: p.logFile + (p.starts ? `.${p.starts}` : '') }),
			this.limitMs,
			name,
		);
		p.starts = (p.starts || 0) + 1;
		const t = Date.now();
		if (p.role === 'main') await waitHttp(`${this.mainBase}/healthz/readiness`, p.server, 'n8n start');
		else if (p.role === 'webhook') await waitHttp(`${this.webhookBase}/healthz/readiness`, p.server, 'n8n webhook');
		else await waitHttp(`http://127.0.0.1:${p.env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`, p.server, `n8n worker (${name})`);
		return Date.now() - t;
	}

	/** Stops one process (SIGTERM: n8n shuts down gracefully; SIGKILL after graceMs). */
	async stop(name, graceMs = 20_000) {
		const p = this.procs[name];
		if (p.server && this.isRunning(name)) p.stoppedOnPurpose = true;
		if (p.server) await p.server.stop(graceMs);
	}

	/** Kills one process at once (SIGKILL: no shutdown, as an OOM kill or a lost machine). */
	async kill9(name) {
		const p = this.procs[name];
		if (!p.server || !this.isRunning(name)) return;
		p.stoppedOnPurpose = true;
		const exited = new Promise((resolve) => p.server.child.once('exit', resolve));
		p.server.child.kill('SIGKILL');
		await exited;
	}

	isRunning(name) {
		const s = this.procs[name].server;
		return !!s && s.child.exitCode === null && s.child.signalCode === null;
	}

	/** Everything the process printed, over all its starts. */
	output(name) {
		const p = this.procs[name];
		return (p.earlier || '') + (p.server ? p.server.output() : '');
	}

	/**
	 * Who ran what, from the logs: worker lines "Worker started execution 12 (job 7)" and "Worker
	 * finished execution 12 (job 7)", webhook/main lines "Enqueued execution 12 (job 7)".
	 * @returns {{process: string, event: 'started'|'finished'|'enqueued', executionId: string, jobId: string}[]}
	 */
	events() {
		const out = [];
		for (const name of Object.keys(this.procs)) {
			const text = this.output(name);
			for (const m of text.matchAll(/(Worker started|Worker finished|Enqueued) execution (\d+) \(job ([^)]+)\)/g)) {
				const event = m[1] === 'Enqueued' ? 'enqueued' : m[1] === 'Worker started' ? 'started' : 'finished';
				out.push({ process: name, event, executionId: m[2], jobId: m[3] });
			}
		}
		return out;
	}

	/** "worker-N (job J)" for each start of the execution on a worker, in job order. */
	workersOf(executionId) {
		return this.events()
			.filter((e) => e.event === 'started' && e.executionId === String(executionId))
			.sort((a, b) => Number(a.jobId) - Number(b.jobId)) // Bull's job ids grow: start order
			.map((e) => `${e.process} (job ${e.jobId})`);
	}
}

/** A small Postgres client (the `pg` that n8n itself ships) for checks of n8n's tables. */
function pgClient(installDir, pg) {
	const { Client } = require(path.join(installDir, 'node_modules', 'pg'));
	const client = new Client({ host: '127.0.0.1', port: pg.port, database: pg.database, user: pg.user, password: pg.password });
	return client;
}

module.exports = { Cluster, pgClient, waitHttp };
