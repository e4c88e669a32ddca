import type { HighlightsProblem, Transcript } from './types';

const FAILED_FALLBACK = 'AssemblyAI reported the transcript as failed without an error message';

/** What AssemblyAI puts in place of the audio URL of a deleted transcript ("deleted_by_user" in its list). */
const DELETED_AUDIO_URL = /^(https?:\/\/)?deleted_by_user\/?$/;

/** Key Phrases works on English audio only (AssemblyAI's en, en_au, en_uk, en_us). */
const isEnglish = (languageCode: string) => languageCode.toLowerCase().split(/[_-]/)[0] === 'en';

/**
 * The English name of an AssemblyAI language code ("es" -> "Spanish", "fr_ca" -> "Canadian French"), or undefined
 * when the code names no language.
 */
export function languageName(languageCode: string): string | undefined {
	const tag = languageCode.trim().replace(/_/g, '-');
	if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return undefined;
	try {
		return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(tag);
	} catch {
		return undefined;
	}
}

/** Why a transcript in a language Key Phrases lacks has no key phrases, naming the language. */
export function noKeyPhrasesInLanguage(problem: Extract<HighlightsProblem, { kind: 'notInLanguage' }>): string {
	const language = problem.language ? `${problem.language} (${problem.languageCode})` : `the language "${problem.languageCode}"`;
	const said = problem.detected ? `AssemblyAI detected ${language}` : `The transcript's language is ${language}`;
	return `${said}; Key Phrases is available for English only, so this transcript has none`;
}

/**
 * Why a transcript cannot give key phrases, or undefined when it can.
 * Order: failed -> deleted -> not finished -> a language Key Phrases lacks -> key phrases not requested -> model unavailable.
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
		// Since 2026-08 AssemblyAI detects the language when none is sent and leaves out what it lacks.
		const languageCode = transcript.language_code;
		if (typeof languageCode === 'string' && languageCode.trim() !== '' && !isEnglish(languageCode)) {
			return { kind: 'notInLanguage', languageCode, language: languageName(languageCode), detected: transcript.language_detection === true };
		}
		return { kind: 'notRequested' };
	}
	if (result.status === 'unavailable') return { kind: 'unavailable' };
	return undefined;
}
