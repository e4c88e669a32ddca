/**
 * The waiting loop hands each transcript on as soon as it arrives, and keeps only what it is handed
 * back: this is what keeps a batch of long recordings from holding every transcript's JSON until the
 * last one is finished. Run inside real n8n-core (a node that calls the loop with the node's own
 * credential and helpers) against the emulator.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import type { WaitResult } from '../../nodes/AssemblyAiHighlights/transport/wait';
import { waitForTranscripts } from '../../nodes/AssemblyAiHighlights/transport/wait';
import { createTranscriptDirectly, useEmulator } from '../helpers/emulator';
import { startWorkflow } from '../helpers/n8nCore';

const env = useEmulator({ queuedMs: 0, processingMs: 0 });

/**
 * Each call of `settle`: the transcript, and how many of the batch were still running on the emulator
 * then. Each call also lets the next transcript finish, so they finish one after another.
 */
const settled: Array<{ id: string; kind: string; words: number; stillRunning: number }> = [];

class WaitProbe extends AssemblyAiHighlights {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const ids = this.getInputData().map((item) => item.json.id as string);
		const kept = await waitForTranscripts(this, ids, { pollIntervalMs: 50, maxWaitMs: 60_000, checkAtOnce: true }, undefined, (id, result: WaitResult) => {
			const words = result.kind === 'finished' ? ((result.transcript.words as unknown[]) ?? []).length : 0;
			const stillRunning = ids.filter((other) => env.emu.transcriptView(other)?.status === 'processing').length;
			settled.push({ id, kind: result.kind, words, stillRunning });
			const next = ids[ids.indexOf(id) + 1];
			if (next) env.emu.finishAt(next, Date.now());
			return { id, words };
		});
		return [[...kept.values()].map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

async function probe(ids: string[]) {
	const { done, workflow } = startWorkflow({
		nodes: [
			{ id: 'source', name: 'Source', type: 'items', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'probe', name: 'Probe', type: 'probe', typeVersion: 1, position: [200, 0], parameters: {}, credentials: { assemblyAiHighlightsApi: { id: 'c', name: 'c' } } },
		],
		connections: { Source: { main: [[{ node: 'Probe', type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: {
			items: {
				description: { displayName: 'Items', name: 'items', group: ['trigger'], version: 1, description: '', defaults: { name: 'Source' }, inputs: [], outputs: [NodeConnectionTypes.Main], properties: [] },
				execute: async () => [ids.map((id) => ({ json: { id } }))],
			},
			probe: new WaitProbe(),
		},
		credentialTypes: { assemblyAiHighlightsApi: new AssemblyAiHighlightsApi() },
		credentials: { assemblyAiHighlightsApi: env.credentials() as never },
	});
	const run = await done;
	expect(workflow).toBeDefined();
	expect(run.data.resultData.error).toBeUndefined();
	return run.data.resultData.runData.Probe[0].data!.main[0]!.map((i) => i.json as IDataObject);
}

describe('waiting hands each transcript on as it arrives', () => {
	beforeEach(() => (settled.length = 0));

	test.each([2, 6])('%i transcripts finishing one after another: each is handed on while later ones still run, and only what was handed back is kept', async (n) => {
		env.emu.setClock({ queuedMs: 0, processingMs: 120_000 });
		const ids: string[] = [];
		for (let i = 0; i < n; i++) ids.push(await createTranscriptDirectly(env.emu, { auto_highlights: true, speaker_labels: true }));
		env.emu.finishAt(ids[0], Date.now());
		const kept = await probe(ids);
		expect(settled.map((s) => s.id)).toEqual(ids);
		expect(settled.every((s) => s.kind === 'finished' && s.words > 0)).toBe(true);
		// Each was handed on while the later ones were still processing, not at the end of the wait.
		expect(settled.map((s) => s.stillRunning)).toEqual(ids.map((_, i) => n - 1 - i));
		expect(kept).toEqual(settled.map(({ id, words }) => ({ id, words })));
	});
});
