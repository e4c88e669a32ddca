import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'assemblyAiHighlightsApi';

export const REGION_HOSTS: Record<string, string> = {
	us: 'https://api.assemblyai.com',
	eu: 'https://api.eu.assemblyai.com',
};

/**
 * What a custom base URL may end with that is not part of the API root: slashes and a `/v2` (the
 * paths add it). The credential's Test applies the same expression, so both reach the same host.
 */
export const CUSTOM_BASE_URL_TAIL = /\/*(?:\/v2)?\/*$/i;

/** A custom base URL as typed -> the API root: no spaces around it, no trailing slashes or `/v2`. */
export function normaliseBaseUrl(typed: unknown): string {
	return String(typed ?? '')
		.trim()
		.replace(CUSTOM_BASE_URL_TAIL, '');
}

/** The API root for a credential: the region's host, or the custom base URL normalised. */
export function baseUrlFromCredentials(credentials: ICredentialDataDecryptedObject): string {
	const region = (credentials.region as string | undefined) ?? 'us';
	if (region === 'custom') return normaliseBaseUrl(credentials.baseUrl);
	return REGION_HOSTS[region] ?? REGION_HOSTS.us;
}
