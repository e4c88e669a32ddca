import { findSecrets } from '../helpers/secrets';
import { FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up test value
const WEBHOOK_SECRET = 'hook-secret-7d41c9';

describe('secrets never appear in output items, errors or logs', () => {
	test('the search finds a secret anywhere: nested, in an error, a cause, a Map', () => {
		const error = new Error('outer', { cause: { config: { headers: { Authorization: 'key-123456' } } } });
		expect(findSecrets({ a: [{ b: error }] }, ['key-123456'])).toEqual(['key-123456']);
		expect(findSecrets(new Map([['x', `Bearer ${WEBHOOK_SECRET}`]]), [WEBHOOK_SECRET])).toEqual([WEBHOOK_SECRET]);
		expect(findSecrets({ a: 'nothing here' }, ['key-123456'])).toEqual([]);
	});

	// runNode searches every run of every node test for the key and the webhook secret; these runs
	// go through the paths most likely to leak: raw output, HTTP errors, the webhook header.
	test.each([
		['raw output with a webhook secret', { output: 'raw' }, {}],
		['summary with the transcript text', { output: 'summary', options: { ...FAST, includeText: true } }, {}],
		['an HTTP 401 error', {}, { apiKey: 'definitely-wrong-key' }],
		['an HTTP 400 error', { transcriptOptions: { speechModels: 'nano', webhookUrl: 'https://hooks.example.com/x' } }, {}],
		['a failed transcript in continue-on-fail', { audioUrl: 'https://unreachable.example/a.mp3' }, {}],
	])('%s', async (_name, extra, credentialOverride) => {
		const parameters = {
			operation: 'transcribe',
			source: 'url',
			audioUrl: WILDFIRES_URL,
			options: FAST,
			transcriptOptions: { webhookUrl: 'https://hooks.example.com/x' },
			webhookAuthentication: 'headerAuth',
			...extra,
		};
		const result = await runNode({
			parameters,
			credentials: { ...env.credentials(), ...credentialOverride },
			webhookAuth: { name: 'X-Secret', secret: WEBHOOK_SECRET },
			onError: 'continueRegularOutput',
		});
		expect(result.items.length).toBeGreaterThan(0);
		// The webhook secret did reach AssemblyAI, where it belongs.
		const created = env.emu.createdParams();
		if (created.length) expect(created[0].webhook_auth_header_value).toBe(WEBHOOK_SECRET);
	});
});
