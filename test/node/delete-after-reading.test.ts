/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * Options > Delete After Reading in real n8n-core against the emulator: the transcript (and its
 * upload) is deleted once the output is built and will be delivered, once per transcript, and no
 * failure to delete ever costs the phrases.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { waitingItems } from '../../nodes/AssemblyAiHighlights/actions/callback/state';
import { DEFAULT_SHAPE_OPTIONS } from '../../nodes/AssemblyAiHighlights/highlights';
import { AssemblyAiHighlightsTrigger } from '../../nodes/AssemblyAiHighlightsTrigger/AssemblyAiHighlightsTrigger.node';
import { RETRY_POLICY } from '../../nodes/AssemblyAiHighlights/transport/policy';
import type { Emulator } from '../helpers/emulator';
import { createTranscriptDirectly, FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';
import { startWaitingNode } from '../helpers/waitingExecution';
import { serveTrigger } from '../helpers/webhookServer';

// A refused deletion outlasts the retries: the shipped policy (RETRY_POLICY), its real attempts and backoff.

const env = useEmulator({ queuedMs: 20, processingMs: 60 });
const DELETE_ON = { ...FAST, deleteAfterReading: true };
const UNREACHABLE = 'https://unreachable.example/lost-call.mp3';

type WebhookEmulator = Emulator & {
	configureWebhooks(options: { retryMs?: number }): void;
	webhooksSettled(): Promise<void>;
};

const deletes = () => env.emu.requests.filter((r) => r.method === 'DELETE');
const isDeleted = (id: string) => typeof env.emu.transcripts.get(id)?.deletedAt === 'number';
/** Index of the last request for this transcript other than its DELETE, and of its DELETE. */
function order(id: string) {
	const paths = env.emu.requests.map((r) => `${r.method} ${r.path}`);
	return { lastRead: paths.lastIndexOf(`GET /v2/transcript/${id}`), deletion: paths.indexOf(`DELETE /v2/transcript/${id}`) };
}

describe('Transcribe with Key Phrases, Delete After Reading', () => {
	test('an uploaded recording: every phrase item says deleted: true; the transcript and the upload are gone, deleted once, after the read', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'binary', options: DELETE_ON },
			inputs: [{ binary: { data: { data: Buffer.from('RIFF a stereo call'), fileName: 'call.wav' } } }],
			credentials: env.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(15);
		expect(result.items.every((i) => i.json.deleted === true && typeof i.json.text === 'string')).toBe(true);
		const id = result.items[0].json.transcriptId as string;
		expect(isDeleted(id)).toBe(true);
		expect(env.emu.uploads.size).toBe(0);
		expect(deletes()).toHaveLength(1);
		const { lastRead, deletion } = order(id);
		expect(deletion).toBeGreaterThan(lastRead);
	});

	test('Raw Transcript: the whole transcript as read before deletion, plus deleted: true', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, output: 'raw', options: DELETE_ON },
			credentials: env.credentials(),
		});
		const raw = result.items[0].json as IDataObject & { words: unknown[] };
		expect(raw.words).toHaveLength(861);
		expect(raw).toMatchObject({ status: 'completed', text: expect.stringMatching(/^Smoke from hundreds/), deleted: true });
		expect(isDeleted(raw.id as string)).toBe(true);
	});

	test('a failed delete keeps the phrases: deleted: false and the reason', async () => {
		const remove = env.emu.onRequest((ctx) => (ctx.method === 'DELETE' ? { status: 500, json: { error: 'Internal Server Error' } } : undefined));
		try {
			const result = await runNode({
				parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, output: 'summary', options: DELETE_ON },
				credentials: env.credentials(),
			});
			expect(result.error).toBeUndefined();
			const [summary] = result.items;
			expect(summary.json.keyPhrases).toHaveLength(15);
			expect(summary.json.deleted).toBe(false);
			expect(summary.json.deleteError).toBe(`AssemblyAI deletion of transcript ${summary.json.transcriptId} failed (HTTP 500): Internal Server Error`);
			expect(isDeleted(summary.json.transcriptId as string)).toBe(false);
			expect(deletes()).toHaveLength(RETRY_POLICY.maxAttempts);
		} finally {
			remove();
		}
	});

	test('when the node stops on an error nothing is deleted: its output is never delivered', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: DELETE_ON },
			inputs: [{ json: { url: WILDFIRES_URL } }, { json: { url: UNREACHABLE } }],
			credentials: env.credentials(),
		});
		expect(result.status).toBe('error');
		expect(deletes()).toHaveLength(0);
		expect([...env.emu.transcripts.keys()].some(isDeleted)).toBe(false);
	});

	test('continue on fail: the read transcript is deleted, the failed item stays an error item', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: DELETE_ON },
			inputs: [{ json: { url: WILDFIRES_URL } }, { json: { url: UNREACHABLE } }],
			onError: 'continueRegularOutput',
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => [i.pairedItem, i.json.deleted, typeof i.json.error])).toEqual([
			[{ item: 0 }, true, 'undefined'],
			[{ item: 1 }, undefined, 'string'],
		]);
		expect(deletes()).toHaveLength(1);
	});

	test("Don't Wait reads nothing, so it has no options: Delete After Reading saved with it deletes nothing", async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, waitMode: 'none', options: DELETE_ON },
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => i.json)).toEqual([{ transcriptId: expect.any(String), status: 'queued' }]);
		expect(deletes()).toHaveLength(0);
	});
});

describe('Get Highlights, Delete After Reading', () => {
	test('the same transcript in two items: both get their phrases, it is deleted once, after both are built', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: { operation: 'getHighlights', transcriptId: '={{ $json.id }}', output: 'summary', options: DELETE_ON },
			inputs: [{ json: { id } }, { json: { id } }],
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => [i.pairedItem, (i.json.keyPhrases as string[]).length, i.json.deleted])).toEqual([
			[{ item: 0 }, 15, true],
			[{ item: 1 }, 15, true],
		]);
		expect(deletes()).toHaveLength(1);
		const { lastRead, deletion } = order(id);
		expect(deletion).toBeGreaterThan(lastRead);
		expect(deletion).toBe(env.emu.requests.length - 1);
	});

	test('a transcript deleted earlier: an error that says so, not "created without key phrases"', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		await new Promise((resolve) => setTimeout(resolve, 150));
		await fetch(`${env.emu.url}/v2/transcript/${id}`, { method: 'DELETE', headers: { authorization: env.emu.apiKey } });
		const result = await runNode({ parameters: { operation: 'getHighlights', transcriptId: id, options: FAST }, credentials: env.credentials() });
		expect(result.error?.message).toBe(`Transcript ${id} was deleted: AssemblyAI no longer has its text or key phrases`);
		expect(result.error?.description).toMatch(/Delete After Reading/);
	});

	test("Don't Wait on a transcript still processing: not deleted, and the item says why", async () => {
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: { operation: 'getHighlights', transcriptId: id, waitMode: 'none', options: DELETE_ON },
			credentials: env.credentials(),
		});
		expect(result.items[0].json).toMatchObject({ transcriptId: id, status: 'queued', deleted: false });
		expect(deletes()).toHaveLength(0);
	});
});

describe("Wait for AssemblyAI's Callback and the Trigger, Delete After Reading", () => {
	test('the callback resume builds every item\'s output, then deletes the transcripts', async () => {
		(env.emu as WebhookEmulator).configureWebhooks({ retryMs: 30 });
		env.emu.addScenario({ match: (url) => url.startsWith('https://media.example.com/'), processingMs: 700 });
		const execution = await startWaitingNode({
			credentials: env.credentials(),
			inputs: [{ json: { url: 'https://media.example.com/call-a.mp3' } }, { json: { url: 'https://media.example.com/call-b.mp3' } }],
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', waitMode: 'callback', output: 'summary', ipAllowlist: '127.0.0.1', options: { deleteAfterReading: true } },
		});
		try {
			expect(execution.first.status).toBe('waiting');
			expect(deletes()).toHaveLength(0);
			const done = await execution.finished;
			expect(done.items.map((i) => [i.pairedItem, (i.json.keyPhrases as string[]).length, i.json.deleted])).toEqual([
				[{ item: 0 }, 15, true],
				[{ item: 1 }, 15, true],
			]);
			const ids = done.items.map((i) => i.json.transcriptId as string);
			expect(ids.every(isDeleted)).toBe(true);
			for (const id of ids) expect(order(id).deletion).toBeGreaterThan(order(id).lastRead);
		} finally {
			await (env.emu as WebhookEmulator).webhooksSettled();
			await execution.close();
		}
	});

	test('the Trigger never deletes (it runs inside AssemblyAI\'s call, before the execution): a saved workflow with the former option emits the phrases and keeps the transcript', async () => {
		(env.emu as WebhookEmulator).configureWebhooks({ retryMs: 30 });
		const trigger = await serveTrigger({
			nodeType: new AssemblyAiHighlightsTrigger(),
			parameters: { authentication: 'headerAuth', ipAllowlist: '127.0.0.1', output: 'keyPhrases', options: { deleteAfterReading: true, topN: 2 } },
			webhookAuth: { name: 'X-Webhook-Secret', secret: 's3cret-8d1' },
			credentials: env.credentials(),
		});
		try {
			const id = await createTranscriptDirectly(env.emu, {
				auto_highlights: true,
				webhook_url: trigger.url,
				webhook_auth_header_name: 'X-Webhook-Secret',
				webhook_auth_header_value: 's3cret-8d1',
			});
			await (env.emu as WebhookEmulator).webhooksSettled();
			await trigger.settled();
			const items = trigger.calls[0].result!.workflowData![0];
			expect(items.map((i) => [i.json.text, 'deleted' in i.json])).toEqual([
				['air quality alerts', false],
				['wide ranging air quality consequences', false],
			]);
			expect(isDeleted(id)).toBe(false);
			expect(deletes()).toHaveLength(0);
		} finally {
			await trigger.close();
		}
	});

	test('the Trigger does not offer Delete After Reading', () => {
		const options = new AssemblyAiHighlightsTrigger().description.properties.find((p) => p.name === 'options')!;
		expect((options.options as Array<{ name: string }>).map((o) => o.name)).not.toContain('deleteAfterReading');
	});
});

describe('what Delete After Reading says, and what no message promises after a deletion', () => {
	const option = () =>
		(new AssemblyAiHighlights().description.properties.find((p) => p.name === 'options')!.options as Array<{ name: string; description?: string }>).find(
			(o) => o.name === 'deleteAfterReading',
		)!;

	test('the option says it deletes as soon as this node has read the transcript, before the next nodes run, and recommends Delete Transcript after the storing step', () => {
		const { description } = option();
		expect(description).toMatch(/as soon as this node has read it, before the next nodes run/);
		expect(description).toMatch(/if a later step fails .*the transcript is already gone/);
		expect(description).toMatch(/add a 'Delete Transcript' step after the step that stores them/);
	});

	test('Max Wait passes with Delete After Reading on: the transcript is kept, and the error says this node did not delete it (never "Nothing is lost")', async () => {
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, options: { ...DELETE_ON, maxWaitMinutes: 0.002 } },
			credentials: env.credentials(),
		});
		const [id] = [...env.emu.transcripts.keys()];
		expect(result.error?.message).toMatch(new RegExp(`Transcript ${id} was still (queued|processing)`));
		expect(result.error?.description).toMatch(new RegExp(`^This node did not delete the transcript: run 'Get Highlights' with transcript ID ${id} later`));
		expect(result.error?.description).not.toMatch(/Nothing is lost/);
		expect(isDeleted(id)).toBe(false);
		expect(deletes()).toHaveLength(0);
	});

	test("Wait for AssemblyAI's Callback, Max Wait passed: the items say the transcript was not deleted by this node", () => {
		const node = { name: 'AssemblyAI Highlights', type: 'assemblyAiHighlights', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
		const [item] = waitingItems(node, [{ itemIndex: 0, transcriptId: 'abc-123', output: 'summary', shape: DEFAULT_SHAPE_OPTIONS, deleteAfterReading: true }], 5);
		expect(item.json.errorDescription).toMatch(/^This node did not delete the transcript: run 'Get Highlights' with transcript ID abc-123 later/);
		expect(item.json.errorDescription).not.toMatch(/Nothing is lost/);
	});

	test("a transcript not finished when read (Don't Wait) is not deleted, and the reason points to a Delete Transcript step, not to reading it with Delete After Reading again", async () => {
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: { operation: 'getHighlights', transcriptId: id, waitMode: 'none', options: DELETE_ON },
			credentials: env.credentials(),
		});
		expect(result.items[0].json.deleteError).toBe(
			`Transcript ${id} is queued, so it was not deleted: only a transcript whose key phrases were read is. Read it later with 'Get Highlights', and delete it with a 'Delete Transcript' step after the step that stores its key phrases.`,
		);
	});
});
