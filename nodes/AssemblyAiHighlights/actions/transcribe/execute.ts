import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { createTranscript } from '../../transport/assemblyAi';
import type { TranscriptJson } from '../../transport/types';
import { waitForTranscripts } from '../../transport/wait';
import { mapWithConcurrency } from '../../utils/concurrency';
import type { ItemOutcome } from '../results';
import { asNodeError, collectOutcomes, itemsForWaitResult, statusItem } from '../results';
import type { ItemSettings } from '../settings';
import { combinedWait, readItemSettings } from '../settings';
import type { AudioSource } from './audio';
import { readAudioSource, resolveAudioUrl } from './audio';
import { readTranscriptParams } from './params';

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
			plans.push({
				itemIndex,
				audio: await readAudioSource(this, items[itemIndex], itemIndex),
				params: readTranscriptParams(this, itemIndex),
				settings: readItemSettings(this, itemIndex),
			});
		} catch (error) {
			if (stopOnError) throw asNodeError(this, error, itemIndex);
			outcomes.push({ itemIndex, error });
		}
	}

	let stopped = false;
	const claimed = new Set<string>();
	const submitted = await mapWithConcurrency(plans, SUBMIT_CONCURRENCY, async (plan) => {
		if (stopped) return { plan };
		try {
			const audioUrl = await resolveAudioUrl(this, plan.audio, plan.itemIndex);
			const transcript = await createTranscript(this, { ...plan.params, audio_url: audioUrl }, plan.itemIndex, claimed);
			return { plan, transcript };
		} catch (error) {
			if (stopOnError) stopped = true;
			return { plan, error: error as Error };
		}
	});
	const failed = submitted.find((s) => s.error);
	if (stopOnError && failed?.error) throw asNodeError(this, failed.error, failed.plan.itemIndex);

	const waiting = new Map<string, TranscriptJson>();
	const accepted: Array<{ plan: Plan; transcript: TranscriptJson }> = [];
	for (const { plan, transcript, error } of submitted) {
		if (error || !transcript) {
			outcomes.push({ itemIndex: plan.itemIndex, error });
			continue;
		}
		accepted.push({ plan, transcript });
		if (plan.settings.waitMode === 'poll') waiting.set(transcript.id, transcript);
	}

	const results = waiting.size
		? await waitForTranscripts(this, waiting, combinedWait(accepted.map((a) => a.plan.settings)), this.getExecutionCancelSignal?.())
		: new Map();

	for (const { plan, transcript } of accepted) {
		const { itemIndex, settings } = plan;
		const result = results.get(transcript.id);
		try {
			const out = result ? itemsForWaitResult(this, result, itemIndex, settings) : [statusItem(transcript, itemIndex)];
			outcomes.push({ itemIndex, items: out, transcriptId: transcript.id });
		} catch (error) {
			outcomes.push({ itemIndex, error, transcriptId: transcript.id });
		}
	}
	return collectOutcomes(this, outcomes);
}
