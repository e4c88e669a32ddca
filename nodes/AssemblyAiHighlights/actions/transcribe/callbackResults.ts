import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { getTranscript } from '../../transport/assemblyAi';
import type { ApiContext, TranscriptJson } from '../../transport/types';
import { BURST_REQUESTS, isFinished, LIST_POLLING_FROM, listStatuses, MAX_REQUESTS_PER_SECOND, Pacer } from '../../transport/wait';
import { mapWithConcurrency } from '../../utils/concurrency';
import { deleteReadTranscripts } from '../deleteAfterReading';
import type { ItemOutcome } from '../results';
import { errorJson, itemsForTranscript } from '../results';
import type { CallbackEntry } from './callbackState';

const FETCH_CONCURRENCY = 4;

export interface Status {
	/** The IDs still queued or processing. */
	running: string[];
	/** Transcripts read whole on the way, not to be asked for again. */
	fetched: Map<string, TranscriptJson>;
	/** When each finished transcript finished, as the transcript list tells (`completed`). */
	finishedAt: Map<string, string>;
}

/**
 * Which transcripts still run, from the transcript list (which also tells when each finished), and
 * one GET for any the list does not show.
 */
export async function checkStatus(ctx: ApiContext, ids: string[], minListed = LIST_POLLING_FROM): Promise<Status> {
	const pacer = new Pacer(1000 / MAX_REQUESTS_PER_SECOND);
	let toAsk = ids;
	const running: string[] = [];
	const fetched = new Map<string, TranscriptJson>();
	const finishedAt = new Map<string, string>();
	const seen = (item: IDataObject) => {
		if (typeof item.completed === 'string') finishedAt.set(item.id as string, item.completed);
	};
	if (ids.length >= minListed) {
		const listed = await listStatuses(ctx, new Set(ids), pacer, seen);
		if (listed) {
			for (const [id, status] of listed) if (status === 'queued' || status === 'processing') running.push(id);
			toAsk = ids.filter((id) => !listed.has(id));
		}
	}
	for (const id of toAsk) {
		await pacer.turn();
		const transcript = await getTranscript(ctx, id);
		if (isFinished(transcript)) fetched.set(id, transcript);
		else running.push(id);
	}
	return { running, fetched, finishedAt };
}

/**
 * Every input item's output: its key phrases, or an error item (a failed transcript, a failed lookup).
 * With Delete After Reading, the transcripts read are deleted once all of it is built.
 */
export async function outputFor(
	ctx: ApiContext,
	entries: CallbackEntry[],
	fetched: Map<string, TranscriptJson>,
): Promise<INodeExecutionData[]> {
	const pacer = new Pacer(1000 / MAX_REQUESTS_PER_SECOND, undefined, BURST_REQUESTS);
	const read: ItemOutcome[] = [];
	const perEntry = await mapWithConcurrency(entries, FETCH_CONCURRENCY, async (entry): Promise<INodeExecutionData[]> => {
		const pairedItem = { item: entry.itemIndex };
		if (!entry.transcriptId) return [{ json: entry.failure ?? {}, pairedItem }];
		try {
			let transcript = fetched.get(entry.transcriptId);
			if (!transcript) {
				await pacer.turn();
				transcript = await getTranscript(ctx, entry.transcriptId);
			}
			const items = itemsForTranscript(ctx.getNode(), transcript, entry.itemIndex, entry);
			if (entry.deleteAfterReading) read.push({ itemIndex: entry.itemIndex, transcriptId: entry.transcriptId, items, readForDeletion: { status: transcript.status } });
			return items;
		} catch (error) {
			return [{ json: errorJson(error as Error, entry.transcriptId), pairedItem }];
		}
	});
	await deleteReadTranscripts(ctx, read);
	return perEntry.flat();
}
