import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OutputShape, ShapeOptions } from '../highlights';
import { DEFAULT_SHAPE_OPTIONS } from '../highlights';
import type { WaitSettings } from '../transport/wait';

export type WaitMode = 'poll' | 'callback' | 'none';

/** What one input item asks for once its transcript is known. */
export interface ItemSettings {
	waitMode: WaitMode;
	output: OutputShape;
	shape: ShapeOptions;
	wait: WaitSettings;
}

const number = (value: unknown, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export function readItemSettings(ctx: IExecuteFunctions, itemIndex: number): ItemSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const waitMode = ctx.getNodeParameter('waitMode', itemIndex, 'poll') as WaitMode;
	return {
		waitMode,
		output: ctx.getNodeParameter('output', itemIndex, waitMode === 'callback' ? 'summary' : 'keyPhrases') as OutputShape,
		shape: readShapeOptions(options),
		wait: {
			pollIntervalMs: Math.max(10, number(options.pollIntervalSeconds, 3) * 1000),
			maxWaitMs: Math.max(0, number(options.maxWaitMinutes, 60) * 60_000),
		},
	};
}

/** The shaping part of the Options collection, defaults filled in. */
export function readShapeOptions(options: IDataObject): ShapeOptions {
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
	};
}

/** The items of one execution wait together: the shortest interval and the longest deadline asked for. */
export function combinedWait(settings: ItemSettings[]): WaitSettings {
	return {
		pollIntervalMs: Math.min(...settings.map((s) => s.wait.pollIntervalMs)),
		maxWaitMs: Math.max(...settings.map((s) => s.wait.maxWaitMs)),
	};
}
