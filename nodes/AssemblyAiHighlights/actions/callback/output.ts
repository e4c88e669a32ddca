import type { INodeExecutionData } from 'n8n-workflow';
import type { ApiContext, TranscriptJson } from '../../transport/types';
import type { WaitResult } from '../../transport/wait';
import { readFinishedTranscripts } from '../../transport/wait';
import { deleteReadTranscripts, readForDeletion } from '../deleteAfterReading';
import type { ItemOutcome } from '../results';
import { errorItemJson, errorJson, itemsForTranscript } from '../results';
import type { CallbackEntry } from './state';

/**
 * How the resume reads the batch's transcripts: 1,000 in about 20 s. AssemblyAI allows 20,000
 * requests per 5 minutes per account (about 66 per second sustained); a resume comes once per
 * execution, so it may take three quarters of that rate for its few seconds (1,000 requests are a
 * twentieth of the 5-minute budget). 12 in flight keep that rate at AssemblyAI's latency (a GET of a
 * finished transcript takes a few hundred ms); 12 three-hour transcripts (about 7 MB of JSON each)
 * are at most about 84 MB held at once, each shaped and dropped as it arrives.
 */
export const RESUME_PACE = { perSecond: 50, burst: 50, concurrency: 12 };

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
	const settle = (id: string, result: WaitResult): INodeExecutionData[] => {
		const entry = byTranscript.get(id)!;
		const items = itemsFor(ctx, entry, result);
		const readAs = readForDeletion(entry, result);
		if (readAs && !items.some((item) => item.json.error)) read.push({ itemIndex: entry.itemIndex, transcriptId: id, items, readForDeletion: readAs });
		return items;
	};
	const outputs = await readFinishedTranscripts(ctx, [...byTranscript.keys()], fetched, undefined, settle, RESUME_PACE);
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
