'use strict';
// A mailbox for the stories: an SMTP server on 127.0.0.1 (smtp-server from npm, installed into the e2e
// cache by npm-tools.js) that requires a user name and password, accepts every message and keeps it,
// raw and parsed with mailparser (subject, addresses, text part, HTML part), for the test to read.
// No STARTTLS: a local relay without a certificate, reached by n8n's Send Email node with SSL/TLS off.

/**
 * @typedef {{from: string, to: string[], raw: string, subject: string, text: string, html: string,
 *   contentTypes: string[], at: number}} Mail
 * @param {{tools: {require: (m: string) => any}, user: string, password: string}} o
 * @returns {Promise<{host: string, port: number, messages: Mail[], authFailures: number, reset: () => void, close: () => Promise<void>}>}
 */
async function startSmtp({ tools, user, password }) {
	const { SMTPServer } = tools.require('smtp-server');
	const { simpleParser } = tools.require('mailparser');
	/** @type {Mail[]} */
	const messages = [];
	const state = { authFailures: 0 };
	const server = new SMTPServer({
		name: 'stories-smtp.local',
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		authMethods: ['PLAIN', 'LOGIN'],
		logger: false,
		size: 10 * 1024 * 1024,
		onAuth(auth, _session, cb) {
			if (auth.username === user && auth.password === password) return cb(null, { user });
			state.authFailures++;
			return cb(new Error('Invalid username or password'));
		},
		onData(stream, session, cb) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', async () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				try {
					const parsed = await simpleParser(raw);
					messages.push({
						from: session.envelope.mailFrom && session.envelope.mailFrom.address,
						to: session.envelope.rcptTo.map((r) => r.address),
						raw,
						subject: parsed.subject || '',
						text: parsed.text || '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						contentTypes: [...raw.matchAll(/^content-type:\s*([^;\r\n]+)/gim)].map((m) => m[1].toLowerCase()),
						at: Date.now(),
					});
					cb();
				} catch (err) {
					cb(err);
				}
			});
		},
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.server.address();
	return {
		host: '127.0.0.1',
		port,
		messages,
		get authFailures() {
			return state.authFailures;
		},
		reset: () => messages.splice(0),
		close: () => new Promise((r) => server.close(() => r())),
	};
}

module.exports = { startSmtp };
