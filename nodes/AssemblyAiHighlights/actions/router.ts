import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { deleteTranscriptOperation } from './deleteTranscript/execute';
import { getHighlights } from './getHighlights/execute';
import { transcribe } from './transcribe/execute';

const operations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[]>> = {
	transcribe,
	getHighlights,
	deleteTranscript: deleteTranscriptOperation,
};

/** Node parameters that hold secrets: an error keeps a copy of its node, which n8n stores with the run. */
const SECRET_PARAMETERS = [['transcriptOptions', 'webhookAuthHeaderValue']];

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known`);
	}
	try {
		return [await run.call(this)];
	} catch (error) {
		throw hideSecrets(error as Error);
	}
}

/** The error as it was, its copy of the node without secret parameter values. */
function hideSecrets<E extends Error & { node?: INode }>(error: E): E {
	if (error.node) error.node = withoutSecrets(error.node);
	return error;
}

export function withoutSecrets(node: INode): INode {
	const parameters = { ...node.parameters };
	for (const [collection, name] of SECRET_PARAMETERS) {
		const values = parameters[collection];
		if (values && typeof values === 'object' && !Array.isArray(values) && name in values) {
			parameters[collection] = { ...values, [name]: '[hidden]' };
		}
	}
	return { ...node, parameters };
}
