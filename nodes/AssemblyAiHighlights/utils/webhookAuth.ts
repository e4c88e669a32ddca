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

/**
 * What AssemblyAI accepts (openapi-2026-08.yml, webhook_auth_header_name / _value): a name of 1–1000
 * ASCII letters, digits, - and _; a value of 1–1000 characters without CR or LF.
 */
const HEADER_NAME = /^[A-Za-z0-9_-]+$/;
const MAX_LENGTH = 1000;
/** A control character other than tab: Node.js's HTTP parser refuses a request whose header value has one. */
const hasControlCharacter = (text: string) =>
	[...text].some((c) => {
		const code = c.charCodeAt(0);
		return (code < 0x20 && c !== '\t') || code === 0x7f;
	});

export interface WebhookHeader {
	name: string;
	value: string;
}

/**
 * What is wrong with the credential's fields, or undefined when they make a header AssemblyAI accepts
 * and n8n can match. Blanks around the name are left out (they always were); blanks around the secret
 * are not: AssemblyAI would send them and Node.js trims header values, so the call would never match.
 * Never quotes the secret.
 */
function headerProblem(data: ICredentialDataDecryptedObject | undefined): string | undefined {
	const name = String(data?.name ?? '').trim();
	if (!name) return 'Header Name is empty';
	if (name.length > MAX_LENGTH) return `Header Name has ${name.length} characters: AssemblyAI accepts at most ${MAX_LENGTH}`;
	if (!HEADER_NAME.test(name)) {
		const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
		return `Header Name "${shown}" has characters AssemblyAI does not accept: use only ASCII letters, digits, - and _ (no spaces, dots or colons), e.g. X-Webhook-Secret`;
	}
	const secret = String(data?.secret ?? '');
	if (secret === '') return 'Header Secret is empty';
	if (secret.length > MAX_LENGTH) return `Header Secret has ${secret.length} characters: AssemblyAI accepts at most ${MAX_LENGTH}`;
	if (/[\r\n]/.test(secret)) return 'Header Secret contains a line break, which AssemblyAI does not accept: paste it again as one line';
	if (secret !== secret.trim()) {
		return 'Header Secret starts or ends with a space or other blank: n8n (Node.js) trims header values it receives, so the header would never match. Remove the blanks around it';
	}
	if (hasControlCharacter(secret)) {
		return "Header Secret contains a control character: Node.js refuses a request with one in a header, so AssemblyAI's call would never reach n8n. Use printable characters";
	}
	return undefined;
}

/** Whether Header Name has blanks around it, which are left out. */
const nameHasBlanks = (data: ICredentialDataDecryptedObject | undefined) => {
	const name = String(data?.name ?? '');
	return name !== name.trim();
};

/**
 * The header as the credential holds it; throws (without the value) when the credential cannot be
 * used. Transcribe reads it before any upload, so a header AssemblyAI would refuse costs nothing.
 */
async function readHeader(ctx: IExecuteFunctions, itemIndex: number): Promise<WebhookHeader> {
	const fields = headerFields(await ctx.getCredentials(WEBHOOK_AUTH_CREDENTIAL, itemIndex));
	if ('problem' in fields) {
		throw new NodeOperationError(ctx.getNode(), `The AssemblyAI Webhook Header Auth API credential is not usable: ${fields.problem}`, {
			itemIndex,
			description: 'Open the credential and set a header name such as X-Webhook-Secret and a long random value.',
		});
	}
	return fields;
}

/** The header the credential's fields make (name without blanks around it), or what is wrong with them. */
function headerFields(data: ICredentialDataDecryptedObject): WebhookHeader | { problem: string } {
	const problem = headerProblem(data);
	return problem ? { problem } : { name: String(data.name).trim(), value: String(data.secret) };
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

export type HeaderRefusal =
	| {
			status: 401;
			error: string;
			reason: 'missing' | 'wrong';
			/** The header's name as the credential holds it (never its value). */
			headerName: string;
	  }
	/** The credential itself cannot be used: logged here, with the fix. */
	| { status: 500; error: string; reason: 'unusable' };

/**
 * Whether an incoming webhook call carries the credential's header, compared in constant time.
 * Returns the answer to refuse the call with, or undefined to accept it.
 */
export async function refusedWebhookCall(ctx: IWebhookFunctions, authentication: unknown): Promise<HeaderRefusal | undefined> {
	if (authentication !== 'headerAuth') return undefined;
	const header = headerFields(await ctx.getCredentials(WEBHOOK_AUTH_CREDENTIAL));
	if ('problem' in header) {
		// As an IP Allowlist that cannot be read: logged with the fix, and 500, so AssemblyAI calls again.
		ctx.logger.error(`${ctx.getNode().name}: the AssemblyAI Webhook Header Auth API credential is not usable: ${header.problem}; every call is refused until it is corrected`);
		return { status: 500, error: `The webhook's header credential is not usable: ${header.problem}`, reason: 'unusable' };
	}
	const received = ctx.getHeaderData()[header.name.toLowerCase()];
	if (typeof received === 'string' && sameSecret(received, header.value)) return undefined;
	const reason = received === undefined ? 'missing' : 'wrong';
	return { status: 401, error: `Missing or wrong ${header.name} header`, reason, headerName: header.name };
}

/** The credential's Test button: a header secret has no server to ask, so its fields are checked. */
export async function webhookHeaderAuthTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = headerProblem(credential.data);
	if (problem) return { status: 'Error', message: problem };
	const note = nameHasBlanks(credential.data) ? ' (the blanks around Header Name are left out)' : '';
	return { status: 'OK', message: `The header is ready to use${note}` };
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
	description:
		"Whether AssemblyAI's call to 'Transcript Options' > 'Webhook URL' carries a secret header that the receiver (an AssemblyAI Highlights Trigger) checks. Applies only with a 'Webhook URL'.",
};
