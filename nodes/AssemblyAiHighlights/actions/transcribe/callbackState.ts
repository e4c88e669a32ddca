import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { OutputShape, ShapeOptions } from '../../highlights';

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

const GET_LATER = (id: string) => `Nothing is lost: run Get Highlights with transcript ID ${id} later; the transcript is not paid for twice.`;

/**
 * The items the node waits with. n8n shows them while the execution waits; if Max Wait passes
 * before AssemblyAI has called back for every transcript, n8n continues the execution with exactly
 * these items, so each already says what went wrong and names its transcript.
 */
export function waitingItems(entries: CallbackEntry[], maxWaitMinutes: number, waitTill: Date): INodeExecutionData[] {
	const pending = entries.filter((e) => e.transcriptId).map((e) => e.transcriptId as string);
	return entries.map((entry) => {
		const state = { [CALLBACK_STATE_KEY]: { ...entry, waitTill: waitTill.toISOString() } };
		if (entry.failure) return { json: { ...entry.failure, ...state }, pairedItem: { item: entry.itemIndex } };
		const id = entry.transcriptId as string;
		return {
			json: {
				transcriptId: id,
				status: 'waitingForCallback',
				error: `AssemblyAI had not called back for every transcript after ${maxWaitMinutes} minute(s) (Max Wait): transcript ${id} and the others of this execution (${pending.join(', ')}) are not in the output`,
				errorDescription: `${GET_LATER(id)} Check that AssemblyAI can reach this n8n (WEBHOOK_URL must be its public address), or raise Options > Max Wait (Minutes).`,
				...state,
			},
			pairedItem: { item: entry.itemIndex },
		};
	});
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

/**
 * The transcript that finished last (latest `completed`, then the greatest ID): the callback for it
 * is the one that resumes the execution, so two callbacks that both find everything finished do not
 * both resume it. Undefined when a finish time is unknown.
 */
export function lastToFinish(ids: string[], finishedAt: ReadonlyMap<string, string>): string | undefined {
	let last: { id: string; at: number } | undefined;
	for (const id of ids) {
		const at = Date.parse(finishedAt.get(id) ?? '');
		if (Number.isNaN(at)) return undefined;
		if (!last || at > last.at || (at === last.at && id > last.id)) last = { id, at };
	}
	return last?.id;
}
