import { AssemblyAiHighlightsTrigger } from '../../nodes/AssemblyAiHighlightsTrigger/AssemblyAiHighlightsTrigger.node';
import type { Emulator } from '../helpers/emulator';
import { createTranscriptDirectly, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';
import type { TriggerOptions } from '../helpers/webhookServer';
import { serveTrigger } from '../helpers/webhookServer';

const env = useEmulator({ queuedMs: 20, processingMs: 40 });
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up test value
const SECRET = 'trigger-secret-31c7a';

type WebhookEmulator = Emulator & {
	configureWebhooks(options: { retryMs?: number; timeoutMs?: number }): void;
	webhookDeliveries(): Array<{ transcriptId: string; attempt: number; statusCode: number | null; headers: Record<string, string> }>;
	webhooksSettled(): Promise<void>;
};
const emu = () => env.emu as WebhookEmulator;

/** Transcribe without waiting, asking AssemblyAI to call the trigger with the given header value. */
async function transcribeCallingBack(triggerUrl: string, headerValue: string, audioUrl = WILDFIRES_URL) {
	const submitted = await runNode({
		parameters: {
			operation: 'transcribe',
			source: 'url',
			audioUrl,
			waitMode: 'none',
			transcriptOptions: { webhookUrl: triggerUrl },
			webhookAuthentication: 'headerAuth',
		},
		credentials: env.credentials(),
		webhookAuth: { name: 'X-Webhook-Secret', secret: headerValue },
	});
	expect(submitted.error).toBeUndefined();
	return submitted.items[0].json.transcriptId as string;
}

async function withTrigger(
	parameters: Record<string, unknown>,
	run: (trigger: Awaited<ReturnType<typeof serveTrigger>>) => Promise<void>,
	server: Partial<TriggerOptions> = {},
) {
	emu().configureWebhooks({ retryMs: 30 });
	const trigger = await serveTrigger({
		nodeType: new AssemblyAiHighlightsTrigger(),
		// The emulator calls from this machine, not from AssemblyAI's addresses (the IP Allowlist's default).
		parameters: { authentication: 'headerAuth', ipAllowlist: '127.0.0.1', output: 'keyPhrases', options: {}, ...parameters },
		credentials: env.credentials(),
		webhookAuth: { name: 'X-Webhook-Secret', secret: SECRET },
		...server,
	});
	try {
		await run(trigger);
	} finally {
		await trigger.close();
	}
}

describe('AssemblyAI Highlights Trigger, called by the emulator the way AssemblyAI calls webhooks', () => {
	test('the right secret: it answers 200 and emits the transcript\'s key phrases', async () => {
		await withTrigger({}, async (trigger) => {
			const id = await transcribeCallingBack(trigger.url, SECRET);
			await emu().webhooksSettled();
			await trigger.settled();
			expect(trigger.calls).toHaveLength(1);
			const [call] = trigger.calls;
			expect(call.error).toBeUndefined();
			expect(call.status).toBe(200);
			const items = call.result!.workflowData![0];
			expect(items).toHaveLength(15);
			expect(items[0].json).toMatchObject({ transcriptId: id, text: 'air quality alerts', rank: 0.08 });
			expect(emu().transcripts.get(id)).toBeDefined();
			const deliveries = emu().webhookDeliveries().filter((d) => d.transcriptId === id);
			expect(deliveries.map((d) => d.statusCode)).toEqual([200]);
		});
	});

	test('a wrong secret is refused with 401, nothing is emitted, and AssemblyAI does not retry', async () => {
		await withTrigger({}, async (trigger) => {
			const id = await transcribeCallingBack(trigger.url, 'not-the-secret');
			await emu().webhooksSettled();
			await trigger.settled();
			expect(trigger.calls.map((c) => c.status)).toEqual([401]);
			expect(trigger.calls[0].result).toEqual({ noWebhookResponse: true });
			expect(emu().webhookDeliveries().filter((d) => d.transcriptId === id).map((d) => d.statusCode)).toEqual([401]);
		});
	});

	test('a call without the header is refused with 401', async () => {
		await withTrigger({}, async (trigger) => {
			const response = await fetch(trigger.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ transcript_id: 'abc', status: 'completed' }),
			});
			await trigger.settled();
			expect(response.status).toBe(401);
			expect(trigger.calls[0].result?.workflowData).toBeUndefined();
		});
	});

	test('a status "error" notification is emitted as an item with AssemblyAI\'s error, not dropped', async () => {
		await withTrigger({}, async (trigger) => {
			const id = await transcribeCallingBack(trigger.url, SECRET, 'https://unreachable.example/call.mp3');
			await emu().webhooksSettled();
			await trigger.settled();
			const items = trigger.calls[0].result!.workflowData![0];
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ transcriptId: id, status: 'error', error: expect.stringMatching(/Download error/) });
		});
	});

	test('a transcript made elsewhere that AssemblyAI detected as Spanish: the item says Key Phrases is English-only and names the language', async () => {
		await withTrigger({}, async (trigger) => {
			const id = await createTranscriptDirectly(env.emu, {
				audio_url: 'https://media.example.com/entrevista.lang-es.mp3',
				auto_highlights: true,
				webhook_url: trigger.url,
				webhook_auth_header_name: 'X-Webhook-Secret',
				webhook_auth_header_value: SECRET,
			});
			await emu().webhooksSettled();
			await trigger.settled();
			const items = trigger.calls[0].result!.workflowData![0];
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				transcriptId: id,
				status: 'completed',
				error: `Transcript ${id} has no key phrases: AssemblyAI detected Spanish (es); Key Phrases is available for English only, so this transcript has none`,
				errorDescription: expect.stringMatching(/English audio only/),
			});
		});
	});

	test('the same output shapes and options as the node: a summary with the top 3', async () => {
		await withTrigger({ output: 'summary', options: { topN: 3 } }, async (trigger) => {
			const id = await transcribeCallingBack(trigger.url, SECRET);
			await emu().webhooksSettled();
			await trigger.settled();
			const [summary] = trigger.calls[0].result!.workflowData![0];
			expect(summary.json).toMatchObject({ transcriptId: id, status: 'completed', keyPhrases: ['air quality alerts', 'wide ranging air quality consequences', 'air pollution'] });
		});
	});
});

describe('the secret comparison', () => {
	test('equal only when equal, whatever the lengths and characters', async () => {
		const { sameSecret } = await import('../../nodes/AssemblyAiHighlights/utils/sameSecret');
		expect(sameSecret(SECRET, SECRET)).toBe(true);
		expect(sameSecret(SECRET, `${SECRET}x`)).toBe(false);
		expect(sameSecret(`${SECRET}x`, SECRET)).toBe(false);
		expect(sameSecret(SECRET.replace(/a$/, 'b'), SECRET)).toBe(false);
		expect(sameSecret('', SECRET)).toBe(false);
		expect(sameSecret('', '')).toBe(true);
		expect(sameSecret('pässwörd-🔑', 'pässwörd-🔑')).toBe(true);
		expect(sameSecret('pässwörd-🔑', 'passwörd-🔑')).toBe(false);
	});

	test("compared with Node's timingSafeEqual on SHA-256 digests, so neither the length nor the content shows in the time taken", async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const crypto = require('crypto') as typeof import('crypto'); // the module object itself, which the node's import reads
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			const { sameSecret } = await import('../../nodes/AssemblyAiHighlights/utils/sameSecret');
			sameSecret('short', `${SECRET}-much-longer`);
			expect(spy).toHaveBeenCalledTimes(1);
			const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
			expect([a.length, b.length]).toEqual([32, 32]);
			expect(Buffer.from(b).equals(crypto.createHash('sha256').update(`${SECRET}-much-longer`).digest())).toBe(true);
		} finally {
			spy.mockRestore();
		}
	});

	test('the trigger keeps the conventions: name, no inputs, webhook path, credential', () => {
		const { description } = new AssemblyAiHighlightsTrigger();
		expect(description.name).toBe('assemblyAiHighlightsTrigger');
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'assemblyai' }]);
		expect(description.credentials).toEqual([
			{ name: 'assemblyAiHighlightsApi', required: true },
			{ name: 'assemblyAiHighlightsWebhookAuthApi', required: true, testedBy: 'webhookHeaderAuthTest', displayOptions: { show: { authentication: ['headerAuth'] } } },
		]);
		const options = description.properties.find((p) => p.name === 'options')!.options!.map((o) => (o as { name: string }).name);
		expect(options).not.toContain('pollIntervalSeconds');
		expect(options).toContain('includeContext');
	});
});
