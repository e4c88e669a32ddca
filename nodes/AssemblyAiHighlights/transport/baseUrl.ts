import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'assemblyAiHighlightsApi';

const REGION_HOSTS: Record<string, string> = {
	us: 'https://api.assemblyai.com',
	eu: 'https://api.eu.assemblyai.com',
};

/** The API root for a credential: the region's host, or the custom base URL without trailing slashes. */
export function baseUrlFromCredentials(credentials: ICredentialDataDecryptedObject): string {
	const region = (credentials.region as string | undefined) ?? 'us';
	if (region === 'custom') {
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/v2$/, '');
	}
	return REGION_HOSTS[region] ?? REGION_HOSTS.us;
}
