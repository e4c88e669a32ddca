import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { nodeProperties } from './actions/node.description';
import { router } from './actions/router';
import { receiveCallback } from './actions/transcribe/callbackWebhook';

export class AssemblyAiHighlights implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AssemblyAI Highlights',
		name: 'assemblyAiHighlights',
		icon: { light: 'file:../../icons/assemblyai.svg', dark: 'file:../../icons/assemblyai.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "getHighlights" ? "Get Highlights" : "Transcribe with Key Phrases"}}',
		description: 'Transcribe recordings with AssemblyAI and get their key phrases as items',
		defaults: { name: 'AssemblyAI Highlights' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'assemblyAiHighlightsApi', required: true }],
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

	// n8n calls these for a trigger's webhooks when a workflow is activated. It never does for a
	// resume URL (restartWebhook), and AssemblyAI has no webhook registry: nothing to set up.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallback.call(this);
	}
}
