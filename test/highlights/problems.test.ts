import { findHighlightsProblem } from '../../nodes/AssemblyAiHighlights/highlights';
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
});
