import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { ASSEMBLYAI_WEBHOOK_ADDRESSES, checkAllowlist } from './ipAllowlist';
import type { HeaderRefusal } from './webhookAuth';
import { refusedWebhookCall } from './webhookAuth';

export interface Refusal {
	status: number;
	error: string;
	/** The line written to n8n's log at error level (never a secret value). */
	logged?: string;
}

/** Who was called, for the log line: the trigger, or a waiting execution's resume URL. */
function calledNode(ctx: IWebhookFunctions): { name: string; isTrigger: boolean } {
	const node = ctx.getNode();
	return { name: node.name, isTrigger: /trigger$/i.test(node.type) };
}

/**
 * The caller's address as n8n sees it, and what a proxy said in front of it. Without N8N_PROXY_HOPS,
 * n8n sees the proxy: the X-Forwarded-For a proxy adds is then named, so the log says what to set.
 */
function callerOf(ctx: IWebhookFunctions): string {
	const request = ctx.getRequestObject();
	const ip = request.ip ?? 'an unknown address';
	const forwarded = String(ctx.getHeaderData()['x-forwarded-for'] ?? '').trim();
	const trusted = (request.ips ?? []).length > 0;
	return forwarded && !trusted ? `${ip} (forwarded for ${forwarded}; n8n does not trust it without N8N_PROXY_HOPS)` : ip;
}

function logRefusal(ctx: IWebhookFunctions, refusal: Refusal, line: string): Refusal {
	ctx.logger.error(line);
	return { ...refusal, logged: line };
}

function headerLine(ctx: IWebhookFunctions, refusal: Extract<HeaderRefusal, { status: 401 }>): string {
	const { name, isTrigger } = calledNode(ctx);
	const setting = isTrigger ? 'its Authentication (Header Auth)' : "'Webhook Authentication'";
	const what =
		refusal.reason === 'missing'
			? `without the header ${refusal.headerName} that ${setting} expects`
			: `with a wrong value in the header ${refusal.headerName} that ${setting} expects`;
	const fix = isTrigger
		? 'If this is AssemblyAI: set Webhook Authentication on the Transcribe node that sent it to Header Auth with the same credential as this trigger.'
		: 'If this is AssemblyAI: the transcript was not created by this execution with this credential.';
	return `${name}: refused a call from ${callerOf(ctx)} ${what} (401). ${fix}`;
}

/**
 * The checks on a call to one of our webhooks before anything is read or started: the caller's
 * address against the IP allowlist (403; empty by default), then the secret header (401).
 * AssemblyAI treats a 4xx as final, so a refused call is not retried and nothing else tells the user:
 * every refusal is logged at error level with the caller's address and what to change.
 */
export async function refuseWebhookCall(
	ctx: IWebhookFunctions,
	settings: { allowlist: unknown; authentication: unknown },
): Promise<Refusal | undefined> {
	const request = ctx.getRequestObject();
	const check = checkAllowlist(String(settings.allowlist ?? ''), request.ip, request.ips ?? []);
	if (!check.allowed) {
		const { name } = calledNode(ctx);
		if (check.invalidEntries.length) {
			const error = `IP Allowlist has entries that are not IP addresses or CIDR ranges: ${check.invalidEntries.join(', ')}`;
			return logRefusal(ctx, { status: 500, error }, `${name}: ${error}; every call is refused until it is corrected`);
		}
		return logRefusal(
			ctx,
			{ status: 403, error: 'IP is not allowed to call this webhook' },
			`${name}: refused a call from ${callerOf(ctx)}, which is not in its IP Allowlist (403). Behind a reverse proxy, set N8N_PROXY_HOPS so n8n sees the caller's address, add the caller to IP Allowlist, or empty IP Allowlist (the secret header is the protection).`,
		);
	}
	const refusal = await refusedWebhookCall(ctx, settings.authentication);
	if (!refusal) return undefined;
	if (refusal.status === 500) return { status: refusal.status, error: refusal.error }; // logged where it was found
	return logRefusal(ctx, { status: refusal.status, error: refusal.error }, headerLine(ctx, refusal));
}

/**
 * The transcript ID of an AssemblyAI notification (`{"transcript_id": "…", "status": "…"}`), or the
 * 400 refusal, logged like the others, for a call without a JSON body or without transcript_id.
 */
export function readNotification(ctx: IWebhookFunctions): { transcriptId: string; body: IDataObject } | Refusal {
	const body = ctx.getBodyData() as unknown;
	const object = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
	const transcriptId = typeof object?.transcript_id === 'string' ? object.transcript_id.trim() : '';
	if (object && transcriptId) return { transcriptId, body: object };
	const empty = !object || Object.keys(object).length === 0;
	const what = empty ? 'without a JSON body' : 'whose JSON body has no "transcript_id"';
	const { name, isTrigger } = calledNode(ctx);
	const fix = isTrigger
		? "Only AssemblyAI's webhook calls belong here: give this URL to AssemblyAI as webhook_url (Transcript Options > Webhook URL)."
		: "Only AssemblyAI's webhook calls belong here.";
	return logRefusal(
		ctx,
		{ status: 400, error: 'Expected an AssemblyAI notification: {"transcript_id": "…", "status": "…"}' },
		`${name}: refused a call from ${callerOf(ctx)} ${what}, not an AssemblyAI notification (400). ${fix}`,
	);
}

export const ipAllowlistProperty: INodeProperties = {
	displayName: 'IP Allowlist',
	name: 'ipAllowlist',
	type: 'string',
	default: '',
	placeholder: `e.g. ${ASSEMBLYAI_WEBHOOK_ADDRESSES}`,
	description: `Optional: comma-separated IP addresses or CIDR ranges allowed to call; calls from others are refused with 403. AssemblyAI sends webhooks from ${ASSEMBLYAI_WEBHOOK_ADDRESSES} (US, EU). Behind a reverse proxy, n8n sees the proxy's address unless N8N_PROXY_HOPS is set. Empty allows every address: the secret header is the protection.`,
};
