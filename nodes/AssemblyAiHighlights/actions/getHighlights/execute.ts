import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { getTranscript } from '../../transport/assemblyAi';
import type { TranscriptJson } from '../../transport/types';
import type { WaitResult } from '../../transport/wait';
import { isFinished, waitForTranscripts } from '../../transport/wait';
import { mapWithConcurrency } from '../../utils/concurrency';
import { deleteReadTranscripts, outputIsDelivered } from '../deleteAfterReading';
import type { ItemOutcome } from '../results';
import { asNodeError, collectOutcomes, itemsForTranscript, itemsForWaitResult } from '../results';
import type { ItemSettings } from '../settings';
import { readTranscriptId } from '../transcriptId';
import { combinedWait, readItemSettings } from '../settings';

const LOOKUP_CONCURRENCY = 5;

interface Request {
	itemIndex: number;
	transcriptId: string;
	settings: ItemSettings;
}

/**
 * Get Highlights: look up each transcript once, wait for the unfinished ones together, shape the
 * output, then (Delete After Reading) delete each transcript read once.
 */
export async function getHighlights(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes: ItemOutcome[] = [];
	const stopOnError = !this.continueOnFail();

	const requests: Request[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const transcriptId = readTranscriptId(this, itemIndex);
			requests.push({ itemIndex, transcriptId, settings: readItemSettings(this, itemIndex) });
		} catch (error) {
			if (stopOnError) throw asNodeError(this, error, itemIndex);
			outcomes.push({ itemIndex, error });
		}
	}

	const ids = [...new Set(requests.map((r) => r.transcriptId))];
	const lookups = new Map<string, TranscriptJson | Error>();
	await mapWithConcurrency(ids, LOOKUP_CONCURRENCY, async (id) => {
		const firstItem = requests.find((r) => r.transcriptId === id)!.itemIndex;
		try {
			lookups.set(id, await getTranscript(this, id, firstItem));
		} catch (error) {
			lookups.set(id, error as Error);
		}
	});

	const pollSettings = requests.filter((r) => r.settings.waitMode === 'poll').map((r) => r.settings);
	const unfinished = new Map<string, TranscriptJson>();
	for (const request of requests) {
		const found = lookups.get(request.transcriptId);
		if (request.settings.waitMode === 'poll' && found && !(found instanceof Error) && !isFinished(found)) {
			unfinished.set(found.id, found);
		}
	}
	const wait = pollSettings.length ? combinedWait(pollSettings) : undefined;
	const waited: Map<string, WaitResult> = unfinished.size && wait
		? await waitForTranscripts(this, unfinished, wait, this.getExecutionCancelSignal?.())
		: new Map();

	for (const { itemIndex, transcriptId, settings } of requests) {
		const found = lookups.get(transcriptId);
		try {
			if (found instanceof Error || !found) throw found ?? new Error(`Transcript ${transcriptId} was not looked up`);
			const result = waited.get(transcriptId);
			const out = result
				? itemsForWaitResult(this, result, itemIndex, settings, transcriptId, wait?.maxWaitMs ?? 0)
				: itemsForTranscript(this.getNode(), found, itemIndex, settings);
			const read = result?.kind === 'finished' ? result.transcript : found;
			outcomes.push({ itemIndex, items: out, transcriptId, readForDeletion: settings.deleteAfterReading ? { status: read.status } : undefined });
		} catch (error) {
			outcomes.push({ itemIndex, error, transcriptId });
		}
	}
	// Only once every item's output is built, and only when it will be delivered.
	if (outputIsDelivered(this.continueOnFail(), outcomes)) await deleteReadTranscripts(this, outcomes);
	return collectOutcomes(this, outcomes);
}
