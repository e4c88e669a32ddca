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
});
