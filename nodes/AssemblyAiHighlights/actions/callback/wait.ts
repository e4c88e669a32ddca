import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../../transport/baseUrl';
import type { ItemOutcome } from '../results';
import { errorJson } from '../results';
import type { ItemSettings } from '../settings';
import type { CallbackEntry } from './state';
import { CALLBACK_SECRET_HEADER, callbackSecret } from './secret';
import { CALLBACK_STATE_KEY, shownWhileWaiting, waitingItems } from './state';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '0.0.0.0'];

/**
 * The transcript request's webhook fields for "Wait for AssemblyAI's Callback": the execution's own
 * resume URL (on n8n 2.x it carries the execution's resume token) and the execution's own secret
 * header, checked on every call. With Webhook Authentication "Header Auth" the credential's header
 * is sent and checked instead (withWebhookAuth).
 */
export async function callbackParams(
	ctx: IExecuteFunctions,
	params: IDataObject,
	output: string,
	itemIndex: number,
): Promise<IDataObject> {
	const node = ctx.getNode();
	if (params.webhook_url) {
		throw new NodeOperationError(node, 'Webhook URL is set under Transcript Options, but Wait for Result is "Wait for AssemblyAI\'s Callback"', {
			itemIndex,
			description:
				'In this mode AssemblyAI calls this execution back at its own URL. Remove Webhook URL from Transcript Options (Webhook Authentication then protects the callback), or choose "Poll Until Done".',
		});
	}
	if (output !== 'summary' && output !== 'raw') {
		throw new NodeOperationError(node, `Output "${output}" gives several items per recording, but Wait for AssemblyAI's Callback gives one`, {
			itemIndex,
			description:
				'n8n pairs the items of a resumed execution one to one with their input. Choose Output "Summary" (and add a Split Out node on the highlights field for one item per key phrase) or "Raw Transcript".',
		});
	}
	const resumeUrl = String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex) ?? '');
	let host = '';
	try {
		host = new URL(resumeUrl).hostname;
	} catch {
		/* reported below */
	}
	if (!host) {
		throw new NodeOperationError(node, `n8n gave no usable resume URL for this execution ("${resumeUrl}")`, { itemIndex });
	}
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	if (credentials.region !== 'custom' && LOOPBACK_HOSTS.includes(host)) {
		throw new NodeOperationError(node, `AssemblyAI cannot call back ${new URL(resumeUrl).origin}: it is this machine's own address`, {
			itemIndex,
			description:
				"Set n8n's WEBHOOK_URL environment variable to the public https address AssemblyAI can reach, or choose \"Poll Until Done\", which needs no inbound connection.",
		});
	}
	if (ctx.getNodeParameter('webhookAuthentication', itemIndex, 'none') === 'headerAuth') return { ...params, webhook_url: resumeUrl };
	return { ...params, webhook_url: resumeUrl, webhook_auth_header_name: CALLBACK_SECRET_HEADER, webhook_auth_header_value: await callbackSecret(ctx) };
}

/**
 * Puts the execution to wait for AssemblyAI's callbacks. What the callback needs travels in the
 * node's context, which n8n stores with the execution and hands to every callback; the waiting node's
 * input becomes the items n8n passes on if Max Wait passes; the node's own output meanwhile only shows
 * each item's transcript (n8n drops it when the execution resumes).
 */
export async function waitForCallbacks(
	ctx: IExecuteFunctions,
	outcomes: ItemOutcome[],
	accepted: Array<{ itemIndex: number; transcriptId: string; settings: ItemSettings }>,
): Promise<INodeExecutionData[]> {
	const entries: CallbackEntry[] = [];
	for (const outcome of outcomes) {
		entries.push({
			itemIndex: outcome.itemIndex,
			failure: errorJson(outcome.error as Error, outcome.transcriptId),
			output: 'summary',
			shape: accepted[0].settings.shape,
		});
	}
	for (const { itemIndex, transcriptId, settings } of accepted) {
		entries.push({ itemIndex, transcriptId, output: settings.output, shape: settings.shape, deleteAfterReading: settings.deleteAfterReading });
	}
	entries.sort((a, b) => a.itemIndex - b.itemIndex);

	const maxWaitMs = Math.max(...accepted.map((a) => a.settings.wait.maxWaitMs));
	ctx.getContext('node')[CALLBACK_STATE_KEY] = entries;
	ctx.getExecuteData().data = { main: [waitingItems(ctx.getNode(), entries, +(maxWaitMs / 60_000).toFixed(2))] };
	await ctx.putExecutionToWait(new Date(Date.now() + maxWaitMs));
	return shownWhileWaiting(entries);
}
