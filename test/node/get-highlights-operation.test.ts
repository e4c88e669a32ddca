import { createTranscriptDirectly, FAST, useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();

const getHighlights = (extra: Record<string, unknown> = {}) => ({
	operation: 'getHighlights',
	transcriptId: '={{ $json.id }}',
	options: FAST,
	...extra,
});

describe('Get Highlights in real n8n-core against the emulator', () => {
	test('a transcript still processing is waited for, then its key phrases come out', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({ parameters: getHighlights(), inputs: [{ json: { id } }], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(15);
		expect(result.items[0].json).toMatchObject({ transcriptId: id, text: 'air quality alerts' });
		expect(env.emu.createdCount()).toBe(1);
	});

	test("waitMode none: an unfinished transcript gives its status, a finished one its phrases", async () => {
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const slow = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		env.emu.setClock({ queuedMs: 0, processingMs: 0 });
		const done = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: getHighlights({ waitMode: 'none', output: 'summary' }),
			inputs: [{ json: { id: slow } }, { json: { id: done } }],
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => [i.json.transcriptId, i.json.status, i.pairedItem])).toEqual([
			[slow, 'queued', { item: 0 }],
			[done, 'completed', { item: 1 }],
		]);
		expect(result.items[1].json.keyPhrases).toHaveLength(15);
	});

	test('the same transcript in several items is looked up once and paired to each item', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: getHighlights({ output: 'summary' }),
			inputs: [{ json: { id } }, { json: { id } }, { json: { id } }],
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.every((i) => i.json.transcriptId === id)).toBe(true);
	});

	test('a transcript made elsewhere without language_code, detected as Spanish: the error says Key Phrases is English-only and names the language', async () => {
		const id = await createTranscriptDirectly(env.emu, { audio_url: 'https://media.example.com/entrevista.lang-es.mp3', auto_highlights: true });
		const result = await runNode({ parameters: getHighlights(), inputs: [{ json: { id } }], credentials: env.credentials() });
		expect(env.emu.transcriptView(id)).toMatchObject({ status: 'completed', language_code: 'es', auto_highlights_result: null });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			`Transcript ${id} has no key phrases: AssemblyAI detected Spanish (es); Key Phrases is available for English only, so this transcript has none`,
		);
		expect(result.error?.description).toMatch(/English audio only/);
		expect(result.error?.description).not.toMatch(/created without Key Phrases|can only be added when the transcript is created/);
		expect(env.emu.createdCount()).toBe(1);
	});

	test('with Continue On Fail, that transcript becomes an error item paired to its input and the English one still gives its phrases', async () => {
		const spanish = await createTranscriptDirectly(env.emu, { audio_url: 'https://media.example.com/lang-es/entrevista.mp3', auto_highlights: true });
		const english = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: getHighlights({ output: 'summary' }),
			inputs: [{ json: { id: spanish } }, { json: { id: english } }],
			credentials: env.credentials(),
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0]).toMatchObject({ pairedItem: { item: 0 }, json: { transcriptId: spanish, error: expect.stringMatching(/detected Spanish \(es\); Key Phrases is available for English only/) } });
		expect(result.items[1]).toMatchObject({ pairedItem: { item: 1 }, json: { transcriptId: english, languageCode: 'en' } });
		expect(result.items[1].json.keyPhrases).toHaveLength(15);
	});
});
