/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node under jest, never inside n8n */
import http from 'http';
import type { AddressInfo } from 'net';
import { FAST, useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();

/** Another host: the audio's, or one AssemblyAI's answer redirects to. It must never see the key. */
let other: http.Server;
let otherUrl = '';
const seenByOther: Array<{ url?: string; authorization?: string }> = [];
beforeAll(async () => {
	other = http.createServer((req, res) => {
		seenByOther.push({ url: req.url, authorization: req.headers.authorization });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ id: 'from-elsewhere', status: 'completed', auto_highlights_result: null }));
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
	otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));
beforeEach(() => (seenByOther.length = 0));

describe('the API key goes only to the configured AssemblyAI host', () => {
	test('the audio URL\'s host is never contacted by the node: AssemblyAI downloads it', async () => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: `${otherUrl}/recording.mp3`, options: FAST },
			credentials: env.credentials(),
		});
		expect(result.items).toHaveLength(15);
		expect(seenByOther).toHaveLength(0);
	});

	test('a redirect from the API to another host does not carry the key', async () => {
		env.emu.onRequest((ctx: { method: string; pathname: string }) =>
			ctx.method === 'GET' && ctx.pathname.startsWith('/v2/transcript/')
				? { status: 302, headers: { location: `${otherUrl}/v2/transcript/elsewhere` } }
				: undefined,
		);
		await runNode({
			parameters: { operation: 'getHighlights', transcriptId: 'abc', waitMode: 'none' },
			credentials: env.credentials(),
			onError: 'continueRegularOutput',
		});
		expect(seenByOther.length).toBeGreaterThan(0);
		expect(seenByOther.every((r) => r.authorization === undefined)).toBe(true);
	});
});
