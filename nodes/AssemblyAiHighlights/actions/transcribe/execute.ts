import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { TranscriptClaims } from '../../transport/claims';
import type { TranscriptJson } from '../../transport/types';
import type { WaitResult } from '../../transport/wait';
import { readFinishedTranscripts, waitForTranscripts } from '../../transport/wait';
import { mapWithConcurrency } from '../../utils/concurrency';
import { withWebhookAuth } from '../../utils/webhookAuth';
import { checkBatch } from '../callback/status';
import { callbackParams, waitForCallbacks } from '../callback/wait';
import { deleteReadTranscripts, outputIsDelivered, readForDeletion } from '../deleteAfterReading';
import type { CreatedTranscript, ItemOutcome } from '../results';
import { asNodeError, collectOutcomes, itemsForWaitResult, statusItem, stopError } from '../results';
import { combinedWait, readItemSettings } from '../settings';
import { readAudioSource } from './audio';
import { recordingFingerprint, transcriptsOfThisExecution } from './createdInExecution';
import { checkSpeakersCanBeTold, readTranscriptParams } from './params';
import { logCreated } from './logCreated';
import { logCreatedWhenStopped } from './stopped';
import type { Plan } from './submit';
import { submitOnce } from './submit';

/** Uploads and transcript requests in flight at once. */
const SUBMIT_CONCURRENCY = 4;

/**
 * Transcribe with Key Phrases: check every item, then upload and submit them all (bounded
 * concurrency), then wait for all transcripts together, so a batch takes about as long as its
 * slowest recording. A recording this node already transcribed in this execution with the same
 * options (an earlier try of Retry On Fail, an earlier call as an AI tool) is read again, not paid
 * for again (see createdInExecution.ts).
 */
export async function transcribe(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes: ItemOutcome[] = [];
	const stopOnError = !this.continueOnFail();

	const plans: Plan[] = [];
	const occurrences = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const settings = readItemSettings(this, itemIndex);
			let params = readTranscriptParams(this, itemIndex);
			if (settings.waitMode !== 'none') checkSpeakersCanBeTold(this, params, settings.output, itemIndex);
			if (settings.waitMode === 'callback') params = await callbackParams(this, params, settings.output, itemIndex);
			params = await withWebhookAuth(this, params, itemIndex);
			const audio = await readAudioSource(this, items[itemIndex], itemIndex);
			const fingerprint = recordingFingerprint(audio, params);
			const occurrence = occurrences.get(fingerprint) ?? 0;
			occurrences.set(fingerprint, occurrence + 1);
			plans.push({ itemIndex, audio, params, settings, fingerprint, occurrence });
		} catch (error) {
			if (stopOnError) throw asNodeError(this, error, itemIndex);
			outcomes.push({ itemIndex, error });
		}
	}
	const callbackMode = plans.some((p) => p.settings.waitMode === 'callback');
	if (callbackMode && plans.some((p) => p.settings.waitMode !== 'callback')) {
		throw new NodeOperationError(this.getNode(), 'Wait for Result differs between items', {
			description: '"Wait for AssemblyAI\'s Callback" waits with the whole execution, so it must be the same for every item. Don\'t use an expression for Wait for Result.',
		});
	}

	// On Error "Stop": after a failure no new item starts; those in flight finish, so the error can list them.
	let stopped = false;
	const claims = new TranscriptClaims();
	const memory = transcriptsOfThisExecution(this);
	// A lost answer's search never takes a transcript this node made earlier in the execution.
	for (const id of memory?.transcriptIds() ?? []) claims.claim(id);
	const signal = this.getExecutionCancelSignal?.();
	const created: CreatedTranscript[] = [];
	const requesting = new Set<number>();
	const submitted = await mapWithConcurrency(plans, SUBMIT_CONCURRENCY, async (plan) => {
		const itemIndex = plan.itemIndex;
		if (stopped) return { plan, itemIndex };
		try {
			const transcript = await submitOnce(this, plan, claims, memory, requesting);
			created.push({ itemIndex, transcriptId: transcript.id });
			logCreated(this, itemIndex, transcript.id);
			return { plan, itemIndex, transcript };
		} catch (error) {
			if (stopOnError) stopped = true;
			return { plan, itemIndex, error: error as Error };
		}
	});
	const failures = submitted.filter((s) => s.error);
	created.sort((a, b) => a.itemIndex - b.itemIndex);
	if (signal?.aborted) {
		logCreatedWhenStopped(this, created, 'sending the transcript requests', [...requesting]);
		throw failures.length ? stopError(this, failures[0], created, failures.slice(1)) : new NodeOperationError(this.getNode(), 'The execution was cancelled');
	}
	if (stopOnError && failures.length) throw stopError(this, failures[0], created, failures.slice(1));

	const accepted: Array<{ plan: Plan; transcript: TranscriptJson }> = [];
	for (const { plan, transcript, error } of submitted) {
		if (error || !transcript) outcomes.push({ itemIndex: plan.itemIndex, error });
		else accepted.push({ plan, transcript });
	}
	for (const { plan, transcript } of accepted) {
		if (plan.settings.waitMode !== 'none') continue;
		// Not waited for: read in its first status, so Delete After Reading says why it was not deleted.
		const readAs = readForDeletion(plan.settings, { kind: 'timedOut', transcript });
		outcomes.push({ itemIndex: plan.itemIndex, items: [statusItem(transcript, plan.itemIndex)], transcriptId: transcript.id, readForDeletion: readAs });
	}

	const toWaitFor = accepted.filter((a) => a.plan.settings.waitMode !== 'none');
	if (toWaitFor.length) {
		// Each transcript becomes its item's outcome as soon as it is read; its JSON is not kept.
		const planOf = new Map(toWaitFor.map((a) => [a.transcript.id, a.plan]));
		const wait = combinedWait(toWaitFor.map((a) => a.plan.settings));
		const settle = (id: string, result: WaitResult): ItemOutcome => {
			const { itemIndex, settings } = planOf.get(id)!;
			try {
				const items = itemsForWaitResult(this, result, itemIndex, settings, id, wait.maxWaitMs);
				return { itemIndex, items, transcriptId: id, readForDeletion: readForDeletion(settings, result) };
			} catch (error) {
				return { itemIndex, error: error as Error, transcriptId: id };
			}
		};
		const ids = [...planOf.keys()];
		let settled: Map<string, ItemOutcome>;
		const logIfStopped = () => void (signal?.aborted && logCreatedWhenStopped(this, created, 'waiting for the transcripts'));
		if (callbackMode) {
			// AssemblyAI calls back once per transcript: if all finished before the execution could wait,
			// no call would come, so they are read at once instead.
			const batch = await checkBatch(this, ids).catch(() => undefined);
			if (batch?.kind !== 'finished') {
				const waitingFor = toWaitFor.map((a) => ({ itemIndex: a.plan.itemIndex, transcriptId: a.transcript.id, settings: a.plan.settings }));
				return await waitForCallbacks(this, outcomes, waitingFor);
			}
			settled = await readFinishedTranscripts(this, ids, batch.fetched, signal, settle).finally(logIfStopped);
		} else {
			settled = await waitForTranscripts(this, ids, { ...wait, checkAtOnce: false }, signal, settle).finally(logIfStopped);
		}
		outcomes.push(...settled.values());
	}
	// Only once every item's output is built, and only when it will be delivered.
	if (outputIsDelivered(this.continueOnFail(), outcomes)) await deleteReadTranscripts(this, outcomes);
	return collectOutcomes(this, outcomes, { created: true });
}
