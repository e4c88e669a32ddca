import type { INodeExecutionData } from 'n8n-workflow';
import type { ApiContext, TranscriptJson } from '../../transport/types';
import type { WaitResult } from '../../transport/wait';
import { readFinishedTranscripts } from '../../transport/wait';
import { deleteReadTranscripts, readForDeletion } from '../deleteAfterReading';
import type { ItemOutcome } from '../results';
import { errorItemJson, errorJson, itemsForTranscript } from '../results';
import type { CallbackEntry } from './state';

/**
 * Every input item's output once all transcripts are finished, in input order: its summary or raw
 * transcript, or an error item (a failed transcript, a failed lookup, a failure before submission).
 * Each transcript is fetched once (`fetched` holds those already read) and shaped as it arrives.
 * With Delete After Reading, the transcripts read are deleted once all of it is built.
 */
export async function outputFor(
	ctx: ApiContext,
	entries: CallbackEntry[],
	fetched: ReadonlyMap<string, TranscriptJson>,
): Promise<INodeExecutionData[]> {
	const byTranscript = new Map(entries.flatMap((entry) => (entry.transcriptId ? [[entry.transcriptId, entry] as const] : [])));
	const read: ItemOutcome[] = [];
	const outputs = await readFinishedTranscripts(ctx, [...byTranscript.keys()], fetched, undefined, (id, result) => {
		const entry = byTranscript.get(id)!;
		const items = itemsFor(ctx, entry, result);
		const readAs = readForDeletion(entry, result);
		if (readAs && !items.some((item) => item.json.error)) read.push({ itemIndex: entry.itemIndex, transcriptId: id, items, readForDeletion: readAs });
		return items;
	});
	await deleteReadTranscripts(ctx, read);
	return entries.flatMap((entry) =>
		entry.transcriptId ? outputs.get(entry.transcriptId)! : [{ json: errorItemJson(ctx.getNode(), entry.failure ?? {}), pairedItem: { item: entry.itemIndex } }],
	);
}

function itemsFor(ctx: ApiContext, entry: CallbackEntry, result: WaitResult): INodeExecutionData[] {
	const pairedItem = { item: entry.itemIndex };
	try {
		if (result.kind === 'lookupFailed') throw result.error;
		return itemsForTranscript(ctx.getNode(), result.transcript, entry.itemIndex, entry);
	} catch (error) {
		return [{ json: errorItemJson(ctx.getNode(), errorJson(error as Error, entry.transcriptId)), pairedItem }];
	}
}
