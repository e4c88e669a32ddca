'use strict';
// The users' stories end to end (issue 15): each example workflow in examples/ that talks to the
// outside world runs in a real `n8n start` of every version, against real local services, and the
// checks are on what the outside world got: the emails in the mailbox, the rows in PostgreSQL, the
// notes HubSpot received, the transcripts AssemblyAI (the emulator) created.
//
// Called from e2e/run.js once per n8n version, after its other tests: its own N8N_USER_FOLDER (the
// package copied from the suite's), its own credentials and workflows, its own `n8n start`.
const fs = require('fs');
const path = require('path');
const { test, fail, assertEqual } = require('../lib/tests');
const { N8n } = require('../lib/n8n');
const { startN8nServer } = require('../lib/server');
const { freePort } = require('../lib/services');
const { tail } = require('../lib/toolchain');
const { startServices } = require('./services');
const { storyCredentials, storyWorkflows, downstream } = require('./workflows');
const { restClient } = require('./rest');
const { s3EmailStory } = require('./s3-email');
const { postgresStory, hubspotStory } = require('./crm');
const { waitNodeStory, batchStory } = require('./wait');
const { digestStory } = require('./digest');

/**
 * @param {{work: string, cache: string, emu: any, apiKey: string, timed: Function, versions: string[], examples: Record<string, any>}} o
 */
function createStories({ work, cache, emu, apiKey, timed, versions, examples }) {
	const bucketOf = (version) => `call-recordings-${version.replace(/\W/g, '-')}`;
	let services;
	let servicesFailed = false;

	async function ensureServices() {
		if (services || servicesFailed) return services;
		const ok = await test('stories: services installed and started (S3 store, SMTP mailbox, PostgreSQL, HubSpot-shaped API)', async () => {
			services = await startServices({ work, cache, timed, limitMs: 60 * 60_000, buckets: versions.map(bucketOf) });
			const { s3, smtp, pg, hubspot } = services;
			return `${services.installNotes.join('; ')}; s3rver ${s3.endpoint}, smtp 127.0.0.1:${smtp.port}, postgres :${pg.port}, hubspot ${hubspot.url}`;
		});
		if (!ok) servicesFailed = true;
		return services;
	}

	/** @param {{n8n: N8n, tag: string, version: string}} ctx the suite's n8n for this version (its package install is reused) */
	async function versionSuite({ n8n, tag, version }) {
		const svc = await ensureServices();
		if (!svc) return fail(`${tag}: stories`, 'not run: the services did not start');
		const slug = version.replace(/\W/g, '-');
		const database = `crm_${slug.replace(/-/g, '_')}`;
		const bucket = bucketOf(version);
		const waitUrl = `https://recordings.example/${slug}/long-call.mp3`;
		const batchUrls = [`https://recordings.example/${slug}/batch-1.mp3`, `https://recordings.example/${slug}/batch-2.mp3`];
		const flows = storyWorkflows({ examples, bucket, hubspotUrl: svc.hubspot.url, waitUrl, batchUrls });
		const ids = Object.fromEntries(Object.entries(flows).map(([k, wf]) => [k, wf.id]));

		// Its own user folder: the package as the suite installed it, a fresh database.
		const userFolder = path.join(work, `stories-user-${version}`);
		const sn8n = new N8n({ version, installDir: n8n.installDir, nodeBin: n8n.nodeBin, userFolder });
		// UTC: the digest's "yesterday" is computed by n8n ($now) and by the test alike. A runner port of
		// our own: other n8n processes on this machine may hold the default one.
		sn8n.env_ = { GENERIC_TIMEZONE: 'UTC', N8N_RUNNERS_BROKER_PORT: String(await freePort()) };

		const prepared = await test(`${tag}: stories: own user folder, credentials for the local services and the story workflows imported`, async () => {
			fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
			fs.cpSync(path.join(n8n.userFolder, '.n8n', 'nodes'), path.join(userFolder, '.n8n', 'nodes'), { recursive: true, verbatimSymlinks: true });
			const db = await svc.pg.psql(`CREATE DATABASE ${database} OWNER ${svc.pg.user}`, 'postgres');
			if (db.code !== 0) throw new Error(`CREATE DATABASE ${database}: ${db.stderr}`);
			const credFile = path.join(work, `stories-creds-${version}.json`);
			fs.writeFileSync(credFile, JSON.stringify(storyCredentials({ examples, emu, apiKey, services: svc, database }), null, 2));
			const c = await timed(`${tag} stories import:credentials`, () => sn8n.cli(['import:credentials', `--input=${credFile}`]));
			if (c.code !== 0) throw new Error(`import:credentials failed:\n${tail(c.stdout + c.stderr)}`);
			const wfDir = path.join(work, `stories-workflows-${version}`);
			fs.mkdirSync(wfDir);
			for (const wf of Object.values(flows)) fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
			const w = await timed(`${tag} stories import:workflow`, () => sn8n.cli(['import:workflow', '--separate', `--input=${wfDir}`]));
			if (w.code !== 0) throw new Error(`import:workflow failed:\n${tail(w.stdout + w.stderr)}`);
			return `${Object.keys(flows).length} workflows, 5 credentials`;
		});
		if (!prepared) return;

		await test(`${tag}: stories: the Google Drive example runs, from its download on, exactly the nodes of the S3 example that story 1 runs`, async () => {
			assertEqual(downstream(flows.drive, 'Key Phrases'), downstream(examples['s3-recordings-to-email.json'], 'Key Phrases'), 'the nodes from Key Phrases on');
			return 'Key Phrases -> Transcribed? -> Email key phrases | Email failure';
		});

		let srv;
		try {
			const started = await test(`${tag}: stories: n8n start (WEBHOOK_URL set, GENERIC_TIMEZONE=UTC)`, async () => {
				srv = await startN8nServer({ n8n: sn8n, work, version: `stories-${version}`, timed, tag: `${tag} stories` });
				return `port ${srv.port}`;
			});
			if (!started) return;
			const api = restClient(srv, n8n.installDir);
			const sc = { tag, slug, version, api, emu, services: svc, ids, flows, srv, work, bucket, database, waitUrl, batchUrls };
			const t0 = Date.now();
			await timed(`${tag} story 1 (S3 -> email)`, () => s3EmailStory(sc));
			await timed(`${tag} story 2 (webhook -> PostgreSQL)`, () => postgresStory(sc));
			await timed(`${tag} story 2 (webhook -> HubSpot)`, () => hubspotStory(sc));
			await timed(`${tag} story 3 (Wait node)`, () => waitNodeStory(sc));
			await timed(`${tag} story 4 (callback batch)`, () => batchStory(sc));
			await timed(`${tag} story 5 (daily digest)`, () => digestStory(sc));
			console.log(`  stories on ${tag}: ${((Date.now() - t0) / 1000).toFixed(0)} s in n8n start`);
		} finally {
			if (srv) await srv.stop();
		}
	}

	return {
		versionSuite,
		close: async () => {
			if (services) await services.close();
		},
	};
}

module.exports = { createStories };
