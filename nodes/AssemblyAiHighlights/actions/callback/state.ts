import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import type { OutputShape, ShapeOptions } from '../../highlights';
import { errorItemJson, GET_HIGHLIGHTS_LATER } from '../results';

/**
 * What a callback-mode execution needs after it resumes, one entry per input item. It travels in
 * the execution itself (the node's context, stored with the waiting execution), never in the memory
 * of the n8n process, so the callback may reach another process than the one that submitted (queue mode).
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

/**
 * The key of the entries in the node's context (`getContext('node')`), which n8n stores with the
 * waiting execution and hands to every callback (read as `$node[name].context`).
 */
export const CALLBACK_STATE_KEY = 'assemblyAiCallback';

/**
 * The items the execution waits with, one per input item: if Max Wait passes before AssemblyAI has
 * called back for every transcript, n8n continues the execution with exactly these items (the node
 * itself does not run again), so each already says what went wrong, names its own transcript, and is
 * shaped as a resume would shape its error (on the error output under "Continue (using error
 * output)"). They carry nothing internal: the entries travel in the node's context.
 */
export function waitingItems(node: INode, entries: CallbackEntry[], maxWaitMinutes: number): INodeExecutionData[] {
	const awaited = awaitedTranscripts(entries).length;
	const all = awaited === 1 ? 'the transcript' : `all ${awaited} transcripts`;
	return entries.map((entry) => {
		const pairedItem = { item: entry.itemIndex };
		if (entry.failure) return { json: errorItemJson(node, entry.failure), pairedItem };
		const id = entry.transcriptId as string;
		return {
			json: errorItemJson(node, {
				error: `AssemblyAI had not called back for ${all} of this execution after ${maxWaitMinutes} minute(s) (Max Wait): transcript ${id} is not in the output`,
				errorDescription: `${GET_HIGHLIGHTS_LATER(id)} Check that AssemblyAI can reach this n8n (WEBHOOK_URL must be its public address), or raise Options > Max Wait (Minutes). ${REFUSED_CALLS_HINT}`,
				transcriptId: id,
				status: 'waitingForCallback',
			}),
			pairedItem,
		};
	});
}

/**
 * Refused calls cannot be counted here: at Max Wait n8n continues the execution without running the
 * node, and a refused call keeps nothing (n8n saves no execution for it, and in queue mode it runs
 * in another process). Both sides keep a trace, which this points to.
 */
const REFUSED_CALLS_HINT = "n8n's log has an error line for each call it refused (cause, address, what to change).";

/** What the node shows as its output while the execution waits (n8n drops it when it resumes). */
export function shownWhileWaiting(entries: CallbackEntry[]): INodeExecutionData[] {
	return entries.map((entry) => ({
		json: entry.failure ?? { transcriptId: entry.transcriptId, status: 'waitingForCallback' },
		pairedItem: { item: entry.itemIndex },
	}));
}

/** The entries as the node's context holds them; undefined when it holds none of this node's. */
export function readCallbackEntries(stored: unknown): CallbackEntry[] | undefined {
	if (!Array.isArray(stored) || stored.length === 0) return undefined;
	const entries = stored as CallbackEntry[];
	return entries.every((entry) => entry && typeof entry === 'object' && typeof entry.itemIndex === 'number') ? entries : undefined;
}

/** The transcript IDs the execution waits for. */
export function awaitedTranscripts(entries: CallbackEntry[]): string[] {
	return entries.flatMap((e) => (e.transcriptId ? [e.transcriptId] : []));
}
