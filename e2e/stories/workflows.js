'use strict';
// The stories' workflows: the shipped examples, changed only where a user changes them for their own
// bucket, mailbox, database and CRM (credentials, bucket names, URLs), plus the one timing change a
// test needs (story 1's schedule: every 5 seconds instead of every 5 minutes).
const W = require('../lib/workflows');
const { S3_KEYS, SMTP_LOGIN, HUBSPOT_TOKEN } = require('./services');

const files = {
	s3Email: 's3-recordings-to-email.json',
	drive: 'drive-recording-to-email.json',
	pgRows: 'webhook-url-to-postgres-key-phrases.json',
	hubspot: 'webhook-url-to-hubspot-notes.json',
	wait: 'transcribe-then-wait-for-assemblyai.json',
	batch: 'batch-with-callback.json',
	digest: 's3-calls-daily-digest.json',
};

/** The credential a node of an example refers to, by type. */
function credentialRef(examples, type) {
	for (const wf of Object.values(examples)) {
		for (const n of wf.nodes) if (n.credentials && n.credentials[type]) return n.credentials[type];
	}
	throw new Error(`no example uses a ${type} credential`);
}

/** Credentials with the ids and names the examples refer to, pointed at this suite's services. */
function storyCredentials({ examples, emu, apiKey, services, database }) {
	const { s3, smtp, pg } = services;
	const ref = (type) => ({ ...credentialRef(examples, type), type });
	return [
		...W.credentials(emu.url, apiKey).slice(0, 1),
		{ ...ref('s3'), data: { endpoint: s3.endpoint, region: 'us-east-1', ...S3_KEYS, forcePathStyle: true, ignoreSSLIssues: false } },
		{ ...ref('smtp'), data: { host: smtp.host, port: smtp.port, secure: false, ...SMTP_LOGIN } },
		{ ...ref('postgres'), data: { host: '127.0.0.1', port: pg.port, database, user: pg.user, password: pg.password, ssl: 'disable' } },
		{ ...ref('hubspotAppToken'), data: { appToken: HUBSPOT_TOKEN } },
	];
}

const clone = (x) => JSON.parse(JSON.stringify(x));
const node = (wf, name) => {
	const n = wf.nodes.find((x) => x.name === name);
	if (!n) throw new Error(`${wf.name}: no node "${name}"`);
	return n;
};

/**
 * @param {{examples: Record<string, any>, bucket: string, hubspotUrl: string, waitUrl: string, batchUrls: string[]}} o
 * @returns {Record<keyof typeof files, any>}
 */
function storyWorkflows({ examples, bucket, hubspotUrl, waitUrl, batchUrls }) {
	const ex = (k) => {
		if (!examples[files[k]]) throw new Error(`examples/${files[k]} is missing`);
		return clone(examples[files[k]]);
	};
	const out = {};

	out.s3Email = ex('s3Email');
	node(out.s3Email, 'List recordings').parameters.bucketName = bucket;
	node(out.s3Email, 'Every 5 minutes').parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 5 }] };

	out.drive = ex('drive');

	out.pgRows = ex('pgRows');

	out.hubspot = ex('hubspot');
	const note = node(out.hubspot, 'HubSpot note');
	note.parameters.url = note.parameters.url.replace('https://api.hubapi.com', hubspotUrl);

	out.wait = ex('wait');
	const rec = node(out.wait, 'Recording').parameters.assignments.assignments.find((a) => a.name === 'recordingUrl');
	rec.value = waitUrl;

	out.batch = ex('batch');
	const list = node(out.batch, 'Recordings').parameters.assignments.assignments.find((a) => a.name === 'recordings');
	const names = JSON.parse(list.value).map((r) => r.name);
	list.value = JSON.stringify(names.map((name, i) => ({ name, url: batchUrls[i] })));
	// The stand-in AssemblyAI calls back from this machine, not from AssemblyAI's addresses (the IP Allowlist's default).
	node(out.batch, 'Key Phrases').parameters.ipAllowlist = W.EMULATOR_ADDRESS;

	out.digest = ex('digest');
	node(out.digest, 'List calls of yesterday').parameters.bucketName = bucket;
	return out;
}

/** The nodes from `first` on (following connections), without ids and positions: what a user runs after it. */
function downstream(wf, first) {
	const seen = [];
	const queue = [first];
	while (queue.length) {
		const name = queue.shift();
		if (seen.includes(name)) continue;
		seen.push(name);
		for (const outputs of wf.connections[name]?.main || []) for (const c of outputs || []) queue.push(c.node);
	}
	// Node ids, positions and webhook ids differ between workflows, and so do the ids of If conditions.
	const strip = ({ id, position, webhookId, ...rest }) => JSON.parse(JSON.stringify(rest, (k, v) => (k === 'id' ? undefined : v)));
	const conns = Object.fromEntries(seen.filter((n) => wf.connections[n]).map((n) => [n, wf.connections[n]]));
	return { nodes: seen.map((n) => strip(node(wf, n))), connections: conns };
}

module.exports = { files, storyCredentials, storyWorkflows, downstream };
