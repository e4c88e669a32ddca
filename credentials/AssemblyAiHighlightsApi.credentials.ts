import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { CUSTOM_BASE_URL_TAIL, REGION_HOSTS } from '../nodes/AssemblyAiHighlights/transport/baseUrl';

export class AssemblyAiHighlightsApi implements ICredentialType {
	name = 'assemblyAiHighlightsApi';

	displayName = 'AssemblyAI API';

	icon: Icon = { light: 'file:../icons/assemblyai.svg', dark: 'file:../icons/assemblyai.dark.svg' };

	documentationUrl = 'https://www.assemblyai.com/docs/api-reference/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your AssemblyAI API key, from the API Keys page of the AssemblyAI dashboard',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'us',
			options: [
				{ name: 'US (api.assemblyai.com)', value: 'us' },
				{ name: 'EU (api.eu.assemblyai.com)', value: 'eu' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			description:
				'Where your AssemblyAI project lives. Transcripts are only visible in the region that created them.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8080',
			required: true,
			displayOptions: { show: { region: ['custom'] } },
			description:
				'An AssemblyAI-compatible API root, for example a proxy or a local emulator. A trailing /v2 and slashes are ignored.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			// The node's rule (transport/baseUrl.ts), as an n8n expression: the Test reaches the host the node will.
			baseURL: `={{$credentials.region === "eu" ? "${REGION_HOSTS.eu}" : $credentials.region === "custom" ? String($credentials.baseUrl || "").trim().replace(${CUSTOM_BASE_URL_TAIL}, "") : "${REGION_HOSTS.us}"}}`,
			url: '/v2/transcript',
			qs: { limit: 1 },
		},
	};
}
