/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * With On Error "Stop", a batch that stops says what it already paid for: every transcript created
 * for its other items, in the error's description (for the user) and context (for a workflow), so that
 * Get Highlights picks them up and a rerun does not pay for them again. And what can be checked
 * before the first paid request is checked for every item first.
 */
import { mkdtempSync, promises as fs, rmSync } from 'fs';
import { BinaryDataService } from 'n8n-core';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { logged, startWorkflow } from '../helpers/n8nCore';
import { checkedRun, NODE_NAME, runNode } from '../helpers/runNode';

const env = useEmulator({ queuedMs: 40, processingMs: 80 });

const byUrl = { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: { pollIntervalSeconds: 0.02 } };
const url = (name: string) => `https://media.example.com/${name}.mp3`;
const idOf = (audioUrl: string) => [...env.emu.transcripts.entries()].find(([, t]) => (t.params as { audio_url: string }).audio_url === audioUrl)?.[0];

describe('a submission fails: the error lists the transcripts already created for the other items', () => {
	test('one request refused while others are in flight: they finish and are listed with their items; nothing new starts', async () => {
		env.emu.onRequest(async (ctx: { method: string; pathname: string; body?: Buffer }) => {
			if (ctx.method !== 'POST' || ctx.pathname !== '/v2/transcript') return undefined;
			const body = String(ctx.body ?? '');
			if (body.includes('refused')) return { status: 400, json: { error: 'Your current account balance is negative. Please top up to continue using the API.' } };
			if (body.includes('slow')) await new Promise((resolve) => setTimeout(resolve, 1000));
			return undefined;
		});
		// Four requests at once; the others are still in flight when the second is refused, and the fifth waits for a free slot.
		const inputs = ['slow-a', 'refused', 'slow-b', 'slow-c', 'never-sent'].map((name) => ({ json: { url: url(name) } }));
		const result = await runNode({ parameters: byUrl, inputs, credentials: env.credentials() });

		expect(result.status).toBe('error');
		expect(env.emu.createdParams().map((p) => p.audio_url).sort()).toEqual([url('slow-a'), url('slow-b'), url('slow-c')]);
		const created = [
			{ itemIndex: 0, transcriptId: idOf(url('slow-a')) },
			{ itemIndex: 2, transcriptId: idOf(url('slow-b')) },
			{ itemIndex: 3, transcriptId: idOf(url('slow-c')) },
		];
		expect(result.error?.message).toMatch(/balance is negative/);
		expect(result.error?.message).toMatch(/3 transcripts were already created for other items/);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.context?.createdTranscripts).toEqual(created);
		for (const { itemIndex, transcriptId } of created) expect(result.error?.description).toContain(`item ${itemIndex + 1}: ${transcriptId}`);
		expect(result.error?.description).toMatch(/Get Highlights/);
	});

	test('after waiting: a transcript that failed stops the batch, and the error lists the finished transcripts of the other items', async () => {
		const inputs = [url('ok'), 'https://unreachable.example/gone.mp3', url('also-ok')].map((u) => ({ json: { url: u } }));
		const result = await runNode({ parameters: byUrl, inputs, credentials: env.credentials() });
		expect(result.error?.message).toMatch(/Download error/);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.context?.createdTranscripts).toEqual([
			{ itemIndex: 0, transcriptId: idOf(url('ok')) },
			{ itemIndex: 2, transcriptId: idOf(url('also-ok')) },
		]);
	});

	test('a batch of one says nothing more than its own error', async () => {
		const result = await runNode({ parameters: byUrl, inputs: [{ json: { url: 'https://unreachable.example/gone.mp3' } }], credentials: env.credentials() });
		expect(result.error?.message).not.toMatch(/already created/);
		expect(result.error?.context?.createdTranscripts).toBeUndefined();
	});
});

describe('checked before anything is uploaded or paid for', () => {
	const GB = 1e9;
	let binaryData: { getPath(id: string): string };
	let binaryDir = '';

	beforeAll(async () => {
		const coreDir = dirname(require.resolve('n8n-core'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const Container = require(require.resolve('@n8n/di', { paths: [coreDir] })).Container;
		const service = Container.get(BinaryDataService) as { config: { mode: string; localStoragePath: string }; init(): Promise<void>; getPath(id: string): string };
		service.config.mode = 'filesystem';
		binaryDir = mkdtempSync(join(tmpdir(), 'n8n-binary-'));
		service.config.localStoragePath = binaryDir;
		await service.init();
		binaryData = service;
	});

	afterAll(() => rmSync(binaryDir, { recursive: true, force: true }));

	/**
	 * Item 0 a URL, item 1 a recording of `bytes` in n8n's filesystem binary store: written small
	 * through n8n's prepareBinaryData, then grown in place (a sparse file) with its stored size.
	 */
	async function runWithRecordingOf(bytes: number) {
		const source: INodeType = {
			description: {
				displayName: 'Large Recording',
				name: 'largeRecording',
				group: ['trigger'],
				version: 1,
				description: 'A URL item and a large stored recording',
				defaults: { name: 'Source' },
				inputs: [],
				outputs: [NodeConnectionTypes.Main],
				properties: [],
			},
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const binary = await this.helpers.prepareBinaryData(Buffer.from('RIFF-a-long-meeting'), 'all-day-meeting.wav', 'audio/wav');
				const path = binaryData.getPath(binary.id!);
				await fs.truncate(path, bytes);
				const metadata = JSON.parse(await fs.readFile(`${path}.metadata`, 'utf8'));
				await fs.writeFile(`${path}.metadata`, JSON.stringify({ ...metadata, fileSize: bytes }));
				return [[{ json: { url: WILDFIRES_URL }, pairedItem: { item: 0 } }, { json: {}, binary: { data: binary }, pairedItem: { item: 0 } }]];
			},
		};
		const loggedBefore = logged.length;
		const { done } = startWorkflow({
			nodes: [
				{ id: 'source', name: 'Source', type: 'largeRecording', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'under-test',
					name: NODE_NAME,
					type: 'assemblyAiHighlights',
					typeVersion: 1,
					position: [200, 0],
					parameters: { ...byUrl, source: '={{ $json.url ? "url" : "binary" }}' },
					credentials: { assemblyAiHighlightsApi: { id: 'cred-1', name: 'AssemblyAI account' } },
				},
			],
			connections: { Source: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } },
			nodeTypes: { largeRecording: source, assemblyAiHighlights: new AssemblyAiHighlights() },
			credentialTypes: { assemblyAiHighlightsApi: new AssemblyAiHighlightsApi() },
			credentials: { assemblyAiHighlightsApi: env.credentials() as never },
		});
		return checkedRun(await done, [env.emu.apiKey], loggedBefore);
	}

	test("a recording over AssemblyAI's 2.2 GB upload limit stops the batch before any item is uploaded or submitted", async () => {
		const result = await runWithRecordingOf(2.3 * GB);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The file in binary field "data" is 2.3 GB, over AssemblyAI\'s upload limit of 2.2 GB');
		expect(result.error?.description).toMatch(/set Audio Source to URL/);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(env.emu.requests).toHaveLength(0);
	});
});
