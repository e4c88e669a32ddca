import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { baseUrlFromCredentials } from '../../nodes/AssemblyAiHighlights/transport/baseUrl';
import { FAST, useEmulator, WILDFIRES_URL } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();
const credential = new AssemblyAiHighlightsApi();

/** Resolves a credential expression the way n8n does, with $credentials in scope. */
function resolve(value: string, credentials: ICredentialDataDecryptedObject): unknown {
	const node: INode = { id: 'n', name: 'n', type: 'assemblyAiHighlights', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodeType = new AssemblyAiHighlights();
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
}

describe('the AssemblyAI API credential', () => {
	test('keeps the contract: type name, fields, region values', () => {
		expect(credential.name).toBe('assemblyAiHighlightsApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['apiKey', 'region', 'baseUrl']);
		expect(credential.properties[0].typeOptions?.password).toBe(true);
		const region = credential.properties[1];
		expect(region.default).toBe('us');
		expect(region.options?.map((o) => (o as { value: string }).value)).toEqual(['us', 'eu', 'custom']);
	});

	test.each([
		['us', {}, 'https://api.assemblyai.com'],
		['eu', {}, 'https://api.eu.assemblyai.com'],
		['custom', { baseUrl: 'http://127.0.0.1:9999//' }, 'http://127.0.0.1:9999'],
	])('its test request goes to the %s host', (region, extra, host) => {
		expect(resolve(credential.test.request.baseURL as string, { apiKey: 'k', region, ...extra })).toBe(host);
		expect(credential.test.request.url).toBe('/v2/transcript');
		expect(credential.test.request.qs).toEqual({ limit: 1 });
	});

	test('its test request, sent with its auth header, passes with the right key and fails with a wrong one', async () => {
		const send = async (apiKey: string) => {
			const creds = { apiKey, region: 'custom', baseUrl: env.emu.url };
			const base = resolve(credential.test.request.baseURL as string, creds);
			const header = resolve(credential.authenticate.properties.headers!.Authorization as string, creds) as string;
			return await fetch(`${base}${credential.test.request.url}?limit=1`, { headers: { Authorization: header } });
		};
		expect((await send(env.credentials().apiKey as string)).status).toBe(200);
		expect((await send('wrong')).status).toBe(401);
	});

	test.each([
		['http://127.0.0.1:9999', 'http://127.0.0.1:9999'],
		['http://127.0.0.1:9999/', 'http://127.0.0.1:9999'],
		['http://127.0.0.1:9999/v2', 'http://127.0.0.1:9999'],
		['http://127.0.0.1:9999/v2/', 'http://127.0.0.1:9999'],
		['  http://127.0.0.1:9999/v2/  ', 'http://127.0.0.1:9999'],
		['http://127.0.0.1:9999//v2//', 'http://127.0.0.1:9999'],
		['http://127.0.0.1:9999/V2', 'http://127.0.0.1:9999'],
		['https://proxy.example.com/assemblyai/v2/', 'https://proxy.example.com/assemblyai'],
		['https://proxy.example.com/v2x', 'https://proxy.example.com/v2x'],
	])('a custom base URL typed as %j: the Test and the node use one API root, %s', (typed, root) => {
		const creds = { apiKey: 'k', region: 'custom', baseUrl: typed };
		expect(resolve(credential.test.request.baseURL as string, creds)).toBe(root);
		expect(baseUrlFromCredentials(creds)).toBe(root);
	});

	test('with a base URL typed with /v2 and spaces, the Test passes against the emulator and the node works', async () => {
		const creds = { apiKey: env.credentials().apiKey as string, region: 'custom', baseUrl: ` ${env.emu.url}/v2/ ` };
		const base = resolve(credential.test.request.baseURL as string, creds);
		const header = resolve(credential.authenticate.properties.headers!.Authorization as string, creds) as string;
		const tested = await fetch(`${base}${credential.test.request.url}?limit=1`, { headers: { Authorization: header } });
		expect(tested.status).toBe(200);

		const run = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, output: 'summary', options: FAST },
			credentials: creds,
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json.keyPhrases).toHaveLength(15);
	});

	test('the node sends the raw key as the Authorization header on every request (n8n applies it)', async () => {
		await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES_URL, options: FAST },
			credentials: env.credentials(),
		});
		expect(env.emu.requests.length).toBeGreaterThan(1);
		expect(env.emu.requests.every((r) => r.headers.authorization === env.credentials().apiKey)).toBe(true);
	});
});
