/* eslint-disable no-console -- test code runs in Node under jest, never inside n8n */
/**
 * AssemblyAI and the network failing in ordinary ways, often: 50 recordings in one execution while
 * the emulator injects faults into at least 20% of the requests of every kind. Every item must get
 * its own correct highlights, and exactly one transcript may be created per recording.
 */
import { randomBytes } from 'crypto';
import type { FaultRule } from '../helpers/emulator';
import { useEmulator } from '../helpers/emulator';
import type { InputItem } from '../helpers/runNode';
import { runNode } from '../helpers/runNode';

// The production policy's shape with a larger bound: at these fault rates six attempts would fail
// one request in a few hundred, and this test makes hundreds. Short delays keep it fast.
jest.mock('../../nodes/AssemblyAiHighlights/transport/policy', () =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a jest.mock factory cannot import
	require('../helpers/policy').policyWith({ RETRY_POLICY: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 400 } }),
);

const env = useEmulator({ queuedMs: 300, processingMs: 700 });
const RECORDINGS = 50;
const BOUND_MS = 90_000;

/** About 45% of each route's requests fail, in every way the route can fail. */
function faultsOnEveryRoute(): FaultRule[] {
	const kinds: Array<[FaultRule['kind'], number]> = [
		['500', 0.05],
		['502', 0.03],
		['503', 0.04],
		['504', 0.03],
		['429', 0.03],
		['drop-before', 0.04],
		['drop-after', 0.04],
		['malformed-json', 0.03],
		['slow', 0.03],
	];
	// Every 4th request of each route fails for certain, so no route can get off lightly by chance.
	const rules: FaultRule[] = [
		{ route: 'upload', kind: '500', every: 4, withBody: true },
		{ route: 'create', kind: 'drop-after', every: 4 },
		{ route: 'get', kind: 'drop-before', every: 4 },
		{ route: 'list', kind: '502', every: 4 },
	];
	for (const route of ['upload', 'create', 'get', 'list'] as const) {
		// Each rule is tried in turn: besides every 4th request, 1 - Π(1 - p) ≈ 0.29 of the others.
		for (const [kind, probability] of kinds) rules.push({ route, kind, probability, retryAfterSeconds: 1, withBody: kind === '500', delayMs: 300 });
	}
	return rules;
}

test(`${RECORDINGS} recordings with faults in ≥20% of every kind of request: all correct, one transcript each, within ${BOUND_MS / 1000} s`, async () => {
	const files = new Map<number, Buffer>();
	const inputs: InputItem[] = Array.from({ length: RECORDINGS }, (_, i) => {
		if (i % 2 === 0) {
			const file = Buffer.concat([Buffer.from(`RIFF-${i}-`), randomBytes(2048)]);
			files.set(i, file);
			return { json: { kind: 'binary' }, binary: { data: { data: file, fileName: `call-${i}.wav` } } };
		}
		return { json: { kind: 'url', url: `https://media.example.com/call-${i}.mp3` } };
	});
	env.emu.setFaults(faultsOnEveryRoute(), { seed: 42 });

	const started = Date.now();
	const result = await runNode({
		parameters: {
			operation: 'transcribe',
			source: '={{ $json.kind }}',
			audioUrl: '={{ $json.url }}',
			output: 'summary',
			options: { pollIntervalSeconds: 0.2 },
		},
		inputs,
		credentials: env.credentials(),
	});
	const tookMs = Date.now() - started;
	const stats = env.emu.faultStats();
	console.log(`fault run: ${tookMs} ms; requests ${JSON.stringify(stats.requests)}; faults ${JSON.stringify(stats.injected)}`);

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(RECORDINGS);
	result.items.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json.error).toBeUndefined();
		expect(item.json.keyPhrases).toHaveLength(15);
		expect((item.json.keyPhrases as string[])[0]).toBe('air quality alerts');
		if (files.has(i)) expect(env.emu.uploadBytes(item.json.audioUrl as string)?.equals(files.get(i)!)).toBe(true);
		else expect(item.json.audioUrl).toBe(`https://media.example.com/call-${i}.mp3`);
	});
	expect(new Set(result.items.map((i) => i.json.transcriptId)).size).toBe(RECORDINGS);
	expect(env.emu.createdCount()).toBe(RECORDINGS);

	for (const route of ['upload', 'create', 'get', 'list']) {
		const injected = Object.values(stats.injected[route] ?? {}).reduce((a, b) => a + b, 0);
		expect(injected / stats.requests[route]).toBeGreaterThanOrEqual(0.2);
		// The ambiguous failures that create something were among them.
		if (route === 'create') expect((stats.injected.create['drop-after'] ?? 0) + (stats.injected.create['malformed-json'] ?? 0)).toBeGreaterThan(0);
	}
	expect(tookMs).toBeLessThan(BOUND_MS);
}, 120_000);
