'use strict';
// After a server's tests: no secret in clear text anywhere n8n keeps records. n8n stores credentials
// encrypted, so the API key and the two webhook header secrets may only appear there, encrypted; a
// workflow, a version of it, an execution (with its copy of the workflow) or an export that held one
// would show it here. Searched: every file of the user folder's .n8n (the SQLite database with its
// -wal/-shm, binary data, config) except the installed packages, `n8n export:workflow --all`,
// `n8n export:credentials --all` (encrypted, as n8n exports by default), and the server's log.
// A control value that n8n keeps in clear (a workflow name) must be found, or the search proves nothing.
const fs = require('fs');
const path = require('path');

/** Every file under dir, skipping the folders named in skip. */
function filesUnder(dir, skip) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return skip.includes(e.name) ? [] : filesUnder(p, skip);
		return e.isFile() ? [p] : [];
	});
}

/**
 * @param {{n8n: import('./n8n').N8n, work: string, tag: string, secrets: Record<string, string>, control: string,
 *   userFolders?: string[], extraFiles?: string[]}} o  userFolders: every process's (default: n8n's);
 *   extraFiles: e.g. a pg_dump of the database, the logs
 * @returns {Promise<{files: number, bytes: number, found: string[], controlFound: boolean, exports: string[]}>}
 */
async function searchN8nRecords({ n8n, work, tag, secrets, control, userFolders = [n8n.userFolder], extraFiles = [] }) {
	const exportDir = path.join(work, `exports-${tag.replace(/\W+/g, '-')}`);
	fs.mkdirSync(exportDir, { recursive: true });
	const exports = [];
	for (const [what, file] of [
		['export:workflow', 'workflows.json'],
		['export:credentials', 'credentials.json'],
	]) {
		const out = path.join(exportDir, file);
		const r = await n8n.cli([what, '--all', `--output=${out}`], { timeoutMs: 120_000 });
		if (r.code !== 0 || !fs.existsSync(out)) throw new Error(`n8n ${what} --all failed (exit ${r.code}):\n${`${r.stdout}\n${r.stderr}`.slice(-1500)}`);
		exports.push(out);
	}
	const files = [...userFolders.flatMap((u) => filesUnder(path.join(u, '.n8n'), ['nodes'])), ...exports, ...extraFiles.filter((f) => fs.existsSync(f))];
	let bytes = 0;
	const found = [];
	let controlFound = false;
	for (const file of files) {
		const content = fs.readFileSync(file);
		bytes += content.length;
		for (const [name, value] of Object.entries(secrets)) {
			if (content.includes(Buffer.from(value, 'utf8'))) found.push(`${name} in ${path.relative(work, file)}`);
		}
		if (content.includes(Buffer.from(control, 'utf8'))) controlFound = true;
	}
	return { files: files.length, bytes, found, controlFound, exports };
}

module.exports = { searchN8nRecords };
