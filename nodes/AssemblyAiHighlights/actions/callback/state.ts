import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { OutputShape, ShapeOptions } from '../../highlights';
import { GET_HIGHLIGHTS_LATER } from '../results';

/**
 * What a callback-mode execution needs after it resumes, one entry per input item. It travels in
 * the execution itself (the waiting node's input), never in the memory of the n8n process, so the
 * callback may reach another process than the one that submitted (queue mode).
 */
export interface CallbackEntry {
	itemIndex: number;
	/** Set when the transcript was created; unset when the item failed before (continue on fail). */
	transcriptId?: string;
	/** The error item this input gives if it failed before submission. */
	failure?: IDataObject;
	output: OutputShape;
	shape: ShapeOptions;
	/** Options > Delete After Reading: deleted once the resumed output is built. */
	deleteAfterReading?: boolean;
}

/** The key under which each waiting item carries its entry. */
export const CALLBACK_STATE_KEY = 'assemblyAiCallback';

/**
 * The items the execution waits with, one per input item. n8n stores them with the waiting execution
 * and reads them again for every callback; if Max Wait passes before AssemblyAI has called back for
 * every transcript, n8n continues the execution with exactly these items, so each already says what
 * went wrong and names its own transcript. Each names only its own: a few hundred bytes per item,
 * whatever the batch size.
 */
export function waitingItems(entries: CallbackEntry[], maxWaitMinutes: number): INodeExecutionData[] {
	const awaited = awaitedTranscripts(entries).length;
	const all = awaited === 1 ? 'the transcript' : `all ${awaited} transcripts`;
	return entries.map((entry) => {
		const state = { [CALLBACK_STATE_KEY]: entry };
		if (entry.failure) return { json: { ...entry.failure, ...state }, pairedItem: { item: entry.itemIndex } };
		const id = entry.transcriptId as string;
		return {
			json: {
				transcriptId: id,
				status: 'waitingForCallback',
				error: `AssemblyAI had not called back for ${all} of this execution after ${maxWaitMinutes} minute(s) (Max Wait): transcript ${id} is not in the output`,
				errorDescription: `${GET_HIGHLIGHTS_LATER(id)} Check that AssemblyAI can reach this n8n (WEBHOOK_URL must be its public address), or raise Options > Max Wait (Minutes).`,
				...state,
			},
			pairedItem: { item: entry.itemIndex },
		};
	});
}

/** What the node shows as its output while the execution waits (n8n drops it when it resumes). */
export function shownWhileWaiting(entries: CallbackEntry[]): INodeExecutionData[] {
	return entries.map((entry) => ({
		json: entry.failure ?? { transcriptId: entry.transcriptId, status: 'waitingForCallback' },
		pairedItem: { item: entry.itemIndex },
	}));
}

/** The entries back from the waiting items; undefined when the items are not this node's. */
export function readCallbackEntries(items: Array<{ json?: IDataObject } | IDataObject>): CallbackEntry[] | undefined {
	const entries: CallbackEntry[] = [];
	for (const item of items) {
		const json = ((item as { json?: IDataObject }).json ?? item) as IDataObject;
		const entry = json?.[CALLBACK_STATE_KEY] as CallbackEntry | undefined;
		if (!entry || typeof entry !== 'object' || typeof entry.itemIndex !== 'number') return undefined;
		entries.push(entry);
	}
	return entries.length ? entries : undefined;
}

/** The transcript IDs the execution waits for. */
export function awaitedTranscripts(entries: CallbackEntry[]): string[] {
	return entries.flatMap((e) => (e.transcriptId ? [e.transcriptId] : []));
}
