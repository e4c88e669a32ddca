import { useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';
import { LIST_POLLING_FROM, MAX_REQUESTS_PER_SECOND } from '../../nodes/AssemblyAiHighlights/transport/wait';

const env = useEmulator();

const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { url: `https://media.example.com/call-${i}.mp3` } }));
const gets = () => env.emu.requests.filter((r) => r.method === 'GET' && /^\/v2\/transcript\/[^/?]+$/.test(r.path));
const lists = () => env.emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/transcript?'));

describe('polling is polite: a batch costs about one request per transcript, however long it runs', () => {
	test('20 recordings, many rounds: each transcript is fetched once, its status comes from one list request per round', async () => {
		env.emu.setClock({ queuedMs: 200, processingMs: 400 });
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', options: { pollIntervalSeconds: 0.05 } },
			inputs: batch(20),
			credentials: env.credentials(),
		});
		expect(result.items).toHaveLength(20);
		expect(gets()).toHaveLength(20);
		const ids = new Set(gets().map((r) => r.path.split('/').pop()));
		expect(ids.size).toBe(20);
		expect(lists().length).toBeGreaterThanOrEqual(2);
	});

	test(`below ${LIST_POLLING_FROM} running transcripts, each is polled by its own GET`, async () => {
		env.emu.setClock({ queuedMs: 100, processingMs: 100 });
		await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: { pollIntervalSeconds: 0.05 } },
			inputs: batch(2),
			credentials: env.credentials(),
		});
		expect(lists()).toHaveLength(0);
		expect(gets().length).toBeGreaterThanOrEqual(4);
	});

	test(`requests while waiting are paced to at most ${MAX_REQUESTS_PER_SECOND} per second`, async () => {
		env.emu.setClock({ queuedMs: 0, processingMs: 50 });
		await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: { pollIntervalSeconds: 0.01 } },
			inputs: batch(12),
			credentials: env.credentials(),
		});
		const waiting = [...lists(), ...gets()].map((r) => r.at).sort((a, b) => a - b);
		// In any one-second window there are at most MAX_REQUESTS_PER_SECOND (+1 for the window's edge).
		for (const start of waiting) {
			expect(waiting.filter((at) => at >= start && at < start + 1000).length).toBeLessThanOrEqual(MAX_REQUESTS_PER_SECOND + 1);
		}
	});
});
