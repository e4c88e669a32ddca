import { createHmac } from 'crypto';
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../../transport/baseUrl';
import { sameSecret } from '../../utils/sameSecret';

/** The header AssemblyAI sends with each call to a waiting execution (webhook_auth_header_name). */
export const CALLBACK_SECRET_HEADER = 'X-AssemblyAI-Highlights-Secret';

/**
 * The execution's own callback secret: an HMAC-SHA256 of the execution ID and node name, keyed with
 * the API key. Derived again for each call instead of stored, so nothing secret sits in the
 * execution's data; no credential to create; a proxy passes a header through untouched. Whoever
 * knows the API key could compute it, and could also read every transcript: it guards against
 * everyone else (on n8n 1.x a resume URL is just the execution ID).
 */
export async function callbackSecret(ctx: IExecuteFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return createHmac('sha256', String(credentials.apiKey ?? ''))
		.update(`assemblyai-highlights callback\n${ctx.getExecutionId()}\n${ctx.getNode().name}`)
		.digest('base64url');
}

/**
 * The 401 for a call without the execution's secret header, or with another value; undefined when
 * it carries it. Refusals are logged at error level with the caller's address: AssemblyAI does not
 * call again after a 4xx, and the execution would otherwise wait out its Max Wait without a trace.
 */
export async function refuseWithoutSecret(ctx: IWebhookFunctions): Promise<{ status: number; error: string } | undefined> {
	const received = ctx.getHeaderData()[CALLBACK_SECRET_HEADER.toLowerCase()];
	if (typeof received === 'string' && sameSecret(received, await callbackSecret(ctx))) return undefined;
	const from = ctx.getRequestObject().ip ?? 'an unknown address';
	const what =
		typeof received === 'string'
			? `its ${CALLBACK_SECRET_HEADER} header is wrong (the secret is derived from the credential's API key: if the key changed while the execution waited, its transcripts' calls carry the old one)`
			: `it came without ${CALLBACK_SECRET_HEADER}, the secret header this execution asks AssemblyAI to send with every call (a proxy in between must pass it on)`;
	ctx.logger.error(
		`${ctx.getNode().name}: refused a callback from ${from} to execution ${ctx.getExecutionId()} with 401: ${what}. If the call was AssemblyAI's, the execution keeps waiting until Max Wait; run Get Highlights with the transcript ID instead.`,
	);
	return { status: 401, error: `Missing or wrong ${CALLBACK_SECRET_HEADER} header` };
}
