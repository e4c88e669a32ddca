/**
 * A recording is paid for once per execution of the node, also when n8n itself runs the node again:
 * the tries of Retry On Fail (node Settings), and a second run of the node in the same execution (as
 * the AI Agent does with a tool, or a loop back into the node). Run in real n8n-core, whose
 * WorkflowExecute implements Retry On Fail, against the emulator.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { startWorkflow } from '../helpers/n8nCore';
import { runNode } from '../helpers/runNode';

const env = useEmulator({ queuedMs: 40, processingMs: 80 });

const byUrl = { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: { pollIntervalSeconds: 0.02 } };
const url = (name: string) => `https://media.example.com/${name}.mp3`;
/** Transcripts the emulator made, per audio URL. */
const perRecording = () => {
	const counts: Record<string, number> = {};
	for (const params of env.emu.createdParams()) counts[params.audio_url as string] = (counts[params.audio_url as string] ?? 0) + 1;
	return counts;
};
const creates = () => env.emu.requests.filter((r) => r.method === 'POST' && r.path === '/v2/transcript').length;
const retryOnFail = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };

describe('Retry On Fail: every try after the first reads what the first one created', () => {
	test('3 good recordings and 1 that AssemblyAI fails, 3 tries, On Error "Stop": one transcript per good recording', async () => {
		const bad = 'https://media.example.com/not-audio.html';
		const inputs = [url('a'), url('b'), bad, url('c')].map((u) => ({ json: { url: u } }));
		const result = await runNode({ parameters: byUrl, inputs, credentials: env.credentials(), settings: retryOnFail });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/could not transcribe the audio of https:\/\/media\.example\.com\/not-audio\.html/);
		// Main's code: 3 each (9 paid transcripts for 3 recordings).
		expect(perRecording()).toEqual({ [url('a')]: 1, [url('b')]: 1, [url('c')]: 1, [bad]: 3 });
		// The failed one is made again on each try (failed transcripts are not billed): a try can only help that way.
		const ids = new Map([...env.emu.transcripts.entries()].map(([id, t]) => [(t.params as IDataObject).audio_url as string, id]));
		expect(result.error?.context?.createdTranscripts).toEqual([
			{ itemIndex: 0, transcriptId: ids.get(url('a')) },
			{ itemIndex: 1, transcriptId: ids.get(url('b')) },
			{ itemIndex: 3, transcriptId: ids.get(url('c')) },
		]);
	});

	test('a try that ends with a failed upload-free request: the next try reuses the transcripts made, and succeeds', async () => {
		// The third transcript request is refused (400) on the first try only: the node stops, n8n tries again.
		let refused = false;
		env.emu.onRequest((ctx: { method: string; pathname: string; body?: Buffer }) => {
			if (ctx.method !== 'POST' || ctx.pathname !== '/v2/transcript' || refused || !String(ctx.body).includes('third')) return undefined;
			refused = true;
			return { status: 400, json: { error: 'Your current account balance is negative. Please top up to continue using the API.' } };
		});
		const inputs = [url('first'), url('second'), url('third')].map((u) => ({ json: { url: u } }));
		const result = await runNode({ parameters: byUrl, inputs, credentials: env.credentials(), settings: retryOnFail });
		expect(result.error).toBeUndefined();
		expect(perRecording()).toEqual({ [url('first')]: 1, [url('second')]: 1, [url('third')]: 1 });
		expect(creates()).toBe(4); // the refused one, then three that made a transcript
		expect(result.items.map((i) => i.json.transcriptId)).toEqual(
			[url('first'), url('second'), url('third')].map((u) => [...env.emu.transcripts.entries()].find(([, t]) => (t.params as IDataObject).audio_url === u)?.[0]),
		);
	});

	test('uploaded recordings: each good one is uploaded and transcribed once over all tries', async () => {
		env.emu.addScenario({ match: (_url, upload) => upload?.toString() === 'RIFF-broken', error: 'File does not appear to contain audio.' });
		const file = (bytes: string) => ({ binary: { data: { data: Buffer.from(bytes) } } });
		const result = await runNode({
			parameters: { ...byUrl, source: 'binary' },
			inputs: [file('RIFF-first'), file('RIFF-broken'), file('RIFF-second')],
			credentials: env.credentials(),
			settings: retryOnFail,
		});
		expect(result.status).toBe('error');
		const uploaded = [...env.emu.uploads.values()].map((bytes) => bytes.toString()).sort();
		expect(uploaded).toEqual(['RIFF-broken', 'RIFF-broken', 'RIFF-broken', 'RIFF-first', 'RIFF-second']);
		const transcribed = env.emu.createdParams().map((p) => env.emu.uploadBytes(p.audio_url as string)?.toString()).sort();
		expect(transcribed).toEqual(['RIFF-broken', 'RIFF-broken', 'RIFF-broken', 'RIFF-first', 'RIFF-second']);
	});

	test('On Error "Continue": n8n tries again because of the error item; the good recordings are not paid again', async () => {
		// n8n 2.41 tries again when the first output item is an error item.
		const bad = 'https://media.example.com/page.html';
		const inputs = [bad, url('x'), url('y')].map((u) => ({ json: { url: u } }));
		const result = await runNode({ parameters: byUrl, inputs, credentials: env.credentials(), settings: retryOnFail, onError: 'continueRegularOutput' });
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.error).toMatch(/could not transcribe/);
		expect(perRecording()).toEqual({ [url('x')]: 1, [url('y')]: 1, [bad]: 3 });
	});

	test('two items with the same recording in one run still get one transcript each, and a retry pays for neither again', async () => {
		const bad = 'https://media.example.com/broken.html';
		const inputs = [WILDFIRES_URL, WILDFIRES_URL, bad].map((u) => ({ json: { url: u } }));
		const result = await runNode({ parameters: byUrl, inputs, credentials: env.credentials(), settings: retryOnFail });
		expect(result.status).toBe('error');
		expect(perRecording()).toEqual({ [WILDFIRES_URL]: 2, [bad]: 3 });
	});
});

describe('the node run again in the same execution (an AI tool asked twice, a loop back into it)', () => {
	/** Source -> Left and Right (pass-through) -> the node: n8n runs it once for each branch, in one execution. */
	async function runTwice(parameters: INodeParameters, first: IDataObject[], second: IDataObject[]) {
		const pass = (name: string, items: IDataObject[], trigger = false): INodeType => ({
			description: {
				displayName: name,
				name,
				group: [trigger ? 'trigger' : 'transform'],
				version: 1,
				description: '',
				defaults: { name },
				inputs: trigger ? [] : [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
				properties: [],
			},
			execute: async (): Promise<INodeExecutionData[][]> => [items.map((json) => ({ json, pairedItem: { item: 0 } }))],
		});
		const to = (node: string) => ({ main: [[{ node, type: NodeConnectionTypes.Main, index: 0 }]] });
		const { done } = startWorkflow({
			nodes: [
				{ id: 's', name: 'Source', type: 'source', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'l', name: 'Left', type: 'left', typeVersion: 1, position: [200, 0], parameters: {} },
				{ id: 'r', name: 'Right', type: 'right', typeVersion: 1, position: [200, 200], parameters: {} },
				{ id: 'n', name: 'Transcribe', type: 'assemblyAiHighlights', typeVersion: 1, position: [400, 0], parameters, credentials: { assemblyAiHighlightsApi: { id: 'c', name: 'c' } } },
			],
			connections: {
				Source: { main: [[{ node: 'Left', type: NodeConnectionTypes.Main, index: 0 }, { node: 'Right', type: NodeConnectionTypes.Main, index: 0 }]] },
				Left: to('Transcribe'),
				Right: to('Transcribe'),
			},
			nodeTypes: {
				source: pass('source', [{}], true),
				left: pass('left', first),
				right: pass('right', second),
				assemblyAiHighlights: new AssemblyAiHighlights(),
			},
			credentialTypes: { assemblyAiHighlightsApi: new AssemblyAiHighlightsApi() },
			credentials: { assemblyAiHighlightsApi: env.credentials() as never },
		});
		const run = await done;
		expect(run.data.resultData.error).toBeUndefined();
		const runs = run.data.resultData.runData.Transcribe ?? [];
		return runs.map((r) => (r.data?.main[0] ?? []).map((i) => i.json));
	}

	test('the same recording with the same options: transcribed once, the second run reads the first transcript', async () => {
		const [first, second] = await runTwice(byUrl, [{ url: WILDFIRES_URL }], [{ url: WILDFIRES_URL }]);
		expect(env.emu.createdCount()).toBe(1);
		expect(first[0].transcriptId).toBe([...env.emu.transcripts.keys()][0]);
		expect(second[0]).toEqual(first[0]);
	});

	test('the same recording with other options is transcribed anew; another recording asked for again is not', async () => {
		const withOption: INodeParameters = { ...byUrl, transcriptOptions: { speakerLabels: '={{ $json.speakers === true }}' } };
		await runTwice(withOption, [{ url: WILDFIRES_URL }, { url: url('other') }], [{ url: WILDFIRES_URL, speakers: true }, { url: url('other') }]);
		expect(perRecording()).toEqual({ [WILDFIRES_URL]: 2, [url('other')]: 1 });
	});
});
