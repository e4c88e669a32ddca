import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { deleteTranscriptOperation } from './deleteTranscript/execute';
import { getHighlights } from './getHighlights/execute';
import { transcribe } from './transcribe/execute';
import { answerForModel, isToolNode, refuseWhatToolsCannotDo } from './tool/run';

const operations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[]>> = {
	transcribe,
	getHighlights,
	deleteTranscript: deleteTranscriptOperation,
};

// No node parameter holds a secret (the webhook header lives in a credential), so an error may keep
// its copy of the node as n8n stores it with the run.
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known`);
	}
	if (!isToolNode(this)) return [await run.call(this)];
	// As an AI Agent tool: what the tool does not offer is refused, and the answer is bounded.
	refuseWhatToolsCannotDo(this);
	return [answerForModel(this, await run.call(this))];
}
