/**
 * AssemblyAI writes `created` without a zone designator ("2024-03-11T21:29:59.936851", UTC). After a
 * lost answer to POST /v2/transcript the node finds its transcript by that time, whatever the time
 * zone of the n8n server: each run here is the node in a child process with TZ set, against the
 * emulator, which writes times as AssemblyAI's spec does.
 */
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNodeInZone } from '../helpers/inZone';

const env = useEmulator({ queuedMs: 40, processingMs: 80 });

const transcribe = (extra: Record<string, unknown> = {}) => ({
	operation: 'transcribe',
	source: 'url',
	audioUrl: WILDFIRES_URL,
	output: 'summary',
	options: { pollIntervalSeconds: 0.02 },
	...extra,
});

describe('after a lost answer, the node finds the transcript it created, east and west of UTC', () => {
	test('Europe/Berlin, Asia/Kolkata, America/Los_Angeles: one transcript each is created and used, none is paid for twice', async () => {
		const zones = [
			['Europe/Berlin', -60],
			['Asia/Kolkata', -330],
			['America/Los_Angeles', 480],
		] as const;
		// Each run's one transcript request takes effect and its answer is lost.
		env.emu.setFaults([{ route: 'create', kind: 'drop-after', times: zones.length }]);
		const audioUrl = (zone: string) => `https://media.example.com/${zone.replace('/', '-')}.mp3`;
		const runs = await Promise.all(
			zones.map(async ([zone]) => await runNodeInZone(zone, { parameters: transcribe({ audioUrl: audioUrl(zone) }), credentials: env.credentials() })),
		);

		expect(env.emu.faultStats().injected.create['drop-after']).toBe(zones.length);
		expect(env.emu.createdCount()).toBe(zones.length);
		zones.forEach(([zone, offset], i) => {
			const run = runs[i];
			expect(run.januaryOffset).toBe(offset); // the child really ran in that zone
			expect(run.error).toBeUndefined();
			const created = env.emu.createdParams().findIndex((p) => p.audio_url === audioUrl(zone));
			expect(run.items).toHaveLength(1);
			expect(run.items[0].json).toMatchObject({ transcriptId: [...env.emu.transcripts.keys()][created], status: 'completed', audioUrl: audioUrl(zone) });
			expect((run.items[0].json.keyPhrases as string[]).length).toBe(15);
		});
	}, 90_000);

	test("America/Los_Angeles: another run's transcript of the same request, 30 minutes old, is not taken for the one this run may have created", async () => {
		// The same audio and options, transcribed half an hour ago by another execution.
		const earlier = await transcribeDirectly();
		(env.emu.transcripts.get(earlier) as unknown as { createdAt: number }).createdAt -= 30 * 60_000;
		// This run's request is cut off before AssemblyAI reads it: nothing is created, so it is sent again.
		env.emu.setFaults([{ route: 'create', kind: 'drop-before', times: 1 }]);

		const run = await runNodeInZone('America/Los_Angeles', { parameters: transcribe(), credentials: env.credentials() });

		expect(run.error).toBeUndefined();
		expect(env.emu.createdCount()).toBe(2);
		const own = [...env.emu.transcripts.keys()].find((id) => id !== earlier);
		expect(run.items[0].json.transcriptId).toBe(own);
	}, 60_000);
});

/** What the node sends for `transcribe()`, sent by "another execution". */
async function transcribeDirectly(): Promise<string> {
	const response = await fetch(`${env.emu.url}/v2/transcript`, {
		method: 'POST',
		headers: { authorization: env.emu.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ audio_url: WILDFIRES_URL, auto_highlights: true, language_code: 'en_us', speech_models: ['universal-3-5-pro', 'universal-2'] }),
	});
	return ((await response.json()) as { id: string }).id;
}
