import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { AudioSource } from './audio';

/** A transcript this node created in this execution, and the audio URL it was created for. */
export interface CreatedTranscriptRecord {
	transcriptId: string;
	audioUrl: string;
}

/** Transcripts remembered at most, over all executions; the least recently used executions go first. */
const MAX_REMEMBERED = 50_000;
/** Executions remembered at most (most hold a few transcripts). */
const MAX_EXECUTIONS = 2_000;

interface Entry {
	creating: Promise<CreatedTranscriptRecord>;
	created?: CreatedTranscriptRecord;
}

/**
 * What each execution's node has created, in this process's memory: execution ID + node name ->
 * (recording fingerprint, occurrence) -> the transcript, or its creation still on its way.
 *
 * Why here, and why so: n8n's Retry On Fail (and its retry of a node whose On Error "Continue" output
 * holds an error item) calls `execute()` again with the same input items in the same execution, and
 * the AI Agent calls a tool node's `execute()` again in the same execution; nothing one call returns
 * or stores reaches the next. A failing try throws, so it leaves no output behind; static data is
 * saved only when the execution ends (and only for active workflows); the execution context is new
 * for every call. What n8n lets a node keep across calls is module state, so this is it: keyed by what
 * identifies one node run's work (the execution, the node, the recording with its transcript request),
 * bounded (MAX_REMEMBERED transcripts, MAX_EXECUTIONS executions, the least recently used evicted: a
 * few MB at most), holding only IDs and hashes, never audio or a secret in clear.
 *
 * The occurrence counts the items of one call that ask for the same recording with the same options:
 * the first of them reuses the first transcript of an earlier call, the second the second; so items
 * of one call never share a transcript, while a later call or try pays nothing again. Limits: the
 * memory is the process's, so a retry of the execution as a new execution, another worker in queue
 * mode, or a restart of n8n knows nothing of it.
 */
const executions = new Map<string, Map<string, Entry>>();
let remembered = 0;

/**
 * Identifies a recording and what is asked of it: the audio URL, or the binary's identity (its stored
 * ID, else a hash of its bytes), with the transcript request's fields (webhook header included, hashed).
 */
export function recordingFingerprint(audio: AudioSource, params: IDataObject): string {
	const hash = createHash('sha256');
	if (audio.kind === 'url') hash.update(`url\n${audio.url}\n`);
	else if (audio.binary.id) hash.update(`binary-id\n${audio.binary.id}\n`);
	else hash.update('binary-data\n').update(audio.binary.data ?? '').update('\n');
	hash.update(stableJson(params));
	return hash.digest('hex');
}

function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject).filter(([, v]) => v !== undefined);
		return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** What one execution's node has created: recall, remember, forget. */
export interface ExecutionTranscripts {
	/** The transcript created earlier in this execution for this recording and occurrence (or being created). */
	recall(fingerprint: string, occurrence: number): Promise<CreatedTranscriptRecord> | undefined;
	/** Remembers a creation; forgotten again if it fails. */
	remember(fingerprint: string, occurrence: number, creating: Promise<CreatedTranscriptRecord>): void;
	forget(fingerprint: string, occurrence: number): void;
	/** The transcripts created so far (creations still on their way not included). */
	transcriptIds(): string[];
}

/**
 * The transcripts this node created earlier in this execution: across n8n's Retry On Fail tries, the
 * AI Agent's repeated tool calls and a loop back into the node, a recording asked for again with the
 * same options is transcribed once. Undefined when the execution has no ID (nothing to key on).
 */
export function transcriptsOfThisExecution(ctx: IExecuteFunctions): ExecutionTranscripts | undefined {
	const executionId = typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : undefined;
	if (!executionId) return undefined;
	const runKey = `${executionId}\n${ctx.getNode().name}`;
	const keyOf = (fingerprint: string, occurrence: number) => `${fingerprint}#${occurrence}`;
	/** This execution's entries, its place refreshed as the most recently used; created on first use. */
	const run = (create: boolean) => {
		let entries = executions.get(runKey);
		if (entries) executions.delete(runKey);
		else if (create) entries = new Map();
		if (entries) executions.set(runKey, entries);
		return entries;
	};
	const forget = (key: string, only?: Entry) => {
		const entries = executions.get(runKey);
		const entry = entries?.get(key);
		if (!entries || !entry || (only && entry !== only)) return;
		entries.delete(key);
		remembered--;
	};
	return {
		recall: (fingerprint, occurrence) => run(false)?.get(keyOf(fingerprint, occurrence))?.creating,
		remember(fingerprint, occurrence, creating) {
			const key = keyOf(fingerprint, occurrence);
			forget(key);
			const entries = run(true)!;
			makeRoom(entries);
			if (remembered >= MAX_REMEMBERED) return; // this execution alone fills the memory: no more is kept
			const entry: Entry = { creating };
			entries.set(key, entry);
			remembered++;
			creating.then(
				(created) => void (entry.created = created),
				() => forget(key, entry),
			);
		},
		forget: (fingerprint, occurrence) => forget(keyOf(fingerprint, occurrence)),
		transcriptIds: () => [...(run(false)?.values() ?? [])].flatMap((e) => (e.created ? [e.created.transcriptId] : [])),
	};
}

/** Evicts the least recently used executions (never `keep`) until one more transcript and execution fit. */
function makeRoom(keep: Map<string, Entry>): void {
	for (const [key, entries] of executions) {
		if (remembered < MAX_REMEMBERED && executions.size <= MAX_EXECUTIONS) return;
		if (entries === keep) continue;
		executions.delete(key);
		remembered -= entries.size;
	}
}
