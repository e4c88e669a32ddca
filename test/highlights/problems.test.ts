import { findHighlightsProblem, languageName, noKeyPhrasesInLanguage } from '../../nodes/AssemblyAiHighlights/highlights';
import { loadRealTranscript, syntheticTranscript } from './fixture';

describe('findHighlightsProblem tells why a transcript has no usable key phrases', () => {
	it('the real completed transcript with highlights is usable', () => {
		expect(findHighlightsProblem(loadRealTranscript())).toBeUndefined();
	});

	it('a completed transcript with results [] is still usable', () => {
		expect(findHighlightsProblem(syntheticTranscript([]))).toBeUndefined();
	});

	it.each(['queued', 'processing'])('status %s -> notCompleted with that status', (status) => {
		expect(findHighlightsProblem({ id: 'x', status, auto_highlights: true, auto_highlights_result: null })).toEqual({
			kind: 'notCompleted',
			status,
		});
	});

	it('status error -> failed with AssemblyAI error message', () => {
		const message = 'Download error, unable to download https://x/a.mp3. Please make sure the file exists and is accessible from the internet.';
		expect(findHighlightsProblem({ id: 'x', status: 'error', error: message })).toEqual({ kind: 'failed', message });
	});

	it.each([
		['absent', {}],
		['null', { error: null }],
		['empty', { error: '' }],
	])('status error with error %s -> failed with a fallback message', (_label, extra) => {
		const problem = findHighlightsProblem({ id: 'x', status: 'error', ...extra });
		expect(problem?.kind).toBe('failed');
		expect(problem).toEqual({ kind: 'failed', message: expect.stringMatching(/failed/) });
		expect((problem as { message: string }).message.length).toBeGreaterThan(10);
	});

	it('the real DELETE response (audio_url "http://deleted_by_user", key phrases scrubbed) -> deleted, not notRequested', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const deleted = require('../emulator/fixtures/transcript-deleted.json');
		expect(deleted.audio_url).toBe('http://deleted_by_user');
		expect(findHighlightsProblem(deleted)).toEqual({ kind: 'deleted' });
		// As the transcript list shows it, without the scheme; and still queued when it was deleted.
		expect(findHighlightsProblem({ ...deleted, audio_url: 'deleted_by_user', status: 'queued' })).toEqual({ kind: 'deleted' });
	});

	it('completed with auto_highlights false and result null -> notRequested', () => {
		const t = loadRealTranscript();
		t.auto_highlights = false;
		t.auto_highlights_result = null;
		expect(findHighlightsProblem(t)).toEqual({ kind: 'notRequested' });
	});

	it('completed with auto_highlights_result null or absent -> notRequested', () => {
		const t = loadRealTranscript();
		t.auto_highlights_result = null;
		expect(findHighlightsProblem(t)).toEqual({ kind: 'notRequested' });
		delete t.auto_highlights_result;
		expect(findHighlightsProblem(t)).toEqual({ kind: 'notRequested' });
	});

	it('auto_highlights_result.status unavailable -> unavailable', () => {
		const t = syntheticTranscript([]);
		t.auto_highlights_result = { status: 'unavailable', results: [] };
		expect(findHighlightsProblem(t)).toEqual({ kind: 'unavailable' });
	});

	it('a completed transcript still carrying error: "" is not treated as failed', () => {
		expect(findHighlightsProblem(syntheticTranscript([], [], { error: '' }))).toBeUndefined();
		expect(findHighlightsProblem(syntheticTranscript([], [], { error: null }))).toBeUndefined();
	});

	describe('a language Key Phrases lacks (English only): transcribing again with Key Phrases would not help', () => {
		const detectedSpanish = () => {
			const t = loadRealTranscript();
			return { ...t, language_code: 'es', language_detection: true, language_confidence: 0.98, auto_highlights: true, auto_highlights_result: null };
		};

		it('detected Spanish, Key Phrases asked for but left out -> notInLanguage, not notRequested', () => {
			expect(findHighlightsProblem(detectedSpanish())).toEqual({ kind: 'notInLanguage', languageCode: 'es', language: 'Spanish', detected: true });
		});

		it('detected Japanese without Key Phrases asked for -> notInLanguage as well', () => {
			const t = { ...detectedSpanish(), language_code: 'ja', auto_highlights: false };
			expect(findHighlightsProblem(t)).toEqual({ kind: 'notInLanguage', languageCode: 'ja', language: 'Japanese', detected: true });
		});

		it('a language set by whoever created it (language_detection false) -> notInLanguage, not detected', () => {
			const t = { ...detectedSpanish(), language_code: 'de', language_detection: false, auto_highlights: false };
			expect(findHighlightsProblem(t)).toEqual({ kind: 'notInLanguage', languageCode: 'de', language: 'German', detected: false });
		});

		it.each(['en', 'en_us', 'en_uk', 'en_au', 'EN_US'])('English (%s) without key phrases stays notRequested', (languageCode) => {
			expect(findHighlightsProblem({ ...detectedSpanish(), language_code: languageCode })).toEqual({ kind: 'notRequested' });
		});

		it('no language_code at all stays notRequested', () => {
			expect(findHighlightsProblem({ ...detectedSpanish(), language_code: null })).toEqual({ kind: 'notRequested' });
		});

		it('the message names the detected language and says Key Phrases is English-only', () => {
			const problem = findHighlightsProblem(detectedSpanish());
			expect(noKeyPhrasesInLanguage(problem as never)).toBe(
				'AssemblyAI detected Spanish (es); Key Phrases is available for English only, so this transcript has none',
			);
			expect(noKeyPhrasesInLanguage({ kind: 'notInLanguage', languageCode: 'de', language: 'German', detected: false })).toBe(
				"The transcript's language is German (de); Key Phrases is available for English only, so this transcript has none",
			);
		});

		it.each([
			['es', 'Spanish'],
			['pt', 'Portuguese'],
			['zh', 'Chinese'],
			['fr_ca', 'Canadian French'],
			['xx', undefined],
			['not a code', undefined],
			['', undefined],
		])('languageName(%p) -> %p', (code, name) => {
			expect(languageName(code)).toBe(name);
		});

		it('a code without a name is quoted as it is', () => {
			const t = { ...detectedSpanish(), language_code: 'xx' };
			const problem = findHighlightsProblem(t);
			expect(problem).toEqual({ kind: 'notInLanguage', languageCode: 'xx', language: undefined, detected: true });
			expect(noKeyPhrasesInLanguage(problem as never)).toBe(
				'AssemblyAI detected the language "xx"; Key Phrases is available for English only, so this transcript has none',
			);
		});
	});
});
