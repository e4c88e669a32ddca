/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * n8n 2.x's SSRF protection (N8N_SSRF_PROTECTION_ENABLED=true, the setting 3.x-minded instances turn
 * on) applies to the node: its requests go through httpRequestWithAuthentication, which n8n-core
 * sends through OutboundHttp with the protection. A Custom Base URL on a private address (the
 * emulator's 127.0.0.1 here) is refused before any request, and the error says how to allow it.
 * The allowed case (N8N_SSRF_ALLOWED_IP_RANGES) is the whole e2e suite on n8n 2.x.
 */
import { useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();

beforeAll(() => {
	// Read by n8n's config when n8n-core first sends a request in this test file (its own module registry).
	process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
});
afterAll(() => {
	delete process.env.N8N_SSRF_PROTECTION_ENABLED;
});

test('a Custom Base URL on 127.0.0.1 is refused by n8n before any request, and the error names the variables that allow it', async () => {
	const result = await runNode({
		parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, waitMode: 'none' },
		credentials: env.credentials(),
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/^AssemblyAI transcript request failed: The request was blocked because it resolves to a restricted IP address/);
	expect(result.error?.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES .* N8N_SSRF_ALLOWED_HOSTNAMES/);
	expect(env.emu.requests).toHaveLength(0);
});
