/**
 * Calls the node's list search the way the n8n server does when the editor opens a resource
 * locator's list (DynamicNodeParametersService): a one-node workflow, the node's current parameters,
 * and n8n-core's own LoadOptionsContext with its real request helpers and credential lookup.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, INodeListSearchResult, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { AssemblyAiHighlightsApi } from '../../credentials/AssemblyAiHighlightsApi.credentials';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { baseAdditionalData, TestCredentialsHelper, TestNodeTypes } from './n8nCore';

export async function searchList(options: {
	method: string;
	credentials: IDataObject;
	parameters: INodeParameters;
	filter?: string;
	paginationToken?: string;
	/** The workflow's time zone (settings.timezone); n8n's default otherwise. */
	timezone?: string;
}): Promise<INodeListSearchResult> {
	const nodeType = new AssemblyAiHighlights();
	const node: INode = {
		id: 'under-test',
		name: 'AssemblyAI Highlights',
		type: 'assemblyAiHighlights',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { assemblyAiHighlightsApi: { id: 'cred-1', name: 'AssemblyAI account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ assemblyAiHighlights: nodeType }),
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
	const credentialsHelper = new TestCredentialsHelper(
		{ assemblyAiHighlightsApi: new AssemblyAiHighlightsApi() },
		{ assemblyAiHighlightsApi: options.credentials as never },
	);
	const additionalData = {
		...baseAdditionalData(credentialsHelper),
		currentNodeParameters: options.parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, 'transcriptId');
	const search = nodeType.methods.listSearch[options.method as keyof typeof nodeType.methods.listSearch];
	return await search.call(context, options.filter, options.paginationToken);
}
