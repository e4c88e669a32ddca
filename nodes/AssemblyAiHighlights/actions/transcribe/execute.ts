import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createTranscript } from '../../transport/assemblyAi';
import { TranscriptClaims } from '../../transport/claims';
import type { TranscriptJson } from '../../transport/types';
import { waitForTranscripts } from '../../transport/wait';
import { mapWithConcurrency } from '../../utils/concurrency';
import { deleteReadTranscripts, outputIsDelivered } from '../deleteAfterReading';
import type { ItemOutcome } from '../results';
import { asNodeError, collectOutcomes, itemsForWaitResult, statusItem, stopError } from '../results';
import type { ItemSettings } from '../settings';
import { combinedWait, readItemSettings } from '../settings';
import type { AudioSource } from './audio';
import { readAudioSource, resolveAudioUrl } from './audio';
import { checkStatus } from './callbackResults';
import { callbackParams, waitForCallbacks } from './callbackWait';
import { checkSpeakersCanBeTold, readTranscriptParams } from './params';

/** Uploads and transcript requests in flight at once. */
const SUBMIT_CONCURRENCY = 4;

interface Plan {
	itemIndex: number;
	audio: AudioSource;
	params: IDataObject;
	settings: ItemSettings;
}

/**
 * Transcribe with Key Phrases: check every item, then upload and submit them all (bounded
 * concurrency), then wait for all transcripts together, so a batch takes about as long as its
 * slowest recording.
 */
export async function transcribe(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes: ItemOutcome[] = [];
	const stopOnError = !this.continueOnFail();

	const plans: Plan[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const settings = readItemSettings(this, itemIndex);
			let params = readTranscriptParams(this, itemIndex);
			if (settings.waitMode !== 'none') checkSpeakersCanBeTold(this, params, settings.output, itemIndex);
			if (settings.waitMode === 'callback') params = await callbackParams(this, params, settings.output, itemIndex);
			plans.push({ itemIndex, audio: await readAudioSource(this, items[itemIndex], itemIndex), params, settings });
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
	const submitted = await mapWithConcurrency(plans, SUBMIT_CONCURRENCY, async (plan) => {
		const itemIndex = plan.itemIndex;
		if (stopped) return { plan, itemIndex };
		try {
			const audioUrl = await resolveAudioUrl(this, plan.audio, itemIndex);
			const transcript = await createTranscript(this, { ...plan.params, audio_url: audioUrl }, itemIndex, claims);
			return { plan, itemIndex, transcript };
		} catch (error) {
			if (stopOnError) stopped = true;
			return { plan, itemIndex, error: error as Error };
		}
	});
	const failures = submitted.filter((s) => s.error);
	if (stopOnError && failures.length) {
		const created = submitted.flatMap((s) => (s.transcript ? [{ itemIndex: s.itemIndex, transcriptId: s.transcript.id }] : []));
		throw stopError(this, failures[0], created, failures.slice(1));
	}

	const waiting = new Map<string, TranscriptJson>();
	const accepted: Array<{ plan: Plan; transcript: TranscriptJson }> = [];
	for (const { plan, transcript, error } of submitted) {
		if (error || !transcript) {
			outcomes.push({ itemIndex: plan.itemIndex, error });
			continue;
		}
		accepted.push({ plan, transcript });
		if (plan.settings.waitMode !== 'none') waiting.set(transcript.id, transcript);
	}

	const wait = waiting.size ? combinedWait(accepted.map((a) => a.plan.settings)) : undefined;
	if (callbackMode && wait) {
		// AssemblyAI calls back only once per transcript: if all finished before the execution could
		// start waiting, no call would come, so they are read at once instead.
		const status = await checkStatus(this, [...waiting.keys()]).catch(() => undefined);
		if (!status || status.running.length > 0) {
			const callbackItems = accepted.map((a) => ({ itemIndex: a.plan.itemIndex, transcriptId: a.transcript.id, settings: a.plan.settings }));
			return await waitForCallbacks(this, outcomes, callbackItems);
		}
		wait.pollIntervalMs = 0;
	}
	const results = wait ? await waitForTranscripts(this, waiting, wait, this.getExecutionCancelSignal?.()) : new Map();

	for (const { plan, transcript } of accepted) {
		const { itemIndex, settings } = plan;
		const result = results.get(transcript.id);
		try {
			const out = result
				? itemsForWaitResult(this, result, itemIndex, settings, transcript.id, wait?.maxWaitMs ?? 0)
				: [statusItem(transcript, itemIndex)];
			const read = result?.kind === 'finished' ? result.transcript : transcript;
			outcomes.push({ itemIndex, items: out, transcriptId: transcript.id, readForDeletion: settings.deleteAfterReading ? { status: read.status } : undefined });
		} catch (error) {
			outcomes.push({ itemIndex, error, transcriptId: transcript.id });
		}
	}
	if (outputIsDelivered(this.continueOnFail(), outcomes)) await deleteReadTranscripts(this, outcomes);
	return collectOutcomes(this, outcomes, { created: true });
}
