import type { HighlightsProblem, Transcript } from './types';

const FAILED_FALLBACK = 'AssemblyAI reported the transcript as failed without an error message';

/** What AssemblyAI puts in place of the audio URL of a deleted transcript ("deleted_by_user" in its list). */
const DELETED_AUDIO_URL = /^(https?:\/\/)?deleted_by_user\/?$/;

/**
 * Why a transcript cannot give key phrases, or undefined when it can.
 * Order: failed -> deleted -> not finished -> key phrases not requested -> model unavailable.
 */
export function findHighlightsProblem(transcript: Transcript): HighlightsProblem | undefined {
	const status = typeof transcript.status === 'string' ? transcript.status : String(transcript.status ?? 'unknown');
	if (status === 'error') {
		const error = transcript.error;
		const message = typeof error === 'string' && error.trim() !== '' ? error : FAILED_FALLBACK;
		return { kind: 'failed', message };
	}
	// A deleted transcript keeps its status; its audio URL, text and key phrases are scrubbed.
	if (typeof transcript.audio_url === 'string' && DELETED_AUDIO_URL.test(transcript.audio_url)) return { kind: 'deleted' };
	if (status !== 'completed') return { kind: 'notCompleted', status };

	const result = transcript.auto_highlights_result;
	if (transcript.auto_highlights === false || !result || typeof result !== 'object') {
		return { kind: 'notRequested' };
	}
	if (result.status === 'unavailable') return { kind: 'unavailable' };
	return undefined;
}
