'use strict';
// Story 1: new recordings in an S3 bucket -> Transcribe with Key Phrases -> one email each, run by its
// Schedule Trigger in an active workflow (every 5 s here), so every check spans several executions.
const path = require('path');
const { test, assert, assertEqual } = require('../lib/tests');
const { writeWav } = require('../lib/toolchain');
const { fixturePhrases, firstMention, withPhrases, prefixed, sameBytes } = require('./expect');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Transcripts created since `earlier` (a set of IDs) from an upload of one of these files. */
function newTranscripts(emu, earlier, files) {
	const bytesOf = (url) => {
		try {
			return emu.uploadBytes(url);
		} catch {
			return undefined;
		}
	};
	return [...emu.transcripts.values()].filter((t) => {
		if (earlier.has(t.id)) return false;
		const b = bytesOf(t.params.audio_url);
		return Buffer.isBuffer(b) && files.some((f) => b.equals(f));
	});
}

/** The email the example sends for a recording whose transcript has `phrases`: checks subject, both parts. */
function checkKeyPhraseMail(mail, fileName, phrases, transcriptId) {
	assertEqual(mail.subject, `Key phrases: ${fileName}`, 'subject');
	assertEqual(mail.to, ['you@example.com'], 'recipients');
	for (const t of ['multipart/alternative', 'text/plain', 'text/html']) assert(mail.contentTypes.includes(t), `no ${t} part: ${mail.contentTypes.join(', ')}`);
	const top = phrases.slice(0, 10);
	const lines = mail.text.split('\n').filter((l) => /^\d+\. /.test(l));
	assertEqual(
		lines,
		top.map((p, i) => `${i + 1}. ${p.text} (said ${p.count}x, jump to ${firstMention(p)})`),
		`${fileName}: the text part's phrase lines`,
	);
	assert(mail.text.includes(`AssemblyAI transcript ID: ${transcriptId}`), `${fileName}: the text part does not name transcript ${transcriptId}`);
	const items = [...mail.html.matchAll(/<li><b>([^<]*)<\/b>, said (\d+)x, jump to ([\d:]+)<\/li>/g)].map((m) => [m[1], Number(m[2]), m[3]]);
	assertEqual(items, top.map((p) => [p.text, p.count, firstMention(p)]), `${fileName}: the HTML part's list items`);
	assert(mail.html.includes(`<h2>Key phrases: ${fileName}</h2>`), `${fileName}: HTML heading`);
}

async function s3EmailStory(sc) {
	const { tag, api, emu, services, bucket, ids, work, slug } = sc;
	const { s3, smtp } = services;
	const wfId = ids.s3Email;
	const dir = path.join(work, `stories-${slug}-recordings`);
	require('fs').mkdirSync(dir, { recursive: true });
	const wav = (name, seconds, hz) => writeWav(path.join(dir, name), seconds, hz);
	const rec = {
		a: { key: 'recordings/call-a.wav', file: 'call-a.wav', bytes: wav('call-a.wav', 1, 440), phrases: prefixed('[a] ') },
		b: { key: 'recordings/call-b.wav', file: 'call-b.wav', bytes: wav('call-b.wav', 1.5, 660), phrases: prefixed('[b] ', fixturePhrases().slice(3)) },
		c: { key: 'recordings/call-c.wav', file: 'call-c.wav', bytes: wav('call-c.wav', 0.5, 880) },
	};
	const BROKEN = 'File does not appear to contain audio. File type is application/octet-stream (data).';
	emu.addScenario({ match: sameBytes(rec.a.bytes), mutate: withPhrases(rec.a.phrases) });
	emu.addScenario({ match: sameBytes(rec.b.bytes), mutate: withPhrases(rec.b.phrases) });
	emu.addScenario({ match: sameBytes(rec.c.bytes), error: BROKEN });
	const earlier = new Set(emu.transcripts.keys());
	const created = () => newTranscripts(emu, earlier, [rec.a, rec.b, rec.c].map((r) => r.bytes));
	const transcriptOf = (r) => newTranscripts(emu, earlier, [r.bytes]);
	smtp.reset();
	const finishedRuns = async () => (await api.executions(wfId)).filter((e) => e.status === 'success');

	let phase1 = false;
	phase1 = await test(`${tag}: story 1 S3 -> email: 2 new recordings in the bucket -> 2 emails, subject names each, top 10 phrases with "jump to" times in HTML and text`, async () => {
		await s3.put(bucket, rec.a.key, rec.a.bytes);
		await s3.put(bucket, rec.b.key, rec.b.bytes);
		await s3.put(bucket, 'elsewhere/not-in-the-folder.wav', wav('elsewhere.wav', 0.7, 330));
		await api.activate(wfId);
		await api.waitFor('2 emails', () => smtp.messages.length >= 2, { timeoutMs: 90_000 });
		await sleep(500);
		assertEqual(smtp.messages.length, 2, 'emails delivered');
		for (const r of [rec.a, rec.b]) {
			const mails = smtp.messages.filter((m) => m.subject === `Key phrases: ${r.file}`);
			assertEqual(mails.length, 1, `emails for ${r.file}`);
			const ts = transcriptOf(r);
			assertEqual(ts.length, 1, `transcripts of ${r.file}`);
			checkKeyPhraseMail(mails[0], r.file, r.phrases, ts[0].id);
		}
		assertEqual(created().length, 2, 'transcripts created');
		const gets = s3.requests.filter((q) => q.method === 'GET' && q.url.includes('not-in-the-folder'));
		assertEqual(gets.length, 0, 'downloads of the object outside recordings/');
		return `emails: ${smtp.messages.map((m) => `"${m.subject}"`).join(', ')}; 2 transcripts for 2 recordings`;
	});
	if (!phase1) {
		await api.deactivate(wfId).catch(() => {});
		return;
	}

	await test(`${tag}: story 1 S3 -> email: the same key put again, then 3 more scheduled executions and a manual run -> no email, no transcript (Remove Duplicates' history persists)`, async () => {
		await s3.put(bucket, rec.a.key, rec.a.bytes);
		const before = (await finishedRuns()).length;
		await api.waitFor('3 more successful executions', async () => (await finishedRuns()).length >= before + 3, { timeoutMs: 90_000 });
		const runs = await finishedRuns();
		const last = runs[0];
		const kept = await api.nodeOutput(last.id, 'Only new recordings', 0);
		const seen = await api.nodeOutput(last.id, 'Only new recordings', 1);
		assertEqual(kept.length, 0, `items kept by Remove Duplicates in execution ${last.id}`);
		assertEqual(seen.map((i) => i.json.Key).sort(), [rec.a.key, rec.b.key], `items discarded as already seen in execution ${last.id}`);
		// "Execute workflow" in the editor (mode manual) reads and writes the same history.
		const manual = await api.runManually(wfId, 'Every 5 minutes');
		const m = await api.finished(wfId, manual);
		assertEqual(m.status, 'success', `manual execution ${manual}`);
		assertEqual((await api.nodeOutput(manual, 'Only new recordings', 0)).length, 0, 'items kept in the manual run');
		await sleep(1000);
		assertEqual(smtp.messages.length, 2, 'emails delivered in all');
		assertEqual(created().length, 2, 'transcripts created in all');
		return `${runs.length} scheduled executions in all (mode ${last.mode}), each recording transcribed and emailed once; manual run ${manual}: nothing new`;
	});

	await test(`${tag}: story 1 S3 -> email: a recording AssemblyAI cannot transcribe -> a failure email with the reason, nothing else`, async () => {
		await s3.put(bucket, rec.c.key, rec.c.bytes);
		await api.waitFor('the failure email', () => smtp.messages.length >= 3, { timeoutMs: 90_000 });
		await sleep(500);
		assertEqual(smtp.messages.length, 3, 'emails delivered in all');
		const mail = smtp.messages[2];
		assertEqual(mail.subject, `Could not transcribe ${rec.c.file}`, 'subject');
		const ts = transcriptOf(rec.c);
		assertEqual(ts.length, 1, 'transcripts of the broken recording');
		assert(mail.text.includes(BROKEN), `the email does not give AssemblyAI's reason:\n${mail.text}`);
		assert(mail.text.includes(ts[0].id), `the email does not name transcript ${ts[0].id}:\n${mail.text}`);
		return `"${mail.subject}": ${mail.text.split('\n')[2].slice(0, 100)}`;
	});
	await api.deactivate(wfId).catch(() => {});
}

module.exports = { s3EmailStory, checkKeyPhraseMail, newTranscripts };
