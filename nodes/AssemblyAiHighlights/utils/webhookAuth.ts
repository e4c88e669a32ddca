import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { sameSecret } from './sameSecret';

/** The credential that holds the webhook's secret header (credentials/AssemblyAiHighlightsWebhookAuthApi). */
export const WEBHOOK_AUTH_CREDENTIAL = 'assemblyAiHighlightsWebhookAuthApi';
export const WEBHOOK_AUTH_TEST = 'webhookHeaderAuthTest';

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What AssemblyAI accepts as webhook_auth_header_name (its spec of 2026-08): a narrower set than HTTP's. */
const ASSEMBLYAI_HEADER_NAME = /^[A-Za-z0-9_-]+$/;
/** AssemblyAI's limit for the header's name and for its value. */
const MAX_HEADER_LENGTH = 1000;

export interface WebhookHeader {
	name: string;
	value: string;
}

/** What is wrong with the credential's fields, or undefined when they make a header AssemblyAI accepts. Never quotes the secret. */
function headerProblem(data: ICredentialDataDecryptedObject | undefined): string | undefined {
	const name = String(data?.name ?? '').trim();
	if (!name) return 'Header Name is empty';
	if (name.length > MAX_HEADER_LENGTH) return `Header Name is longer than ${MAX_HEADER_LENGTH} characters, the most AssemblyAI accepts`;
	if (!HEADER_NAME.test(name)) return `Header Name "${name}" is not a valid HTTP header name (ASCII letters, digits, - and _ only, no spaces)`;
	if (!ASSEMBLYAI_HEADER_NAME.test(name)) return `Header Name "${name}" cannot be used by AssemblyAI: ASCII letters, digits, - and _ only`;
	const secret = String(data?.secret ?? '');
	if (secret === '') return 'Header Secret is empty';
	if (secret.length > MAX_HEADER_LENGTH) return `Header Secret is longer than ${MAX_HEADER_LENGTH} characters, the most AssemblyAI accepts`;
	if (/[\r\n]/.test(secret)) return 'Header Secret contains a line break, which AssemblyAI does not accept';
	return undefined;
}

/** The header as the credential holds it; throws (without the value) when the credential cannot be used. */
async function readHeader(ctx: IExecuteFunctions | IWebhookFunctions, itemIndex?: number): Promise<WebhookHeader> {
	const data = await ctx.getCredentials(WEBHOOK_AUTH_CREDENTIAL, itemIndex);
	const problem = headerProblem(data);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `The AssemblyAI Webhook Header Auth API credential is not usable: ${problem}`, {
			itemIndex,
			description: 'Open the credential and set a header name such as X-Webhook-Secret and a long random value.',
		});
	}
	return { name: String(data.name).trim(), value: String(data.secret) };
}

/**
 * The transcript request with AssemblyAI's webhook auth header from the credential, when Webhook
 * Authentication asks for one. The header needs a webhook to travel with: the Webhook URL option, or
 * the execution's resume URL (Wait for AssemblyAI's Callback).
 */
export async function withWebhookAuth(ctx: IExecuteFunctions, params: IDataObject, itemIndex: number): Promise<IDataObject> {
	if (ctx.getNodeParameter('webhookAuthentication', itemIndex, 'none') !== 'headerAuth') return params;
	if (!params.webhook_url) {
		throw new NodeOperationError(ctx.getNode(), 'Webhook Authentication is set, but AssemblyAI is not asked to call a webhook', {
			itemIndex,
			description:
				"Set Transcript Options > Webhook URL, or choose Wait for Result \"Wait for AssemblyAI's Callback\"; or set Webhook Authentication to None.",
		});
	}
	const header = await readHeader(ctx, itemIndex);
	return { ...params, webhook_auth_header_name: header.name, webhook_auth_header_value: header.value };
}

/**
 * Whether an incoming webhook call carries the credential's header, compared in constant time.
 * Returns the answer to refuse the call with, or undefined to accept it.
 */
export async function refusedWebhookCall(
	ctx: IWebhookFunctions,
	authentication: unknown,
): Promise<{ status: number; error: string } | undefined> {
	if (authentication !== 'headerAuth') return undefined;
	const header = await readHeader(ctx);
	const received = ctx.getHeaderData()[header.name.toLowerCase()];
	if (typeof received !== 'string' || !sameSecret(received, header.value)) {
		return { status: 401, error: `Missing or wrong ${header.name} header` };
	}
	return undefined;
}

/** The credential's Test button: a header secret has no server to ask, so its fields are checked. */
export async function webhookHeaderAuthTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = headerProblem(credential.data);
	return problem ? { status: 'Error', message: problem } : { status: 'OK', message: 'The header is ready to use' };
}

/** Transcribe's choice; the trigger has the same choice as `authentication`, as n8n's Webhook node. */
export const webhookAuthenticationProperty: INodeProperties = {
	displayName: 'Webhook Authentication',
	name: 'webhookAuthentication',
	type: 'options',
	noDataExpression: true,
	default: 'none',
	options: [
		{
			name: 'Header Auth',
			value: 'headerAuth',
			description: "AssemblyAI's webhook call carries a secret header from an AssemblyAI Webhook Header Auth API credential",
		},
		{ name: 'None', value: 'none' },
	],
	description: "Whether AssemblyAI's webhook call carries a secret header that the receiver checks",
};
