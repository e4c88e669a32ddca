import type { IDataObject } from 'n8n-workflow';
import { deleteTranscript } from '../transport/assemblyAi';
import type { ApiContext } from '../transport/types';
import type { WaitResult } from '../transport/wait';
import { mapWithConcurrency } from '../utils/concurrency';
import type { ItemOutcome } from './results';

const DELETE_CONCURRENCY = 4;

/**
 * Options > Delete After Reading: deletes each transcript whose output is built once (several items
 * may read the same one), then marks every item of theirs, in place, `deleted: true`, or
 * `deleted: false` with `deleteError`. The items keep their phrases either way. Call it only for
 * output that will be delivered: a node that stops on an error delivers nothing, and deleting would
 * lose the phrases. It still runs before the next nodes do (the option says so): a workflow that must
 * store the phrases first deletes with a Delete Transcript step after the storing step instead. The
 * Trigger never deletes: it runs inside AssemblyAI's call, before n8n has even started the execution.
 */
export async function deleteReadTranscripts(ctx: ApiContext, outcomes: ItemOutcome[]): Promise<void> {
	const read = outcomes.filter((o) => o.readForDeletion && o.items && !o.error && o.transcriptId);
	const completed = read.filter((o) => o.readForDeletion?.status === 'completed');
	const ids = [...new Set(completed.map((o) => o.transcriptId as string))];
	const failures = new Map<string, Error>();
	await mapWithConcurrency(ids, DELETE_CONCURRENCY, async (id) => {
		try {
			await deleteTranscript(ctx, id, completed.find((o) => o.transcriptId === id)?.itemIndex);
		} catch (error) {
			failures.set(id, error as Error);
		}
	});
	for (const outcome of read) {
		const mark = deletionMark(outcome.transcriptId as string, outcome.readForDeletion?.status ?? 'unknown', failures);
		for (const item of outcome.items ?? []) Object.assign(item.json, mark);
	}
}

function deletionMark(id: string, status: string, failures: Map<string, Error>): IDataObject {
	if (status !== 'completed') {
		return {
			deleted: false,
			deleteError: `Transcript ${id} is ${status}, so it was not deleted: only a transcript whose key phrases were read is. Read it later with 'Get Highlights', and delete it with a 'Delete Transcript' step after the step that stores its key phrases.`,
		};
	}
	const failure = failures.get(id);
	return failure ? { deleted: false, deleteError: failure.message } : { deleted: true };
}

/** Whether a node's output will be delivered: no item failed, or failed items become error items. */
export function outputIsDelivered(continueOnFail: boolean, outcomes: ItemOutcome[]): boolean {
	return continueOnFail || !outcomes.some((o) => o.error);
}

/** What an outcome records for Delete After Reading: the status its transcript was read in, when the option is on. */
export function readForDeletion(settings: { deleteAfterReading?: boolean }, result: WaitResult): ItemOutcome['readForDeletion'] {
	if (!settings.deleteAfterReading || result.kind === 'lookupFailed') return undefined;
	return { status: result.transcript.status };
}
