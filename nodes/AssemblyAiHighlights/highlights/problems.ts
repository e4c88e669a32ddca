import type { HighlightsProblem, Transcript } from './types';

const FAILED_FALLBACK = 'AssemblyAI reported the transcript as failed without an error message';

/**
 * Why a transcript cannot give key phrases, or undefined when it can.
 * Order: not finished -> failed -> key phrases not requested -> model unavailable.
 */
export function findHighlightsProblem(transcript: Transcript): HighlightsProblem | undefined {
	const status = typeof transcript.status === 'string' ? transcript.status : String(transcript.status ?? 'unknown');
	if (status === 'error') {
		const error = transcript.error;
		const message = typeof error === 'string' && error.trim() !== '' ? error : FAILED_FALLBACK;
		return { kind: 'failed', message };
	}
	if (status !== 'completed') return { kind: 'notCompleted', status };

	const result = transcript.auto_highlights_result;
	if (transcript.auto_highlights === false || !result || typeof result !== 'object') {
		return { kind: 'notRequested' };
	}
	if (result.status === 'unavailable') return { kind: 'unavailable' };
	return undefined;
}
