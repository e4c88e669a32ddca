import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { optionsProperty, outputProperty } from '../common.properties';
import { transcriptIdProperty } from '../transcriptId';

/**
 * The node as an AI Agent tool. n8n makes "AssemblyAI Highlights Tool" (type name ending in "Tool")
 * from this node's description, and `'@tool'` in displayOptions tells the two apart. n8n hands the
 * model only the parameters a tool node shows, and builds the tool's input schema from their
 * `$fromAI()` expressions: so the tool shows a URL source whose Audio URL (or a Transcript ID) the
 * model fills, a compact output, no binary input, no Raw output and no callback mode.
 */

export const TOOL_MAX_WAIT_MINUTES = 10;
export const TOOL_MAX_ANSWER_KB = 4;

/**
 * Adds `'@tool': [true]` to a property's show (only in the tool) or hide (only in the node)
 * conditions. First among the show conditions: n8n shows a property as soon as one condition's
 * parameter is an expression (an expression in Wait for Result, say), without reading the rest.
 */
function withToolCondition(property: INodeProperties, key: 'show' | 'hide'): INodeProperties {
	const displayOptions = property.displayOptions ?? {};
	return { ...property, displayOptions: { ...displayOptions, [key]: { '@tool': [true], ...displayOptions[key] } } };
}
export const onlyInTool = (properties: INodeProperties[]) => properties.map((p) => withToolCondition(p, 'show'));
export const notInTool = (properties: INodeProperties[]) => properties.map((p) => withToolCondition(p, 'hide'));

const RETURNS =
	'Returns JSON: the transcript ID, the recording length in seconds, and its key phrases, most relevant first, each with rank (0 to 1), count (times said) and firstMention (m:ss). If some were left out to keep the answer short, it says how many.';

/**
 * n8n's own "Description" of a tool (when a node declares `toolDescription`, n8n adds none of its own);
 * what the model reads to decide when to call the tool and what to pass.
 */
const toolDescription = (operation: string, text: string): INodeProperties => ({
	displayName: 'Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 4 },
	default: text,
	description: 'What the model is told about this tool: when to use it, what to pass, what it gets back',
	displayOptions: { show: { operation: [operation] } },
});

const toolDescriptions: INodeProperties[] = [
	toolDescription(
		'transcribe',
		`Transcribes a recording (a call, meeting, podcast or video) with AssemblyAI and gets its key phrases: what the recording is about. Pass audioUrl: a public http(s) link to the audio or video file. ${RETURNS} Transcribing takes a while for long recordings; call it once per recording.`,
	),
	toolDescription(
		'getHighlights',
		`Gets the key phrases of a recording transcribed earlier with AssemblyAI. Pass transcriptId: the AssemblyAI transcript ID (36 characters, like 3c3bdee9-764f-45b1-82b8-d01a24a9c1bc). ${RETURNS}`,
	),
	toolDescription(
		'deleteTranscript',
		'Deletes a transcript and its uploaded recording at AssemblyAI, for good. Pass transcriptId: the AssemblyAI transcript ID (36 characters). Returns JSON with the transcript ID and deleted: true.',
	),
];

const fromAi = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

/** As a tool the recording comes from a URL the model passes: a tool call carries no file. */
const toolSourceProperties: INodeProperties[] = [
	{
		displayName: 'Audio Source',
		name: 'source',
		type: 'options',
		default: 'url',
		options: [{ name: 'URL', value: 'url', description: 'A public link AssemblyAI downloads the recording from' }],
		description: 'Where the recording comes from. As a tool, a URL: a tool call carries no file.',
		displayOptions: { show: { operation: ['transcribe'] } },
	},
	{
		displayName: 'Audio URL',
		name: 'audioUrl',
		type: 'string',
		default: fromAi('audioUrl', 'A public http(s) link to the audio or video file to transcribe'),
		required: true,
		displayOptions: { show: { operation: ['transcribe'], source: ['url'] } },
		description: 'A public http(s) link to the audio or video file. By default the model fills it in.',
	},
];

const toolTranscriptId = (operation: string): INodeProperties => ({
	...transcriptIdProperty,
	default: { __rl: true, mode: 'id', value: fromAi('transcriptId', 'The AssemblyAI transcript ID, 36 characters like 3c3bdee9-764f-45b1-82b8-d01a24a9c1bc') },
	hint: 'By default the model fills it in',
	displayOptions: { show: { operation: [operation] } },
});

const POLL_DESCRIPTION = `Wait inside this tool call, checking AssemblyAI every few seconds, then answer with the key phrases (at most 'Max Wait', ${TOOL_MAX_WAIT_MINUTES} minutes by default)`;

/** Poll or Don't Wait: callback mode would put the agent's whole execution to wait. */
const toolWaitMode: INodeProperties = {
	displayName: 'Wait for Result',
	name: 'waitMode',
	type: 'options',
	default: 'poll',
	options: [
		{ name: "Don't Wait", value: 'none', description: 'Answer at once with the transcript ID and status' },
		{ name: 'Poll Until Done', value: 'poll', description: POLL_DESCRIPTION },
	],
	description: 'Whether to wait until AssemblyAI has finished the transcript',
	displayOptions: { show: { operation: ['transcribe', 'getHighlights'] } },
};

const toolOutput: INodeProperties = {
	...outputProperty,
	default: 'topKeyPhrases',
	options: [
		...(outputProperty.options as INodePropertyOptions[]).filter((o) => o.value !== 'raw'),
		{
			name: 'Top Key Phrases',
			value: 'topKeyPhrases',
			description: 'One compact object per recording: its key phrases with rank, count and first mention. The best answer for a model.',
		},
	],
	description: 'What the tool answers with',
};

const maxAnswerKb: INodeProperties = {
	displayName: 'Max Answer Size (KB)',
	name: 'maxAnswerKb',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: TOOL_MAX_ANSWER_KB,
	description:
		'The most JSON this tool hands back to the model (1 KB is about 250 tokens). Phrases beyond it are left out, least relevant first, and the answer says how many.',
	displayOptions: { show: { operation: ['transcribe', 'getHighlights'] } },
};

/** Options as a tool: Max Wait defaults to 10 minutes, so one agent turn is not held for an hour. */
const toolOptions: INodeProperties = {
	...optionsProperty,
	options: (optionsProperty.options as INodeProperties[]).map((option) =>
		option.name === 'maxWaitMinutes'
			? {
					...option,
					default: TOOL_MAX_WAIT_MINUTES,
					description: `How long the tool call waits for AssemblyAI (${TOOL_MAX_WAIT_MINUTES} minutes by default for a tool, so an agent's turn is not held for an hour). The error then names the transcript ID, for 'Get Highlights' later.`,
				}
			: option,
	),
};

/** Shown only in the tool, in the order they appear. */
export const toolProperties = {
	descriptions: onlyInTool(toolDescriptions),
	source: onlyInTool(toolSourceProperties),
	transcriptIds: onlyInTool([toolTranscriptId('getHighlights'), { ...toolTranscriptId('deleteTranscript'), description: 'The transcript to delete' }]),
	waitMode: onlyInTool([toolWaitMode]),
	output: onlyInTool([
		{ ...toolOutput, displayOptions: { show: { operation: ['getHighlights'] } } },
		{ ...toolOutput, displayOptions: { show: { operation: ['transcribe'], waitMode: ['poll'] } } },
	]),
	maxAnswerKb: onlyInTool([maxAnswerKb]),
	options: onlyInTool([
		{ ...toolOptions, displayOptions: { show: { operation: ['getHighlights'] } } },
		{ ...toolOptions, displayOptions: { show: { operation: ['transcribe'], waitMode: ['poll'] } } },
	]),
};
