/**
 * POST /v2/transcript has a time limit: a connection that hangs must not hold its item until the
 * execution is cancelled. Running out of time is an ambiguous failure (the transcript may exist), so
 * the transcript list decides, as for a lost answer. The node's own limit (60 s) is used, so each
 * case takes a minute.
 */
import { CREATE_TIMEOUT_MS } from '../../nodes/AssemblyAiHighlights/transport/policy';
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator({ queuedMs: 40, processingMs: 80 });

const creates = () => env.emu.requests.filter((r) => r.method === 'POST' && r.path === '/v2/transcript');
const lists = () => env.emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/transcript?'));

test.each([
	['answers only after 65 s', 65_000],
	['hangs (no answer for 10 minutes)', 600_000],
])('a transcript request that %s: given up after the time limit, the created transcript is found and used, none is paid twice', async (_label, delayMs) => {
	expect(CREATE_TIMEOUT_MS).toBe(60_000);
	env.emu.setFaults([{ route: 'create', kind: 'slow', delayMs, times: 1 }]);
	const result = await runNode({
		parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, output: 'summary', options: { pollIntervalSeconds: 0.02 } },
		credentials: env.credentials(),
	});
	expect(result.error).toBeUndefined();
	expect(creates()).toHaveLength(1);
	// The list was read: the answer was not waited for (it would have made the search needless).
	expect(lists().length).toBeGreaterThan(0);
	expect(env.emu.createdCount()).toBe(1);
	expect(result.items[0].json).toMatchObject({ transcriptId: [...env.emu.transcripts.keys()][0], status: 'completed' });
}, 150_000);
