'use strict';
// One n8n installation (from the e2e cache) driven through its CLI with a fresh user folder.
const fs = require('fs');
const path = require('path');
const { run, startServer } = require('./proc');
const { freePort } = require('./server');

/** Environment for n8n: the parent's, minus npm's and n8n's own variables, plus ours. */
function cleanEnv(nodeBinDir, extra) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(npm_|N8N_|DB_|NODE_OPTIONS$|INIT_CWD$|WEBHOOK_URL$)/i.test(k)) continue;
		env[k] = v;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH || ''}`;
	return { ...env, ...extra };
}

/** Parses `n8n execute --rawOutput`: 2.x prints task-runner lines before the JSON. */
function parseRunJson(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	if (start < 0) return undefined;
	for (let end = start; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* keep looking */
		}
	}
	return undefined;
}

class N8n {
	/**
	 * @param {{version: string, installDir: string, nodeBin: string, userFolder: string, env?: Record<string,string>}} o
	 */
	constructor(o) {
		Object.assign(this, o);
		this.major = Number(o.version.split('.')[0]);
		this.bin = path.join(o.installDir, 'node_modules', 'n8n', 'bin', 'n8n');
		this.nodeExe = path.join(o.nodeBin, 'node');
	}

	env(extra = {}) {
		return cleanEnv(this.nodeBin, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DEV_RELOAD: 'false',
			DB_SQLITE_POOL_SIZE: '2',
			N8N_LOG_LEVEL: 'info',
			...(this.env_ || {}),
			...extra,
		});
	}

	async cli(args, { timeoutMs = 120_000, env } = {}) {
		// n8n's task broker listens on 5679 unless told otherwise: another n8n on this machine may hold it.
		const broker = { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return await run(this.nodeExe, [this.bin, ...args], { cwd: this.userFolder, env: this.env({ ...broker, ...env }), timeoutMs });
	}

	/** `n8n execute --id=… --rawOutput`; returns the run JSON (IRun) when there is one. */
	async execute(id, { timeoutMs = 180_000, env } = {}) {
		const r = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs, env });
		return { ...r, run: parseRunJson(r.stdout), output: `${r.stdout}\n${r.stderr}` };
	}

	start({ port, logFile, env } = {}) {
		return startServer(this.nodeExe, [this.bin, 'start'], {
			cwd: this.userFolder,
			env: this.env({ N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_SECURE_COOKIE: 'false', ...env }),
			logFile,
		});
	}
}

/** Items a node output in the first run of a run JSON: [{json, pairedItem, …}]. */
function nodeItems(runJson, nodeName, output = 0) {
	const runs = runJson?.data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) return undefined;
	return runs[0].data?.main?.[output] ?? [];
}

function nodeError(runJson, nodeName) {
	return runJson?.data?.resultData?.runData?.[nodeName]?.[0]?.error;
}

module.exports = { N8n, parseRunJson, nodeItems, nodeError, cleanEnv };
