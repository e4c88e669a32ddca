/**
 * Who may call our webhooks: the IP allowlist (preset to AssemblyAI's addresses) and the secret
 * header from the AssemblyAI Webhook Header Auth API credential, on the trigger and on the resume
 * URL of "Wait for AssemblyAI's Callback". Run inside real n8n-core (WebhookContext), with the
 * caller's address computed as n8n's express server does it with N8N_PROXY_HOPS.
 */
import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';
import { AssemblyAiHighlightsTrigger } from '../../nodes/AssemblyAiHighlightsTrigger/AssemblyAiHighlightsTrigger.node';
import { checkAllowlist } from '../../nodes/AssemblyAiHighlights/utils/ipAllowlist';
import { webhookHeaderAuthTest } from '../../nodes/AssemblyAiHighlights/utils/webhookAuth';
import type { Emulator } from '../helpers/emulator';
import { createTranscriptDirectly, useEmulator } from '../helpers/emulator';
import { logged } from '../helpers/n8nCore';
import { startWaitingNode } from '../helpers/waitingExecution';
import type { TriggerOptions } from '../helpers/webhookServer';
import { serveTrigger } from '../helpers/webhookServer';

// Transcripts made here are finished the moment they are created (the callback tests set their own times).
const env = useEmulator({ queuedMs: 0, processingMs: 0 });
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up test value
const SECRET = 'guard-secret-5e02b';
const HEADER = { name: 'X-Webhook-Secret', secret: SECRET };
const ASSEMBLYAI_US = '44.238.19.20';

type WebhookEmulator = Emulator & {
	configureWebhooks(options: { retryMs?: number; delivery?: 'loopback' | 'off' }): void;
	webhookDeliveries(): Array<{ transcriptId: string; statusCode: number | null }>;
	webhooksSettled(): Promise<void>;
};
const emu = () => env.emu as WebhookEmulator;

async function withTrigger(parameters: IDataObject, run: (trigger: Awaited<ReturnType<typeof serveTrigger>>) => Promise<void>, server: Partial<TriggerOptions> = {}) {
	emu().configureWebhooks({ retryMs: 30 });
	const trigger = await serveTrigger({
		nodeType: new AssemblyAiHighlightsTrigger(),
		parameters: { authentication: 'headerAuth', output: 'keyPhrases', options: {}, ...parameters },
		credentials: env.credentials(),
		webhookAuth: HEADER,
		...server,
	});
	try {
		await run(trigger);
	} finally {
		await trigger.close();
	}
}

/** A call as AssemblyAI makes it, with the right secret; `headers` adds or overrides. */
async function call(url: string, transcriptId: string, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET, ...headers },
		body: JSON.stringify({ transcript_id: transcriptId, status: 'completed' }),
	});
	return { status: response.status, body: (await response.json()) as IDataObject };
}

const finished = async () => await createTranscriptDirectly(env.emu, { auto_highlights: true });

describe('the trigger\'s IP Allowlist', () => {
	test('by default only AssemblyAI\'s addresses may call: a call from this machine gets 403, starts nothing, and the refusal is logged', async () => {
		const { description } = new AssemblyAiHighlightsTrigger();
		expect(description.properties.find((p) => p.name === 'ipAllowlist')?.default).toBe('44.238.19.20, 54.220.25.36');
		const loggedBefore = logged.length;
		await withTrigger({}, async (trigger) => {
			const answer = await call(trigger.url, await finished());
			await trigger.settled();
			expect(answer).toEqual({ status: 403, body: { error: 'IP is not allowed to call this webhook' } });
			expect(trigger.calls[0].result).toEqual({ noWebhookResponse: true });
		});
		expect(logged.slice(loggedBefore).join('\n')).toMatch(/warn .*refused a webhook call from 127\.0\.0\.1.*N8N_PROXY_HOPS/);
	});

	test('a listed address is let in, and the transcript\'s phrases come out', async () => {
		await withTrigger({ ipAllowlist: `${ASSEMBLYAI_US}, 127.0.0.1` }, async (trigger) => {
			const answer = await call(trigger.url, await finished());
			await trigger.settled();
			expect(answer.status).toBe(200);
			expect(trigger.calls[0].result!.workflowData![0]).toHaveLength(15);
		});
	});

	test('a CIDR range that holds the caller lets it in', async () => {
		await withTrigger({ ipAllowlist: '127.0.0.0/8' }, async (trigger) => {
			expect((await call(trigger.url, await finished())).status).toBe(200);
		});
	});

	test('empty allows every address', async () => {
		await withTrigger({ ipAllowlist: '' }, async (trigger) => {
			expect((await call(trigger.url, await finished())).status).toBe(200);
		});
	});

	test('behind a proxy (N8N_PROXY_HOPS=1) the address the proxy reports counts, as in n8n\'s request object', async () => {
		await withTrigger(
			{},
			async (trigger) => {
				expect((await call(trigger.url, await finished(), { 'x-forwarded-for': ASSEMBLYAI_US })).status).toBe(200);
				// An address the caller put in front of the proxy's own is not trusted: the proxy's entry decides.
				expect((await call(trigger.url, await finished(), { 'x-forwarded-for': `${ASSEMBLYAI_US}, 198.51.100.7` })).status).toBe(403);
				expect((await call(trigger.url, await finished())).status).toBe(403);
			},
			{ proxyHops: 1 },
		);
	});

	test('without N8N_PROXY_HOPS a forwarded address is ignored: anyone could send the header', async () => {
		await withTrigger({}, async (trigger) => {
			expect((await call(trigger.url, await finished(), { 'x-forwarded-for': ASSEMBLYAI_US })).status).toBe(403);
		});
	});

	test('an entry that is not an address refuses every call with a 500 that names it, and logs it', async () => {
		const loggedBefore = logged.length;
		await withTrigger({ ipAllowlist: '127.0.0.1, 44.238.19' }, async (trigger) => {
			const answer = await call(trigger.url, await finished());
			expect(answer).toEqual({ status: 500, body: { error: 'IP Allowlist has entries that are not IP addresses or CIDR ranges: 44.238.19' } });
		});
		expect(logged.slice(loggedBefore).join('\n')).toMatch(/error .*44\.238\.19; every call is refused/);
	});

	test('the allowlist is checked before the header: a stranger learns nothing about the secret', async () => {
		await withTrigger({}, async (trigger) => {
			expect((await call(trigger.url, 'x', { 'x-webhook-secret': 'wrong' })).status).toBe(403);
		});
	});
});

describe('the allowlist\'s matching', () => {
	test.each([
		['44.238.19.20, 54.220.25.36', '44.238.19.20', true],
		['44.238.19.20, 54.220.25.36', '54.220.25.36', true],
		['44.238.19.20, 54.220.25.36', '::ffff:44.238.19.20', true],
		// n8n's Webhook node tests with includes(): these would pass there.
		['44.238.19.20', '144.238.19.201', false],
		['4.238.19.2', '44.238.19.20', false],
		['10.0.0.0/8', '10.200.3.4', true],
		['10.0.0.0/8', '11.0.0.1', false],
		['2001:db8::/32', '2001:db8:0:1::5', true],
		['2001:db8::/32', '2001:db9::1', false],
		['::1', '0:0:0:0:0:0:0:1', true],
		['127.0.0.1', '::1', false],
		['44.238.19.20', undefined, false],
	])('list "%s", caller %s: allowed %s', (list, ip, allowed) => {
		expect(checkAllowlist(list, ip).allowed).toBe(allowed);
	});

	test('the proxy chain (req.ips) counts too, as in n8n\'s Webhook node', () => {
		expect(checkAllowlist('44.238.19.20', '10.0.0.2', ['44.238.19.20', '10.0.0.2']).allowed).toBe(true);
	});

	test('entries that are not addresses are named', () => {
		expect(checkAllowlist('1.2.3.4, 1.2.3, 10.0.0.0/33, fe80::1/129, a.b.c.d', '1.2.3.4')).toEqual({
			allowed: false,
			invalidEntries: ['1.2.3', '10.0.0.0/33', 'fe80::1/129', 'a.b.c.d'],
		});
	});
});

describe('the trigger\'s Header Auth, from the credential', () => {
	test('a wrong or missing header is refused with 401 and starts nothing', async () => {
		await withTrigger({ ipAllowlist: '' }, async (trigger) => {
			const id = await finished();
			expect((await call(trigger.url, id, { 'x-webhook-secret': `${SECRET}x` })).status).toBe(401);
			const response = await fetch(trigger.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ transcript_id: id }) });
			expect(response.status).toBe(401);
			await trigger.settled();
			expect(trigger.calls.every((c) => c.result?.workflowData === undefined)).toBe(true);
		});
	});

	test('Authentication None accepts a call without the header', async () => {
		await withTrigger({ ipAllowlist: '', authentication: 'none' }, async (trigger) => {
			const response = await fetch(trigger.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ transcript_id: await finished() }) });
			expect(response.status).toBe(200);
		});
	});
});

test('a credential whose secret has a blank at its end (it could never match): the call gets 500, nothing starts, and the log says why', async () => {
	const loggedBefore = logged.length;
	await withTrigger(
		{ ipAllowlist: '127.0.0.1' },
		async (trigger) => {
			const answer = await call(trigger.url, await finished(), { 'x-webhook-secret': SECRET });
			await trigger.settled();
			expect(answer.status).toBe(500);
			expect(answer.body.error).toMatch(/header credential is not usable: Header Secret starts or ends with a space/);
			expect(trigger.calls[0].result).toEqual({ noWebhookResponse: true });
		},
		{ webhookAuth: { name: 'X-Webhook-Secret', secret: `${SECRET} ` } },
	);
	const log = logged.slice(loggedBefore).join('\n');
	expect(log).toMatch(/error .*AssemblyAI Webhook Header Auth API credential is not usable: Header Secret starts or ends with a space.*every call is refused until it is corrected/);
	expect(log).not.toContain(SECRET);
});

describe('the credential\'s Test button', () => {
	const test_ = async (data: IDataObject) => await webhookHeaderAuthTest.call({} as ICredentialTestFunctions, { id: '1', name: 'x', type: 'assemblyAiHighlightsWebhookAuthApi', data } as never);
	test('a usable header passes; a missing secret or a bad name says what is wrong, never the value', async () => {
		expect(await test_({ name: 'X-Webhook-Secret', secret: SECRET })).toEqual({ status: 'OK', message: 'The header is ready to use' });
		expect(await test_({ name: 'X-Webhook-Secret', secret: '' })).toEqual({ status: 'Error', message: 'Header Secret is empty' });
		const bad = await test_({ name: 'X Webhook: Secret', secret: SECRET });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/has characters AssemblyAI does not accept/);
		expect(bad.message).not.toContain(SECRET);
	});
});

describe("Wait for AssemblyAI's Callback: the resume URL checks the caller and the header too", () => {
	const CALLBACK = { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', waitMode: 'callback', output: 'summary' };

	async function waitingFor(parameters: IDataObject) {
		emu().configureWebhooks({ delivery: 'off' });
		env.emu.addScenario({ match: (url) => url.startsWith('https://media.example.com/'), queuedMs: 0, processingMs: 60_000 });
		const execution = await startWaitingNode({
			credentials: env.credentials(),
			inputs: [{ json: { url: 'https://media.example.com/call-0.mp3' } }],
			parameters: { ...CALLBACK, ...parameters },
			webhookAuth: HEADER,
		});
		const created = env.emu.createdParams()[0];
		const id = [...env.emu.transcripts.keys()][0];
		env.emu.finishAt(id, Date.now());
		return { execution, created, id, url: created.webhook_url as string };
	}

	test('Header Auth: AssemblyAI is asked to send the credential\'s header; a call without it gets 401, with it the execution resumes', async () => {
		const { execution, created, id, url } = await waitingFor({ webhookAuthentication: 'headerAuth', ipAllowlist: '127.0.0.1' });
		try {
			expect(execution.first.status).toBe('waiting');
			expect(created).toMatchObject({ webhook_auth_header_name: 'X-Webhook-Secret', webhook_auth_header_value: SECRET });
			expect((await call(url, id, { 'x-webhook-secret': 'wrong' })).status).toBe(401);
			expect(execution.state()).toBe('waiting');
			expect((await call(url, id)).status).toBe(202);
			const done = await execution.finished;
			expect(done.items[0].json).toMatchObject({ transcriptId: id, status: 'completed' });
		} finally {
			await execution.close();
		}
	});

	test('by default only AssemblyAI\'s addresses may resume: a call from this machine gets 403 and the execution keeps waiting', async () => {
		const { execution, id, url } = await waitingFor({});
		try {
			expect((await call(url, id)).status).toBe(403);
			expect(execution.state()).toBe('waiting');
		} finally {
			await execution.close();
		}
	});
});
