import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OutputShape, ShapeOptions, SpeakerNames } from '../highlights';
import { DEFAULT_SHAPE_OPTIONS, parseSpeakerNames } from '../highlights';
import type { WaitSettings } from '../transport/wait';
import { TOOL_MAX_WAIT_MINUTES } from './tool/description';
import { isToolNode } from './tool/run';

export type WaitMode = 'poll' | 'callback' | 'none';

/** What one input item asks for once its transcript is known. */
export interface ItemSettings {
	waitMode: WaitMode;
	output: OutputShape;
	shape: ShapeOptions;
	wait: WaitSettings;
	/** Delete the transcript at AssemblyAI once its output is built. */
	deleteAfterReading: boolean;
}

const number = (value: unknown, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export function readItemSettings(ctx: IExecuteFunctions, itemIndex: number): ItemSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const waitMode = ctx.getNodeParameter('waitMode', itemIndex, 'poll') as WaitMode;
	return {
		waitMode,
		output: ctx.getNodeParameter('output', itemIndex, waitMode === 'callback' ? 'summary' : 'keyPhrases') as OutputShape,
		shape: readShapeOptions(options, ctx.getNode(), itemIndex),
		deleteAfterReading: options.deleteAfterReading === true,
		wait: {
			pollIntervalMs: Math.max(10, number(options.pollIntervalSeconds, 3) * 1000),
			// As an AI Agent tool, a shorter wait by default: see tool/description.ts.
			maxWaitMs: Math.max(0, number(options.maxWaitMinutes, isToolNode(ctx) ? TOOL_MAX_WAIT_MINUTES : 60) * 60_000),
		},
	};
}

/** The shaping part of the Options collection, defaults filled in; bad Speaker Names stop with an example. */
export function readShapeOptions(options: IDataObject, node: INode, itemIndex = 0): ShapeOptions {
	const d = DEFAULT_SHAPE_OPTIONS;
	return {
		sortBy: (options.sortBy as ShapeOptions['sortBy']) ?? d.sortBy,
		topN: Math.max(0, Math.floor(number(options.topN, d.topN))),
		minRank: number(options.minRank, d.minRank),
		minCount: number(options.minCount, d.minCount),
		mergeCase: (options.mergeCase as boolean) ?? d.mergeCase,
		includeText: (options.includeText as boolean) ?? d.includeText,
		includeContext: (options.includeContext as boolean) ?? d.includeContext,
		contextWords: Math.max(0, Math.floor(number(options.contextWords, d.contextWords))),
		speakerNames: readSpeakerNames(options.speakerNames, node, itemIndex),
	};
}

function readSpeakerNames(value: unknown, node: INode, itemIndex: number): SpeakerNames {
	const parsed = parseSpeakerNames(typeof value === 'string' ? value : '');
	if ('names' in parsed) return parsed.names;
	throw new NodeOperationError(node, `Options > Speaker Names: ${parsed.problem}`, {
		itemIndex,
		description:
			"Write label=name pairs separated by commas, with AssemblyAI's labels: A=Agent, B=Customer (Speaker Labels) or 1=Agent, 2=Customer (Multichannel: 1 is the left channel, 2 the right).",
	});
}

/** The items of one execution wait together: the shortest interval and the longest deadline asked for. */
export function combinedWait(settings: ItemSettings[]): WaitSettings {
	return {
		pollIntervalMs: Math.min(...settings.map((s) => s.wait.pollIntervalMs)),
		maxWaitMs: Math.max(...settings.map((s) => s.wait.maxWaitMs)),
	};
}
