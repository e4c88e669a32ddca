/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark code runs in Node, never inside n8n */
/**
 * A two-node workflow through real n8n-core (test/helpers/n8nCore.ts): a source node that stores one
 * recording with n8n's own prepareBinaryData, then the node under test. Like test/helpers/runNode.ts,
 * but it reports the moment the source node is done, so a measurement can cover the node's run alone,
 * and it can run a variant of the node (the buffered-upload baseline).
 */
import { BinaryDataService } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IRun } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { dirname } from 'path';
import type { Readable } from 'stream';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { readAudioSource, resolveAudioUrl } from '../../nodes/AssemblyAiHighlights/actions/transcribe/audio';
import { readTranscriptParams } from '../../nodes/AssemblyAiHighlights/actions/transcribe/params';
import { itemsForWaitResult } from '../../nodes/AssemblyAiHighlights/actions/results';
import { readItemSettings } from '../../nodes/AssemblyAiHighlights/actions/settings';
import { createTranscript, uploadAudio } from '../../nodes/AssemblyAiHighlights/transport/assemblyAi';
import type { WaitResult } from '../../nodes/AssemblyAiHighlights/transport/wait';
import { waitForTranscripts } from '../../nodes/AssemblyAiHighlights/transport/wait';
import { mapWithConcurrency } from '../../nodes/AssemblyAiHighlights/utils/concurrency';
import { startWorkflow } from '../../test/helpers/n8nCore';

const NODE_NAME = 'AssemblyAI Highlights';

/** n8n-core's own copy of the DI container (it may differ from a top-level @n8n/di), as the tests use it. */
function n8nCoreContainer(): { get<T>(type: new (...args: never[]) => T): T } {
	const coreDir = dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve('@n8n/di', { paths: [coreDir] })).Container;
}

/** n8n's filesystem binary mode (N8N_DEFAULT_BINARY_DATA_MODE=filesystem), stored under `dir`. */
export async function useFilesystemBinaryMode(dir: string): Promise<void> {
	const service = n8nCoreContainer().get(BinaryDataService) as unknown as {
		config: { mode: string; localStoragePath: string };
		init(): Promise<void>;
	};
	service.config.mode = 'filesystem';
	service.config.localStoragePath = dir;
	await service.init();
}

/**
 * The node's buffered path, forced: its own readAudioSource, resolveAudioUrl and createTranscript, but
 * with the binary's id hidden from resolveAudioUrl, which then reads the file with getBinaryDataBuffer
 * and uploads the Buffer (what it does for binaries held in memory). Single item, waitMode none.
 */
export class BufferedUploadVariant extends AssemblyAiHighlights {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const audio = await readAudioSource(this, this.getInputData()[0], 0);
		if (audio.kind !== 'binary') throw new Error('the buffered variant takes a binary recording');
		const inMemory = { ...audio, binary: { ...audio.binary, id: undefined } };
		const audioUrl = await resolveAudioUrl(this, inMemory, 0);
		const transcript = await createTranscript(this, { ...readTranscriptParams(this, 0), audio_url: audioUrl }, 0);
		return [[{ json: { transcriptId: transcript.id, status: transcript.status }, pairedItem: { item: 0 } }]];
	}
}

/**
 * Diagnostic only (the chunk-size sweep): the node's streamed path with one change,
 * getBinaryStream(id, chunkSize) instead of getBinaryStream(id) (64 KiB reads). Its own
 * readAudioSource, uploadAudio and createTranscript otherwise. Single item, waitMode none.
 */
export function chunkedStreamVariant(chunkSize: number) {
	return class ChunkedStreamVariant extends AssemblyAiHighlights {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const audio = await readAudioSource(this, this.getInputData()[0], 0);
			if (audio.kind !== 'binary' || !audio.binary.id) throw new Error('the chunked variant takes a binary stored by id');
			const id = audio.binary.id;
			const audioUrl = await uploadAudio(this, async () => await this.helpers.getBinaryStream(id, chunkSize), audio.byteLength, 0);
			const transcript = await createTranscript(this, { ...readTranscriptParams(this, 0), audio_url: audioUrl }, 0);
			return [[{ json: { transcriptId: transcript.id, status: transcript.status }, pairedItem: { item: 0 } }]];
		}
	};
}

/**
 * The baseline of bench 5: the node as it was before it shaped each transcript on arrival. Its own
 * submission (URL sources), wait and shaping, but every transcript's whole JSON is kept until the last
 * one is finished, and only then turned into items. Poll mode only.
 */
export class HoldEveryTranscriptVariant extends AssemblyAiHighlights {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const settings = items.map((_, i) => readItemSettings(this, i));
		const created = await mapWithConcurrency(items, 4, async (_, i) => {
			const params = { ...readTranscriptParams(this, i), audio_url: this.getNodeParameter('audioUrl', i) as string };
			return await createTranscript(this, params, i);
		});
		const wait = settings[0].wait;
		const held = await waitForTranscripts(this, created.map((t) => t.id), { ...wait, checkAtOnce: false }, undefined, (_, result: WaitResult) => result);
		return [created.flatMap((t, i) => itemsForWaitResult(this, held.get(t.id)!, i, settings[i], t.id, wait.maxWaitMs))];
	}
}

export type Variant = 'node' | 'buffered' | { chunkSize: number };

export interface BinaryRun {
	run: IRun;
	items: INodeExecutionData[];
	error?: Error;
	/** Date.now() when the source node had stored the recording (the node under test starts next). */
	sourceDoneAt: number;
	doneAt: number;
}

export async function runWithRecording(options: {
	recording: () => Readable;
	fileName: string;
	parameters: IDataObject;
	credentials: IDataObject;
	variant?: Variant;
	/** Called when the source node is done, before the node under test starts. */
	onSourceDone?: () => void;
}): Promise<BinaryRun> {
	let sourceDoneAt = 0;
	const description: INodeTypeDescription = {
		displayName: 'Bench Source',
		name: 'benchSource',
		group: ['trigger'],
		version: 1,
		description: 'Emits one recording',
		defaults: { name: 'Source' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
	const source: INodeType = {
		description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const binary = await this.helpers.prepareBinaryData(options.recording(), options.fileName, 'audio/wav');
			options.onSourceDone?.();
			sourceDoneAt = Date.now();
			return [[{ json: {}, binary: { data: binary }, pairedItem: { item: 0 } }]];
		},
	};
	const variant = options.variant ?? 'node';
	const nodeType =
		variant === 'node'
			? new AssemblyAiHighlights()
			: variant === 'buffered'
				? new BufferedUploadVariant()
				: new (chunkedStreamVariant(variant.chunkSize))();
	const { run, items } = await runAfterSource(source, nodeType, options);
	const doneAt = Date.now();
	return { run, items, error: run.data.resultData.error as Error | undefined, sourceDoneAt, doneAt };
}

/**
 * A source node that emits `inputs` (JSON only), then the node as shipped: like test/helpers/runNode.ts,
 * but without its search of the whole run for secrets, which a memory measurement would count.
 */
export async function runItems(options: { inputs: IDataObject[]; parameters: IDataObject; credentials: IDataObject; holdEveryTranscript?: boolean }) {
	const source: INodeType = {
		description: {
			displayName: 'Bench Items',
			name: 'benchSource',
			group: ['trigger'],
			version: 1,
			description: 'Emits the bench items',
			defaults: { name: 'Source' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(): Promise<INodeExecutionData[][]> {
			return [options.inputs.map((json) => ({ json, pairedItem: { item: 0 } }))];
		},
	};
	const { run, items } = await runAfterSource(source, options.holdEveryTranscript ? new HoldEveryTranscriptVariant() : new AssemblyAiHighlights(), options);
	return { run, items, error: run.data.resultData.error as Error | undefined };
}

/** One execution: `source` (a trigger-like node that emits the input), then `nodeType` as the node under test. */
async function runAfterSource(source: INodeType, nodeType: INodeType, options: { parameters: IDataObject; credentials: IDataObject }) {
	const { done } = startWorkflow({
		nodes: [
			{ id: 'source', name: 'Source', type: 'benchSource', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'under-test',
				name: NODE_NAME,
				type: 'assemblyAiHighlights',
				typeVersion: 1,
				position: [200, 0],
				parameters: options.parameters as never,
				credentials: { assemblyAiHighlightsApi: { id: 'cred-1', name: 'AssemblyAI account' } },
			},
		],
		connections: { Source: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: { benchSource: source, assemblyAiHighlights: nodeType },
		credentialTypes: { assemblyAiHighlightsApi: new AssemblyAiHighlightsApi() },
		credentials: { assemblyAiHighlightsApi: options.credentials as never },
	});
	const run = await done;
	const items = run.data.resultData.runData[NODE_NAME]?.[0]?.data?.main?.[0] ?? [];
	return { run, items };
}
