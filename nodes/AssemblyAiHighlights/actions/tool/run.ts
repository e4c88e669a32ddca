import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { boundAnswer } from '../../highlights';
import { TOOL_MAX_ANSWER_KB } from './description';

/**
 * Whether this run is the node as an AI Agent tool: n8n runs the tool under the node's type name
 * with "Tool" appended (`…assemblyAiHighlightsTool`), the same test its '@tool' display option makes.
 */
export function isToolNode(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

const refuse = (ctx: IExecuteFunctions, itemIndex: number, message: string, description: string) =>
	new NodeOperationError(ctx.getNode(), message, { itemIndex, description });

/**
 * What the tool does not offer, refused before anything is uploaded or paid for, for settings
 * copied from a node or set by an expression.
 */
export function refuseWhatToolsCannotDo(ctx: IExecuteFunctions): void {
	const operation = ctx.getNodeParameter('operation', 0) as string;
	if (operation === 'deleteTranscript') return;
	for (let itemIndex = 0; itemIndex < ctx.getInputData().length; itemIndex++) {
		const waitMode = ctx.getNodeParameter('waitMode', itemIndex, 'poll') as string;
		if (waitMode === 'callback') {
			throw refuse(
				ctx,
				itemIndex,
				"As an AI Agent tool this node cannot wait for AssemblyAI's callback",
				"Waiting for the callback would put the agent's whole execution to wait. Set Wait for Result to 'Poll Until Done' (the tool's default), or use the node in a workflow for callbacks.",
			);
		}
		const output = ctx.getNodeParameter('output', itemIndex, 'topKeyPhrases') as string;
		if (output === 'raw') {
			throw refuse(
				ctx,
				itemIndex,
				'As an AI Agent tool this node does not answer with the raw transcript',
				"AssemblyAI's transcript JSON is about 170 KB for a 5-minute recording, far more than a model should be handed. Choose Output 'Top Key Phrases' (the tool's default) or 'Summary'.",
			);
		}
		if (operation === 'transcribe' && ctx.getNodeParameter('source', itemIndex, 'url') === 'binary') {
			throw refuse(
				ctx,
				itemIndex,
				'As an AI Agent tool this node transcribes from a URL, not a binary file',
				"A tool call carries no file. Set Audio Source to 'URL' and let the model fill in Audio URL (the tool's default).",
			);
		}
	}
}

/**
 * The items the model gets, cut to Max Answer Size: n8n hands it JSON.stringify of the items' JSON.
 * Items keep their pairing; a note item (for lists cut short) pairs with the first input item.
 */
export function answerForModel(ctx: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const operation = ctx.getNodeParameter('operation', 0) as string;
	if (operation === 'deleteTranscript' || items.length === 0) return items;
	const kb = ctx.getNodeParameter('maxAnswerKb', 0, TOOL_MAX_ANSWER_KB) as number;
	const maxBytes = Math.max(1, Number.isFinite(kb) ? kb : TOOL_MAX_ANSWER_KB) * 1024;
	const output = ctx.getNodeParameter('output', 0, 'topKeyPhrases') as string;
	const bounded = boundAnswer(
		items.map((item) => item.json),
		maxBytes,
		output === 'occurrences' ? 'mentions' : 'key phrases',
	);
	if (bounded.leftOut === 0 && bounded.objects.length === items.length) return items;
	return bounded.objects.map((json, index) => ({ json: json as INodeExecutionData['json'], pairedItem: items[index]?.pairedItem ?? items[0].pairedItem }));
}
