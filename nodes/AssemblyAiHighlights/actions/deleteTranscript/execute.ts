import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { deleteTranscript } from '../../transport/assemblyAi';
import { mapWithConcurrency } from '../../utils/concurrency';
import type { ItemOutcome } from '../results';
import { asNodeError, collectOutcomes } from '../results';
import { readTranscriptId } from '../transcriptId';

const DELETE_CONCURRENCY = 4;

/**
 * Delete Transcript: AssemblyAI scrubs the transcript and deletes the file uploaded for it. Each ID
 * is deleted once, however many items name it; every item gets `{ transcriptId, deleted: true }`.
 */
export async function deleteTranscriptOperation(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes: ItemOutcome[] = [];
	const requests: Array<{ itemIndex: number; transcriptId: string }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests.push({ itemIndex, transcriptId: readTranscriptId(this, itemIndex) });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			outcomes.push({ itemIndex, error });
		}
	}

	const ids = [...new Set(requests.map((r) => r.transcriptId))];
	const failures = new Map<string, Error>();
	await mapWithConcurrency(ids, DELETE_CONCURRENCY, async (id) => {
		try {
			await deleteTranscript(this, id, requests.find((r) => r.transcriptId === id)?.itemIndex);
		} catch (error) {
			failures.set(id, error as Error);
		}
	});

	for (const { itemIndex, transcriptId } of requests) {
		const error = failures.get(transcriptId);
		if (error) outcomes.push({ itemIndex, error, transcriptId });
		else outcomes.push({ itemIndex, transcriptId, items: [{ json: { transcriptId, deleted: true }, pairedItem: { item: itemIndex } }] });
	}
	return collectOutcomes(this, outcomes);
}
