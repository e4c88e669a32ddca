import { FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { NODE_NAME, runNode } from '../helpers/runNode';

const env = useEmulator();

/** n8n's "Continue (using error output)": the node gets a second output, and n8n moves error items onto it. */
describe('On Error "Continue (using error output)": failed items leave on the error output', () => {
	const inputs = [{ json: { url: WILDFIRES_URL } }, { json: { url: 'not a url' } }, { json: { url: 'https://unreachable.example/x.mp3' } }];

	test('Transcribe: good items on the success output, each failed one on the error output with its input', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: FAST },
			inputs,
			onError: 'continueErrorOutput',
			credentials: env.credentials(),
		});
		expect(result.status).toBe('success');
		const [success, failed] = result.run.data.resultData.runData[NODE_NAME].at(-1)!.data!.main;
		expect(success!.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(success![0].json.keyPhrases).toHaveLength(15);
		expect(failed!.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n adds the input item's fields; the error is one object, as n8n 1.x routes only `error` alone.
		expect(failed![0].json).toEqual({ url: 'not a url', error: { message: expect.stringMatching(/not an http\(s\) URL/), description: expect.any(String) } });
		expect(failed![1].json).toEqual({
			url: 'https://unreachable.example/x.mp3',
			error: {
				message: expect.stringMatching(/Download error/),
				description: expect.stringMatching(/publicly downloadable/),
				transcriptId: expect.any(String),
			},
		});
		expect(env.emu.createdCount()).toBe(2);
	});

	test('Delete Transcript: an unknown ID on the error output, a known one deleted', async () => {
		const created = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, waitMode: 'none', options: FAST },
			credentials: env.credentials(),
		});
		const id = String(created.items[0].json.transcriptId);
		const result = await runNode({
			parameters: { operation: 'deleteTranscript', transcriptId: '={{ $json.id }}' },
			inputs: [{ json: { id } }, { json: { id: 'not-a-transcript' } }],
			onError: 'continueErrorOutput',
			credentials: env.credentials(),
		});
		const [success, failed] = result.run.data.resultData.runData[NODE_NAME].at(-1)!.data!.main;
		expect(success!.map((i) => i.json)).toEqual([{ transcriptId: id, deleted: true }]);
		expect(failed!.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(failed![0].json.error).toMatchObject({ message: expect.any(String), transcriptId: 'not-a-transcript' });
	});
});
