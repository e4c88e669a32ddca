'use strict';
// Story 5: a daily call-center digest. Yesterday's calls in the bucket (calls/YYYY/MM/DD/) -> key
// phrases -> n8n's Summarize, Sort, Limit and Aggregate -> one email listing the phrases by how many
// calls mention them. Run as "Execute workflow" does (the schedule fires once a day).
const fs = require('fs');
const path = require('path');
const { test, assert, assertEqual } = require('../lib/tests');
const { writeWav } = require('../lib/toolchain');
const { fixturePhrases, withPhrases, sameBytes } = require('./expect');
const { newTranscripts } = require('./s3-email');

const ymd = (d, sep) => [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')].join(sep);

/** Calls per phrase (case-insensitive) and mentions, as the digest must list them. */
function expectedDigest(calls) {
	const by = new Map();
	for (const c of calls.filter((x) => x.phrases)) {
		for (const p of c.phrases) {
			const k = p.text.toLowerCase();
			const e = by.get(k) || { phrase: k, calls: new Set(), mentions: 0 };
			e.calls.add(c.name);
			e.mentions += p.count;
			by.set(k, e);
		}
	}
	return [...by.values()].map((e) => ({ phrase: e.phrase, calls: e.calls.size, mentions: e.mentions }));
}

async function digestStory(sc) {
	const { tag, api, emu, services, ids, bucket, work, slug } = sc;
	const { s3, smtp } = services;
	const dir = path.join(work, `stories-${slug}-calls`);
	fs.mkdirSync(dir, { recursive: true });
	const all = fixturePhrases();
	// n8n runs with GENERIC_TIMEZONE=UTC here, so its $now and these dates agree.
	const now = new Date();
	const yesterday = new Date(now.getTime() - 24 * 3600_000);
	const folder = `calls/${ymd(yesterday, '/')}/`;
	const BROKEN = 'File does not appear to contain audio. File type is application/octet-stream (data).';
	const calls = [
		{ name: 'call-1.wav', hz: 300, phrases: all },
		{ name: 'call-2.wav', hz: 350, phrases: all.slice(0, 8) },
		// Another call says "Air Quality Alerts": the digest counts phrases whatever their case.
		{ name: 'call-3.wav', hz: 400, phrases: [{ ...all[0], text: 'Air Quality Alerts' }, ...all.slice(1, 4), { text: 'heat pump', rank: 0.04, count: 2, timestamps: [{ start: 5000, end: 5600 }, { start: 9000, end: 9600 }] }] },
		{ name: 'call-4.wav', hz: 450, error: BROKEN },
	].map((c, i) => ({ ...c, bytes: writeWav(path.join(dir, c.name), 1 + i * 0.25, c.hz + slug.length) }));
	const lateCall = writeWav(path.join(dir, 'today.wav'), 0.8, 500 + slug.length);

	await test(`${tag}: story 5 daily digest: yesterday's 4 calls (one broken, one more filed today) -> 1 email, phrases by number of calls, the broken call named`, async () => {
		smtp.reset();
		const earlier = new Set(emu.transcripts.keys());
		for (const c of calls) {
			emu.addScenario(c.error ? { match: sameBytes(c.bytes), error: c.error } : { match: sameBytes(c.bytes), mutate: withPhrases(c.phrases) });
			await s3.put(bucket, `${folder}${c.name}`, c.bytes);
		}
		await s3.put(bucket, `calls/${ymd(now, '/')}/today.wav`, lateCall);
		const execId = await api.runManually(ids.digest, 'Every morning at 6');
		const e = await api.finished(ids.digest, execId, 120_000);
		assertEqual(e.status, 'success', `execution ${execId}`);
		await api.waitFor('the digest email', () => smtp.messages.length >= 1, { timeoutMs: 15_000 });
		assertEqual(smtp.messages.length, 1, 'emails');
		const mail = smtp.messages[0];
		assertEqual(mail.subject, `Calls of ${ymd(yesterday, '-')}: 4 recordings, top key phrases`, 'subject');
		for (const t of ['text/plain', 'text/html']) assert(mail.contentTypes.includes(t), `no ${t} part`);
		assertEqual(newTranscripts(emu, earlier, calls.map((c) => c.bytes)).length, 4, "transcripts of yesterday's calls");
		assertEqual(newTranscripts(emu, earlier, [lateCall]).length, 0, "transcripts of today's call");

		const want = expectedDigest(calls);
		const lines = [...mail.text.matchAll(/^(\d+)\. (.+): (\d+) of 4 calls, (\d+) mentions$/gm)].map((m) => ({ phrase: m[2], calls: Number(m[3]), mentions: Number(m[4]) }));
		assertEqual(lines.length, want.length, `phrase lines in the text part:\n${mail.text}`);
		assertEqual([...lines].sort((a, b) => a.phrase.localeCompare(b.phrase)), [...want].sort((a, b) => a.phrase.localeCompare(b.phrase)), 'phrases, calls, mentions');
		for (let i = 1; i < lines.length; i++) {
			const [a, b] = [lines[i - 1], lines[i]];
			assert(a.calls > b.calls || (a.calls === b.calls && a.mentions >= b.mentions), `not ordered by calls, then mentions: "${a.phrase}" before "${b.phrase}"`);
		}
		assertEqual(lines[0], { phrase: 'air quality alerts', calls: 3, mentions: 3 }, 'first line');
		const rows = [...mail.html.matchAll(/<tr><td>([^<]+)<\/td><td align="right">(\d+)<\/td><td align="right">(\d+)<\/td><\/tr>/g)].map((m) => ({ phrase: m[1], calls: Number(m[2]), mentions: Number(m[3]) }));
		assertEqual(rows, lines, 'the HTML table rows (same as the text)');
		const failure = `Not transcribed: ${folder}call-4.wav: `;
		assert(mail.text.includes(failure) && mail.text.includes(BROKEN), `the text part does not name the broken call:\n${mail.text}`);
		assert(mail.html.includes(failure), 'the HTML part does not name the broken call');
		return `"${mail.subject}", ${lines.length} phrases, first "${lines[0].phrase}" in ${lines[0].calls} of 4 calls; 4 transcripts for 4 calls of yesterday, 0 for today's`;
	});
}

module.exports = { digestStory, expectedDigest };
