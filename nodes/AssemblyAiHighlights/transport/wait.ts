import { mapWithConcurrency } from '../utils/concurrency';
import { getTranscript } from './assemblyAi';
import { pause } from './pause';
import type { ApiContext, TranscriptJson } from './types';

export interface WaitSettings {
	pollIntervalMs: number;
	maxWaitMs: number;
}

/** Where one transcript ended up: finished, still running at the deadline, or a lookup that failed. */
export type WaitResult =
	| { kind: 'finished'; transcript: TranscriptJson }
	| { kind: 'timedOut'; transcript: TranscriptJson }
	| { kind: 'lookupFailed'; error: Error };

const POLL_CONCURRENCY = 5;

export function isFinished(transcript: TranscriptJson): boolean {
	return transcript.status === 'completed' || transcript.status === 'error';
}

/**
 * Waits for many transcripts together: one sleep per round, then one GET per transcript still
 * running, until all are finished or the deadline passes. Cancelling the execution ends the wait.
 */
export async function waitForTranscripts(
	ctx: ApiContext,
	lastKnown: ReadonlyMap<string, TranscriptJson>,
	settings: WaitSettings,
	signal?: AbortSignal,
): Promise<Map<string, WaitResult>> {
	const results = new Map<string, WaitResult>();
	const running = new Map<string, TranscriptJson>();
	for (const [id, transcript] of lastKnown) {
		if (isFinished(transcript)) results.set(id, { kind: 'finished', transcript });
		else running.set(id, transcript);
	}
	const deadline = Date.now() + settings.maxWaitMs;
	while (running.size > 0) {
		const left = deadline - Date.now();
		if (left <= 0) break;
		await pause(Math.min(settings.pollIntervalMs, left), signal);
		await mapWithConcurrency([...running.keys()], POLL_CONCURRENCY, async (id) => {
			try {
				const transcript = await getTranscript(ctx, id);
				if (isFinished(transcript)) {
					running.delete(id);
					results.set(id, { kind: 'finished', transcript });
				} else {
					running.set(id, transcript);
				}
			} catch (error) {
				running.delete(id);
				results.set(id, { kind: 'lookupFailed', error: error as Error });
			}
		});
	}
	for (const [id, transcript] of running) results.set(id, { kind: 'timedOut', transcript });
	return results;
}
