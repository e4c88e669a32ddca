import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { itemsForTranscript } from '../AssemblyAiHighlights/actions/results';
import { readShapeOptions } from '../AssemblyAiHighlights/actions/settings';
import type { OutputShape } from '../AssemblyAiHighlights/highlights';
import { getTranscript } from '../AssemblyAiHighlights/transport/assemblyAi';
import { noRemoteWebhookMethods } from '../AssemblyAiHighlights/utils/noRemoteWebhook';
import { webhookHeaderAuthTest } from '../AssemblyAiHighlights/utils/webhookAuth';
import { refuseWebhookCall } from '../AssemblyAiHighlights/utils/webhookGuard';
import { triggerProperties } from './description';

export class AssemblyAiHighlightsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AssemblyAI Highlights Trigger',
		name: 'assemblyAiHighlightsTrigger',
		icon: { light: 'file:../../icons/assemblyai.svg', dark: 'file:../../icons/assemblyai.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'When a Transcript Is Done',
		description: 'Starts the workflow when AssemblyAI has finished a transcript, with its key phrases',
		defaults: { name: 'AssemblyAI Highlights Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'assemblyAiHighlightsApi', required: true },
			{
				name: 'assemblyAiHighlightsWebhookAuthApi',
				required: true,
				testedBy: 'webhookHeaderAuthTest',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'assemblyai' }],
		properties: triggerProperties,
	};

	webhookMethods = noRemoteWebhookMethods;

	methods = { credentialTest: { webhookHeaderAuthTest } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const answer = (status: number, body: IDataObject) => {
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(body));
		};

		const refusal = await refuseWebhookCall(this, {
			allowlist: this.getNodeParameter('ipAllowlist', ''),
			authentication: this.getNodeParameter('authentication', 'none'),
		});
		if (refusal) {
			answer(refusal.status, { error: refusal.error });
			return { noWebhookResponse: true };
		}

		const body = this.getBodyData();
		const transcriptId = typeof body.transcript_id === 'string' ? body.transcript_id.trim() : '';
		if (!transcriptId) {
			answer(400, { error: 'Expected an AssemblyAI notification: {"transcript_id": "…", "status": "…"}' });
			return { noWebhookResponse: true };
		}
		// Answer at once: AssemblyAI waits 10 s at most, then calls again.
		answer(200, { received: true });

		const output = this.getNodeParameter('output', 'keyPhrases') as OutputShape;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		let items: INodeExecutionData[];
		try {
			const shape = readShapeOptions(options, this.getNode());
			const transcript = await getTranscript(this, transcriptId);
			// Never deleted here (see description.ts): a Delete Transcript step after the storing step does it.
			items = itemsForTranscript(this.getNode(), transcript, 0, { output, shape });
		} catch (error) {
			// A failed transcript, or one that cannot be read, is reported as an item, never dropped.
			const json: IDataObject = { transcriptId, status: body.status ?? 'unknown', error: (error as Error).message };
			const description = (error as { description?: unknown }).description;
			if (typeof description === 'string') json.errorDescription = description;
			items = [{ json }];
		}
		return { noWebhookResponse: true, workflowData: [items] };
	}
}
