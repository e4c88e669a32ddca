'use strict';
// The outside world of the users' stories, started once for the whole suite (every version gets its
// own bucket, database and contacts in them), each on 127.0.0.1 on a port the OS picks, installed
// when missing and stopped by the suite:
//   - an S3-compatible store (s3rver),
//   - an SMTP mailbox that keeps and parses every message (smtp-server + mailparser),
//   - PostgreSQL (Debian's package), the stories' CRM database,
//   - a HubSpot-shaped notes API.
const path = require('path');
const { ensureNpmTools } = require('../lib/npm-tools');
const { ensurePostgres, startPostgres } = require('../lib/postgres');
const { startS3 } = require('../lib/s3');
const { startSmtp } = require('../lib/smtp');
const { startHubSpot } = require('../lib/hubspot');

/** Exact versions: the suite installs these into the e2e cache (stories-tools/), never into package.json. */
const TOOLS = ['s3rver@3.7.1', 'smtp-server@3.21.6', 'mailparser@3.14.2'];

const S3_KEYS = { accessKeyId: 'E2ESTORIESACCESS', secretAccessKey: 'e2e-stories-secret-key' };
const SMTP_LOGIN = { user: 'n8n-stories', password: 'e2e-smtp-password' };
const HUBSPOT_TOKEN = 'pat-e2e-0000-stories';
/** Contacts the HubSpot receiver knows (a note for any other contact is refused, as HubSpot would). */
const HUBSPOT_CONTACTS = ['123', '456'];

/**
 * @param {{work: string, cache: string, timed: Function, limitMs: number}} o
 * @returns {Promise<{s3: any, smtp: any, pg: any, hubspot: any, tools: any, installNotes: string[], close: () => Promise<void>}>}
 */
async function startServices({ work, cache, timed, limitMs, buckets }) {
	const started = [];
	const installNotes = [];
	try {
		const tools = await timed('stories: npm tools (s3rver, smtp-server, mailparser)', () => ensureNpmTools(cache, 'stories-tools', TOOLS));
		installNotes.push(tools.installedNow ? `npm tools installed now in ${(tools.ms / 1000).toFixed(0)} s` : 'npm tools cached');
		installNotes.push(await timed('stories: postgresql (apt-get when missing)', ensurePostgres));
		const s3 = await startS3({ tools, dir: path.join(work, 'stories-s3'), buckets, ...S3_KEYS });
		started.push(s3);
		const smtp = await startSmtp({ tools, ...SMTP_LOGIN });
		started.push(smtp);
		const pg = await timed('stories: postgres initdb + start', () =>
			startPostgres(path.join(work, 'stories-pg'), limitMs, { user: 'crm', password: 'crm-password', database: 'crm', logName: 'stories-postgres.log' }),
		);
		started.push(pg);
		const hubspot = await startHubSpot({ token: HUBSPOT_TOKEN, contacts: HUBSPOT_CONTACTS });
		started.push(hubspot);
		return {
			s3,
			smtp,
			pg,
			hubspot,
			tools,
			installNotes,
			close: () => closeAll(started),
		};
	} catch (err) {
		await closeAll(started);
		throw err;
	}
}

async function closeAll(list) {
	for (const s of list.reverse()) await Promise.resolve(s.close ? s.close() : s.stop()).catch(() => {});
}

module.exports = { startServices, S3_KEYS, SMTP_LOGIN, HUBSPOT_TOKEN, HUBSPOT_CONTACTS };
