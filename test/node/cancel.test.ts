/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { startNode } from '../helpers/runNode';

const env = useEmulator();

async function until(condition: () => boolean, timeoutMs = 5000) {
	const start = Date.now();
	while (!condition()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('cancelling the execution stops the waiting promptly', () => {
	test('cancel mid-wait: the execution ends well within one poll interval', async () => {
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const pollIntervalSeconds = 2;
		const running = startNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, options: { pollIntervalSeconds } },
			inputs: [{}, {}, {}],
			credentials: env.credentials(),
		});
		await until(() => env.emu.createdCount() === 3);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const cancelledAt = Date.now();
		running.cancel();
		const result = await running.result;
		const tookMs = Date.now() - cancelledAt;
		expect(result.status).toBe('canceled');
		expect(tookMs).toBeLessThan(pollIntervalSeconds * 1000);
		const requestsAfter = env.emu.requests.filter((r) => r.at > cancelledAt + 50);
		expect(requestsAfter).toHaveLength(0);
	});
});
