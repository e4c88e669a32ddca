/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { logged } from '../helpers/n8nCore';
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

describe('stopped while waiting: the transcripts already paid for are named in n8n\'s log', () => {
	test('Stop in mid-wait: a warning lists every created transcript with its item index', async () => {
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const loggedBefore = logged.length;
		const running = startNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: { pollIntervalSeconds: 1 } },
			inputs: ['a', 'b', 'c'].map((name) => ({ json: { url: `https://media.example.com/${name}.mp3` } })),
			credentials: env.credentials(),
		});
		await until(() => env.emu.createdCount() === 3);
		await new Promise((resolve) => setTimeout(resolve, 200));
		running.cancel();
		expect((await running.result).status).toBe('canceled');
		const idOf = (name: string) =>
			[...env.emu.transcripts.entries()].find(([, t]) => (t.params as { audio_url: string }).audio_url === `https://media.example.com/${name}.mp3`)?.[0];
		await until(() => logged.slice(loggedBefore).some((line) => line.startsWith('warn AssemblyAI Highlights')));
		const warning = logged.slice(loggedBefore).find((line) => line.startsWith('warn AssemblyAI Highlights'))!;
		expect(warning).toMatch(/stopped \(Stop, or the workflow's Timeout\) while waiting for the transcripts/);
		expect(warning).toMatch(/billed/);
		expect(warning).toContain(`item 0 → ${idOf('a')}, item 1 → ${idOf('b')}, item 2 → ${idOf('c')}`);
		expect(warning).toMatch(/Get Highlights/);
	});

	test('Stop while transcript requests are still going out: the ones already created are logged', async () => {
		// The third request hangs; the first two are answered.
		env.emu.onRequest(async (ctx: { method: string; pathname: string; body?: Buffer }) => {
			if (ctx.method === 'POST' && ctx.pathname === '/v2/transcript' && String(ctx.body).includes('/c.mp3')) await new Promise((resolve) => setTimeout(resolve, 3000));
			return undefined;
		});
		const loggedBefore = logged.length;
		const running = startNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}' },
			inputs: ['a', 'b', 'c'].map((name) => ({ json: { url: `https://media.example.com/${name}.mp3` } })),
			credentials: env.credentials(),
		});
		await until(() => env.emu.createdCount() === 2 && env.emu.requests.filter((r) => r.method === 'POST').length === 3);
		await new Promise((resolve) => setTimeout(resolve, 100));
		running.cancel();
		expect((await running.result).status).toBe('canceled');
		await until(() => logged.slice(loggedBefore).some((line) => line.startsWith('warn AssemblyAI Highlights')));
		const warning = logged.slice(loggedBefore).find((line) => line.startsWith('warn AssemblyAI Highlights'))!;
		expect(warning).toMatch(/while sending the transcript requests/);
		const ids = [...env.emu.transcripts.keys()];
		for (const id of ids.slice(0, 2)) expect(warning).toContain(id);
		expect(warning).toMatch(/item 0 → .*, item 1 → /);
		expect(warning).toMatch(/the transcript request of item 2 was still on its way and may have created a transcript too/);
	});
});

describe('a worker that dies while waiting leaves its transcripts in the log', () => {
	test('every transcript request AssemblyAI accepts is logged at info level as it happens, with its item', async () => {
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const loggedBefore = logged.length;
		const running = startNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', options: { pollIntervalSeconds: 1 } },
			inputs: ['d', 'e'].map((name) => ({ json: { url: `https://media.example.com/${name}.mp3` } })),
			credentials: env.credentials(),
		});
		await until(() => env.emu.createdCount() === 2);
		const idOf = (name: string) =>
			[...env.emu.transcripts.entries()].find(([, t]) => (t.params as { audio_url: string }).audio_url === `https://media.example.com/${name}.mp3`)?.[0];
		// Still waiting (nothing finishes for a minute): the lines are there before any outcome.
		await until(() => logged.slice(loggedBefore).filter((line) => line.startsWith('info AssemblyAI Highlights: item')).length === 2);
		const lines = logged.slice(loggedBefore).filter((line) => line.startsWith('info AssemblyAI Highlights: item'));
		expect(lines.some((line) => line.includes(`item 0 → transcript ${idOf('d')}`))).toBe(true);
		expect(lines.some((line) => line.includes(`item 1 → transcript ${idOf('e')}`))).toBe(true);
		running.cancel();
		expect((await running.result).status).toBe('canceled');
	});
});
