import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { createTranscript, getTranscript } from '../../transport/assemblyAi';
import type { TranscriptClaims } from '../../transport/claims';
import type { TranscriptJson } from '../../transport/types';
import type { ItemSettings } from '../settings';
import type { AudioSource } from './audio';
import { resolveAudioUrl } from './audio';
import type { ExecutionTranscripts } from './createdInExecution';

/** What one input item asks for, checked before anything is uploaded or paid for. */
export interface Plan {
	itemIndex: number;
	audio: AudioSource;
	params: IDataObject;
	settings: ItemSettings;
	/** The recording and its request (recordingFingerprint), and how many items before this one of the call have the same. */
	fingerprint: string;
	occurrence: number;
}

/**
 * The item's transcript: the one this node made earlier in this execution for the same recording
 * and options (read again: no upload, no second payment), else a new one (uploaded and requested).
 * A remembered transcript that failed (not billed) or was deleted since (nothing left to read) is
 * made again.
 */
export async function submitOnce(
	ctx: IExecuteFunctions,
	plan: Plan,
	claims: TranscriptClaims,
	memory: ExecutionTranscripts | undefined,
	/** Holds the item's index while its transcript request is out (when stopped then, it may have made one). */
	requesting?: Set<number>,
): Promise<TranscriptJson> {
	const { itemIndex, fingerprint, occurrence } = plan;
	for (let earlier = memory?.recall(fingerprint, occurrence); memory && earlier; earlier = memory.recall(fingerprint, occurrence)) {
		const made = await earlier.catch(() => undefined);
		if (!made) continue; // that creation failed and is forgotten
		const transcript = await getTranscript(ctx, made.transcriptId, itemIndex);
		if (transcript.status !== 'error' && transcript.audio_url === made.audioUrl) {
			claims.claim(transcript.id);
			return transcript;
		}
		// Another call may have replaced it meanwhile: then that one is looked at.
		if (memory.recall(fingerprint, occurrence) === earlier) {
			memory.forget(fingerprint, occurrence);
			break;
		}
	}
	const creating = (async () => {
		const audioUrl = await resolveAudioUrl(ctx, plan.audio, itemIndex);
		requesting?.add(itemIndex);
		try {
			const transcript = await createTranscript(ctx, { ...plan.params, audio_url: audioUrl }, itemIndex, claims);
			return { transcript, audioUrl };
		} finally {
			// Cut off by a Stop, the request stays listed: it may have created a transcript.
			if (!ctx.getExecutionCancelSignal?.()?.aborted) requesting?.delete(itemIndex);
		}
	})();
	memory?.remember(fingerprint, occurrence, creating.then(({ transcript, audioUrl }) => ({ transcriptId: transcript.id, audioUrl })));
	return (await creating).transcript;
}
