import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { Transcript } from '../highlights';
import { findHighlightsProblem, noKeyPhrasesInLanguage, shapeTranscript, tellsSpeakers } from '../highlights';
import type { TranscriptJson } from '../transport/types';
import type { WaitResult } from '../transport/wait';
import type { ItemSettings } from './settings';

/** An input item's result: its output items, or the error that stopped it. */
export interface ItemOutcome {
	itemIndex: number;
	items?: INodeExecutionData[];
	error?: Error;
	transcriptId?: string;
	/** Set when the items are a transcript's output and Delete After Reading is on: the status it was read in. */
	readForDeletion?: { status: string };
}

const SPEAKERS_NEED =
	'It was created without Speaker Labels and without Multichannel, and both can only be set when a transcript is created. Transcribe the recording again with Transcript Options > Speaker Labels (several voices on one track) or Multichannel (each speaker on their own channel, as in most call-center recordings) on.';

/** Said only of a transcript this node has not deleted (it deletes only transcripts it read finished). */
export const GET_HIGHLIGHTS_LATER = (id: string) =>
	`This node did not delete the transcript: run 'Get Highlights' with transcript ID ${id} later, and it is not paid for twice (as long as nothing else deletes it first).`;

/** A transcript created for an input item. */
export interface CreatedTranscript {
	itemIndex: number;
	transcriptId: string;
}

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
	if (problem?.kind === 'deleted') {
		throw new NodeOperationError(node, `Transcript ${id} was deleted: AssemblyAI no longer has its text or key phrases`, {
			itemIndex,
			description:
				'A deleted transcript cannot be restored. Check what deletes it (Delete Transcript, Options > Delete After Reading, or the AssemblyAI dashboard). Only a new transcript of the audio, paid for again, has key phrases.',
		});
	}
	if (problem?.kind === 'notInLanguage') {
		throw new NodeOperationError(node, `Transcript ${id} has no key phrases: ${noKeyPhrasesInLanguage(problem)}`, {
			itemIndex,
			description:
				"Transcribing it again will not add them: AssemblyAI's Key Phrases model works on English audio only (en, en_au, en_uk, en_us). If the recording is in fact English, transcribe it with the \"Transcribe with Key Phrases\" operation, which sets the language to English.",
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
	if (settings.output === 'speakers' && !tellsSpeakers(transcript as unknown as Transcript)) {
		throw new NodeOperationError(node, `Transcript ${id} does not say who spoke, so Output "By Speaker" cannot split its key phrases`, {
			itemIndex,
			description: SPEAKERS_NEED,
		});
	}
	return shapeTranscript(transcript as unknown as Transcript, settings.output, settings.shape).map((json) => ({
		json: json as IDataObject,
		pairedItem: { item: itemIndex },
	}));
}

/**
 * Output items for what waiting produced. `waitedMs`: how long the batch waited, its longest Max Wait
 * (the items of an execution wait together).
 */
export function itemsForWaitResult(
	ctx: IExecuteFunctions,
	result: WaitResult,
	itemIndex: number,
	settings: ItemSettings,
	transcriptId: string,
	waitedMs: number,
): INodeExecutionData[] {
	if (result.kind === 'lookupFailed') throw lookupFailed(ctx.getNode(), result.error, itemIndex, transcriptId);
	if (result.kind === 'timedOut') {
		const { id, status } = result.transcript;
		const minutes = (ms: number) => +(ms / 60_000).toFixed(2);
		const own = settings.wait.maxWaitMs < waitedMs ? ` (this item's own Max Wait is ${minutes(settings.wait.maxWaitMs)}; the items of one execution wait for the longest)` : '';
		throw new NodeOperationError(ctx.getNode(), `Transcript ${id} was still ${status} after ${minutes(waitedMs)} minute(s) of waiting`, {
			itemIndex,
			description: `${GET_HIGHLIGHTS_LATER(id)} Or raise Options > Max Wait (Minutes)${own}.`,
		});
	}
	return itemsForTranscript(ctx.getNode(), result.transcript, itemIndex, settings);
}

/** A lookup that failed while waiting, tied to its item and its transcript (one error may serve several items). */
function lookupFailed(node: INode, error: Error, itemIndex: number, transcriptId: string): NodeApiError | NodeOperationError {
	const message = error.message.includes(transcriptId) ? error.message : `Transcript ${transcriptId}: ${error.message}`;
	const said = (error as { description?: unknown }).description;
	const description = `${typeof said === 'string' && said ? `${said} ` : ''}${GET_HIGHLIGHTS_LATER(transcriptId)}`;
	if (error instanceof NodeApiError) {
		return new NodeApiError(node, (error.errorResponse as JsonObject | undefined) ?? { message: error.message }, {
			message,
			description,
			httpCode: error.httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(node, message, { itemIndex, description });
}

export function statusItem(transcript: TranscriptJson, itemIndex: number): INodeExecutionData {
	return { json: { transcriptId: transcript.id, status: transcript.status }, pairedItem: { item: itemIndex } };
}

/**
 * Puts the outcomes in input order. With "continue on fail" a failed input item becomes one error
 * item paired to it (on the error output when the node has one); otherwise the first failure (in input order) stops the node. `created`: the
 * operation pays for transcripts, so the stopping error lists those of the other items.
 */
export function collectOutcomes(ctx: IExecuteFunctions, outcomes: ItemOutcome[], { created = false } = {}): INodeExecutionData[] {
	const sorted = [...outcomes].sort((a, b) => a.itemIndex - b.itemIndex);
	const out: INodeExecutionData[] = [];
	for (const outcome of sorted) {
		if (!outcome.error) {
			out.push(...(outcome.items ?? []));
			continue;
		}
		if (!ctx.continueOnFail()) {
			if (!created) throw asNodeError(ctx, outcome.error, outcome.itemIndex);
			const others = sorted.filter((o) => o !== outcome);
			throw stopError(
				ctx,
				outcome,
				others.flatMap((o) => (o.transcriptId ? [{ itemIndex: o.itemIndex, transcriptId: o.transcriptId }] : [])),
				others.filter((o) => o.error),
			);
		}
		out.push({ json: errorItemJson(ctx.getNode(), errorJson(outcome.error, outcome.transcriptId)), pairedItem: { item: outcome.itemIndex } });
	}
	return out;
}

/**
 * The error that stops a batch (On Error "Stop"): the failed item's own, telling which transcripts
 * were already created for the other items (also in `context.createdTranscripts`), so that they are
 * picked up with Get Highlights instead of paid for again, and which other items failed too.
 */
export function stopError(
	ctx: IExecuteFunctions,
	failed: { itemIndex: number; error?: Error },
	created: CreatedTranscript[],
	otherFailures: Array<{ itemIndex: number; error?: Error }> = [],
): NodeApiError | NodeOperationError {
	const error = asNodeError(ctx, failed.error, failed.itemIndex);
	const notes: string[] = [];
	if (created.length) {
		const n = created.length;
		error.message += ` (${n} transcript${n === 1 ? ' was' : 's were'} already created for other items: see the details)`;
		const list = created.map((c) => `item ${c.itemIndex + 1}: ${c.transcriptId}`).join(', ');
		notes.push(
			`Already created for other items: ${list}. Run 'Get Highlights' with these IDs for their key phrases; transcribing those items again would pay for them twice.`,
		);
		error.context.createdTranscripts = created.map((c) => ({ itemIndex: c.itemIndex, transcriptId: c.transcriptId }));
	}
	if (otherFailures.length) {
		notes.push(`Other items failed too: ${otherFailures.map((f) => `item ${f.itemIndex + 1}: ${f.error?.message ?? 'unknown error'}`).join('; ')}.`);
	}
	if (notes.length) error.description = [error.description, ...notes].filter(Boolean).join(' ');
	return error;
}

/** The JSON of an error item: the message, n8n's description of it, and the transcript it concerns. */
export function errorJson(error: Error, transcriptId?: string): IDataObject {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) json.errorDescription = description;
	if (transcriptId) json.transcriptId = transcriptId;
	return json;
}

/** An error item's JSON as the node's On Error setting wants it: on the error output when there is one. */
export function errorItemJson(node: INode, json: IDataObject): IDataObject {
	return node.onError === 'continueErrorOutput' ? forErrorOutput(json) : json;
}

/**
 * n8n moves an item to the error output only when its JSON is `error` alone (n8n 1.x also takes
 * `error` with `message`, 2.x any of `error`, `message`, `details`); an item's own `error` object would
 * do it too, but n8n then replaces the JSON with the message and the transcript ID would be lost. So
 * the whole error goes into `error`.
 */
function forErrorOutput({ error, errorDescription, ...rest }: IDataObject): IDataObject {
	return { error: { message: error, ...(errorDescription ? { description: errorDescription } : {}), ...rest } };
}

/** Errors leave the node as NodeApiError or NodeOperationError, tied to their input item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
