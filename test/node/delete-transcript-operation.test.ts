import { createTranscriptDirectly, useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();

const deleteTranscript = (transcriptId = '={{ $json.id }}') => ({ operation: 'deleteTranscript', transcriptId });
const deletes = () => env.emu.requests.filter((r) => r.method === 'DELETE');

async function uploadedTranscript(): Promise<{ id: string; uploadUrl: string }> {
	const upload = await fetch(`${env.emu.url}/v2/upload`, { method: 'POST', headers: { authorization: env.emu.apiKey }, body: Buffer.from('RIFF call') });
	const uploadUrl = ((await upload.json()) as { upload_url: string }).upload_url;
	return { id: await createTranscriptDirectly(env.emu, { audio_url: uploadUrl, auto_highlights: true }), uploadUrl };
}

describe('Delete Transcript in real n8n-core against the emulator', () => {
	test('deletes the transcript and its uploaded recording; outputs { transcriptId, deleted: true } paired to the item', async () => {
		const { id, uploadUrl } = await uploadedTranscript();
		const result = await runNode({ parameters: deleteTranscript(), inputs: [{ json: { id } }], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { transcriptId: id, deleted: true }, pairedItem: { item: 0 } }]);
		expect(env.emu.transcripts.get(id)?.deletedAt).toEqual(expect.any(Number));
		expect(env.emu.uploadBytes(uploadUrl)).toBeUndefined();
		const after = await fetch(`${env.emu.url}/v2/transcript/${id}`, { headers: { authorization: env.emu.apiKey } });
		expect(((await after.json()) as { text: string }).text).toBe('Deleted by user.');
	});

	test('the same ID in several items is deleted once; each item gets its answer', async () => {
		const { id } = await uploadedTranscript();
		const other = await createTranscriptDirectly(env.emu, {});
		const result = await runNode({ parameters: deleteTranscript(), inputs: [{ json: { id } }, { json: { id: other } }, { json: { id: ` ${id} ` } }], credentials: env.credentials() });
		expect(result.items.map((i) => [i.json.transcriptId, i.pairedItem])).toEqual([
			[id, { item: 0 }],
			[other, { item: 1 }],
			[id, { item: 2 }],
		]);
		expect(deletes()).toHaveLength(2);
	});

	test("an unknown ID gives AssemblyAI's error and what to check", async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		const result = await runNode({ parameters: deleteTranscript(unknown), credentials: env.credentials() });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`AssemblyAI deletion of transcript ${unknown} failed (HTTP 400): Transcript lookup error, transcript id not found`);
		expect(result.error?.description).toMatch(/Check the transcript ID/);
	});

	test('continue on fail: an unknown or empty ID is an error item, the others are deleted', async () => {
		const { id } = await uploadedTranscript();
		const result = await runNode({
			parameters: deleteTranscript(),
			inputs: [{ json: { id: 'no-such-transcript' } }, { json: { id } }, { json: {} }],
			onError: 'continueRegularOutput',
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => [i.pairedItem, i.json.deleted ?? i.json.error])).toEqual([
			[{ item: 0 }, expect.stringMatching(/Transcript lookup error/)],
			[{ item: 1 }, true],
			[{ item: 2 }, 'Transcript ID is empty'],
		]);
		expect(result.items[0].json.transcriptId).toBe('no-such-transcript');
	});
});
