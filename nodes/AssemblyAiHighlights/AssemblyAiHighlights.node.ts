import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { nodeProperties } from './actions/node.description';
import { router } from './actions/router';
import { receiveCallback } from './actions/callback/receive';
import { noRemoteWebhookMethods } from './utils/noRemoteWebhook';
import { searchTranscripts } from './methods/listSearch';
import { webhookHeaderAuthTest } from './utils/webhookAuth';

export class AssemblyAiHighlights implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AssemblyAI Highlights',
		name: 'assemblyAiHighlights',
		icon: { light: 'file:../../icons/assemblyai.svg', dark: 'file:../../icons/assemblyai.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["operation"] === "getHighlights" ? "Get Highlights" : $parameter["operation"] === "deleteTranscript" ? "Delete Transcript" : "Transcribe with Key Phrases"}}',
		description: 'Transcribe recordings with AssemblyAI and get their key phrases as items',
		defaults: { name: 'AssemblyAI Highlights' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{ name: 'assemblyAiHighlightsApi', required: true },
			{
				name: 'assemblyAiHighlightsWebhookAuthApi',
				required: true,
				testedBy: 'webhookHeaderAuthTest',
				displayOptions: { show: { operation: ['transcribe'], webhookAuthentication: ['headerAuth'] } },
			},
		],
		// "Wait for AssemblyAI's Callback": the resume URL of a waiting execution, never a trigger.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
				ndvHideUrl: true,
				ndvHideMethod: true,
			},
		],
		properties: nodeProperties,
	};

	// n8n calls these only for a trigger's webhooks, when a workflow is activated; never for a
	// resume URL (restartWebhook). The lint rule asks for them wherever webhooks are declared.
	webhookMethods = noRemoteWebhookMethods;

	methods = { listSearch: { searchTranscripts }, credentialTest: { webhookHeaderAuthTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallback.call(this);
	}
}
