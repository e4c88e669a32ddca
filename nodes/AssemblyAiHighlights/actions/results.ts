import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { Transcript } from '../highlights';
import { findHighlightsProblem, shapeTranscript } from '../highlights';
import type { TranscriptJson } from '../transport/types';
import type { WaitResult } from '../transport/wait';
import type { ItemSettings } from './settings';

/** An input item's result: its output items, or the error that stopped it. */
export interface ItemOutcome {
	itemIndex: number;
	items?: INodeExecutionData[];
	error?: Error;
	transcriptId?: string;
}

const GET_HIGHLIGHTS_LATER = (id: string) =>
	`Nothing is lost: run Get Highlights with transcript ID ${id} later; the transcript is not paid for twice.`;

/** Output items for one finished transcript, or a NodeOperationError that says what went wrong. */
export function itemsForTranscript(
	node: INode,
	transcript: TranscriptJson,
	itemIndex: number,
	settings: Pick<ItemSettings, 'output' | 'shape'>,
): INodeExecutionData[] {
	const id = transcript.id;
	const problem = findHighlightsProblem(transcript as unknown as Transcript);
	if (problem?.kind === 'failed') {
		const audio = typeof transcript.audio_url === 'string' ? ` of ${transcript.audio_url}` : '';
		throw new NodeOperationError(node, `AssemblyAI could not transcribe the audio${audio}: ${problem.message}`, {
			itemIndex,
			description: `Transcript ${id} ended with status "error". Check that the file holds audio (at least 160 ms) and that a URL is publicly downloadable. Failed transcripts are not billed.`,
		});
	}
	if (problem?.kind === 'notRequested') {
		throw new NodeOperationError(node, `Transcript ${id} has no key phrases: it was created without Key Phrases (auto_highlights)`, {
			itemIndex,
			description:
				'Key phrases can only be added when the transcript is created. Use the "Transcribe with Key Phrases" operation on the same audio.',
		});
	}
	if (problem?.kind === 'unavailable') {
		throw new NodeOperationError(node, `AssemblyAI could not produce key phrases for transcript ${id} (auto_highlights_result.status is "unavailable")`, {
			itemIndex,
			description:
				'AssemblyAI reports this in the rare case its Key Phrases model failed. Transcribe the audio again; if it keeps happening the recording may hold too little speech.',
		});
	}
	if (problem?.kind === 'notCompleted') {
		return [{ json: { transcriptId: id, status: problem.status }, pairedItem: { item: itemIndex } }];
	}
	return shapeTranscript(transcript as unknown as Transcript, settings.output, settings.shape).map((json) => ({
		json: json as IDataObject,
		pairedItem: { item: itemIndex },
	}));
}

/** Output items for what waiting produced. */
export function itemsForWaitResult(
	ctx: IExecuteFunctions,
	result: WaitResult,
	itemIndex: number,
	settings: ItemSettings,
): INodeExecutionData[] {
	if (result.kind === 'lookupFailed') throw result.error;
	if (result.kind === 'timedOut') {
		const { id, status } = result.transcript;
		const minutes = +(settings.wait.maxWaitMs / 60_000).toFixed(2);
		throw new NodeOperationError(ctx.getNode(), `Transcript ${id} was still ${status} after ${minutes} minute(s) of waiting`, {
			itemIndex,
			description: `${GET_HIGHLIGHTS_LATER(id)} Or raise Options > Max Wait (Minutes).`,
		});
	}
	return itemsForTranscript(ctx.getNode(), result.transcript, itemIndex, settings);
}

export function statusItem(transcript: TranscriptJson, itemIndex: number): INodeExecutionData {
	return { json: { transcriptId: transcript.id, status: transcript.status }, pairedItem: { item: itemIndex } };
}

/**
 * Puts the outcomes in input order. With "continue on fail" a failed input item becomes one error
 * item paired to it; otherwise the first failure (in input order) stops the node.
 */
export function collectOutcomes(ctx: IExecuteFunctions, outcomes: ItemOutcome[]): INodeExecutionData[] {
	const out: INodeExecutionData[] = [];
	for (const outcome of [...outcomes].sort((a, b) => a.itemIndex - b.itemIndex)) {
		if (!outcome.error) {
			out.push(...(outcome.items ?? []));
			continue;
		}
		if (!ctx.continueOnFail()) throw asNodeError(ctx, outcome.error, outcome.itemIndex);
		out.push({ json: errorJson(outcome.error, outcome.transcriptId), pairedItem: { item: outcome.itemIndex } });
	}
	return out;
}

/** The JSON of an error item: the message, n8n's description of it, and the transcript it concerns. */
export function errorJson(error: Error, transcriptId?: string): IDataObject {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) json.errorDescription = description;
	if (transcriptId) json.transcriptId = transcriptId;
	return json;
}

/** Errors leave the node as NodeApiError or NodeOperationError, tied to their input item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
