import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { nodeProperties } from './actions/node.description';
import { router } from './actions/router';

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
		properties: nodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
