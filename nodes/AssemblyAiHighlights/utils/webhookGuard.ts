import type { INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { ASSEMBLYAI_WEBHOOK_ADDRESSES, checkAllowlist } from './ipAllowlist';
import { refusedWebhookCall } from './webhookAuth';

export interface Refusal {
	status: number;
	error: string;
}

/**
 * The checks on a call to one of our webhooks before anything is read or started: the caller's
 * address against the IP allowlist (403), then the secret header (401). AssemblyAI treats a 4xx as
 * final, so a refused call is not retried. The refused address is logged: the call's answer goes to
 * the caller, and the user would otherwise never learn why nothing ran.
 */
export async function refuseWebhookCall(
	ctx: IWebhookFunctions,
	settings: { allowlist: unknown; authentication: unknown },
): Promise<Refusal | undefined> {
	const request = ctx.getRequestObject();
	const check = checkAllowlist(String(settings.allowlist ?? ''), request.ip, request.ips ?? []);
	if (!check.allowed) {
		const node = ctx.getNode().name;
		if (check.invalidEntries.length) {
			const error = `IP Allowlist has entries that are not IP addresses or CIDR ranges: ${check.invalidEntries.join(', ')}`;
			ctx.logger.error(`${node}: ${error}; every call is refused until it is corrected`);
			return { status: 500, error };
		}
		ctx.logger.warn(
			`${node}: refused a webhook call from ${request.ip ?? 'an unknown address'}, which is not in its IP Allowlist. Behind a reverse proxy, set N8N_PROXY_HOPS so n8n sees the caller's address.`,
		);
		return { status: 403, error: 'IP is not allowed to call this webhook' };
	}
	return await refusedWebhookCall(ctx, settings.authentication);
}

export const ipAllowlistProperty: INodeProperties = {
	displayName: 'IP Allowlist',
	name: 'ipAllowlist',
	type: 'string',
	default: ASSEMBLYAI_WEBHOOK_ADDRESSES,
	placeholder: `e.g. ${ASSEMBLYAI_WEBHOOK_ADDRESSES}`,
	description:
		"Comma-separated IP addresses or CIDR ranges allowed to call; calls from others are refused with 403. Preset to the addresses AssemblyAI sends webhooks from (US, EU). Behind a reverse proxy, n8n needs N8N_PROXY_HOPS to see the caller's address. Leave empty to allow all.",
};
