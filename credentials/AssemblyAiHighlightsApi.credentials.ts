import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			description: 'An AssemblyAI-compatible API root, without /v2 (for example a proxy or a local emulator)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.region === "eu" ? "https://api.eu.assemblyai.com" : $credentials.region === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "https://api.assemblyai.com"}}',
			url: '/v2/transcript',
			qs: { limit: 1 },
		},
	};
}
