import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { WaitResult } from '../../transport/wait';
import { waitForTranscripts } from '../../transport/wait';
import { deleteReadTranscripts, outputIsDelivered, readForDeletion } from '../deleteAfterReading';
import type { ItemOutcome } from '../results';
import { asNodeError, collectOutcomes, itemsForTranscript, itemsForWaitResult } from '../results';
import type { ItemSettings } from '../settings';
import { readTranscriptId } from '../transcriptId';
import { combinedWait, readItemSettings } from '../settings';

interface Request {
	itemIndex: number;
	transcriptId: string;
	settings: ItemSettings;
}

/**
 * Get Highlights (operation getHighlights): each transcript is read once, however many items ask for it; the unfinished ones
 * asked for with Poll Until Done are waited for together. A transcript becomes its items' output as
 * soon as it is read, and its JSON is not kept. With Delete After Reading, each transcript read is then deleted once.
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

	const requestsOf = new Map<string, Request[]>();
	for (const request of requests) requestsOf.set(request.transcriptId, [...(requestsOf.get(request.transcriptId) ?? []), request]);
	const polled = requests.filter((r) => r.settings.waitMode === 'poll');
	const pollIds = new Set(polled.map((r) => r.transcriptId));
	const waitedMs = polled.length ? combinedWait(polled.map((r) => r.settings)).maxWaitMs : 0;
	const settle = (id: string, result: WaitResult) => {
		for (const request of requestsOf.get(id)!) outcomes.push(outcomeFor(this, request, result, waitedMs));
	};
	const signal = this.getExecutionCancelSignal?.();
	// Don't Wait: one look each. Then the rest, waited for together.
	const lookOnce = [...requestsOf.keys()].filter((id) => !pollIds.has(id));
	await waitForTranscripts(this, lookOnce, { pollIntervalMs: 0, maxWaitMs: 0, checkAtOnce: true }, signal, settle);
	if (polled.length) {
		await waitForTranscripts(this, pollIds, { ...combinedWait(polled.map((r) => r.settings)), checkAtOnce: true }, signal, settle);
	}
	// Only once every item's output is built, and only when it will be delivered.
	if (outputIsDelivered(this.continueOnFail(), outcomes)) await deleteReadTranscripts(this, outcomes);
	return collectOutcomes(this, outcomes);
}

/**
 * An item's outcome; with Don't Wait a transcript still running is no error, its status is the output.
 * `waitedMs`: how long the items that poll waited (their longest Max Wait).
 */
function outcomeFor(ctx: IExecuteFunctions, { itemIndex, transcriptId, settings }: Request, result: WaitResult, waitedMs: number): ItemOutcome {
	try {
		const items =
			result.kind === 'timedOut' && settings.waitMode !== 'poll'
				? itemsForTranscript(ctx.getNode(), result.transcript, itemIndex, settings)
				: itemsForWaitResult(ctx, result, itemIndex, settings, transcriptId, waitedMs);
		return { itemIndex, items, transcriptId, readForDeletion: readForDeletion(settings, result) };
	} catch (error) {
		return { itemIndex, error: error as Error, transcriptId };
	}
}
