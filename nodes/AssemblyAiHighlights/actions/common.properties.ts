import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const POLL_OPTION = {
	name: 'Poll Until Done',
	value: 'poll',
	description: 'Wait inside this execution, checking AssemblyAI every few seconds, then output the key phrases',
};
const CALLBACK_OPTION = {
	name: "Wait for AssemblyAI's Callback",
	value: 'callback',
	description:
		'Put the execution to wait without holding n8n busy; AssemblyAI calls this execution back when done, then the key phrases come out. AssemblyAI must be able to reach n8n (WEBHOOK_URL).',
};
const DONT_WAIT_OPTION = {
	name: "Don't Wait",
	value: 'none',
	description: "Output the transcript ID and status at once; fetch the key phrases later with 'Get Highlights'",
};

const waitMode: INodeProperties = {
	displayName: 'Wait for Result',
	name: 'waitMode',
	type: 'options',
	default: 'poll',
	options: [],
	description: 'Whether to wait until AssemblyAI has finished the transcript, and how',
};

/** Transcribe can also wait for AssemblyAI's webhook; Get Highlights reads transcripts made earlier. */
export const waitModeProperties: INodeProperties[] = [
	{
		...waitMode,
		options: [DONT_WAIT_OPTION, POLL_OPTION, CALLBACK_OPTION],
		displayOptions: { show: { operation: ['transcribe'] } },
	},
	{
		...waitMode,
		options: [DONT_WAIT_OPTION, POLL_OPTION],
		displayOptions: { show: { operation: ['getHighlights'] } },
	},
];

export const callbackNotice: INodeProperties = {
	displayName:
		"AssemblyAI will call this execution back at its resume URL, so n8n must be reachable from the internet (set WEBHOOK_URL). Until then the execution shows as waiting and holds no worker. If 'Max Wait' passes first, n8n continues with one item per recording that has <code>error</code> and <code>transcriptId</code>.",
	name: 'callbackNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: ['transcribe'], waitMode: ['callback'] } },
};

export const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'keyPhrases',
	options: [
		{
			name: 'By Speaker',
			value: 'speakers',
			description:
				"One item per speaker (or channel) with the key phrases they said, counted for them alone. Needs 'Speaker Labels' or 'Multichannel'.",
		},
		{
			name: 'Key Phrases',
			value: 'keyPhrases',
			description: 'One item per key phrase: text, rank, count, timestamps, first mention',
		},
		{
			name: 'Occurrences',
			value: 'occurrences',
			description: 'One item per time a key phrase is said, with its start time: for clips and "jump to" links',
		},
		{
			name: 'Raw Transcript',
			value: 'raw',
			description: "AssemblyAI's transcript JSON, untouched",
		},
		{
			name: 'Summary',
			value: 'summary',
			description: 'One item per recording with all its key phrases: for an email or an AI agent',
		},
	],
	description: 'How to turn each finished transcript into items',
};

/**
 * Output is asked for wherever a finished transcript is shaped: always for Get Highlights (a finished
 * transcript is shaped even without waiting), for Transcribe only when it waits.
 */
export const outputProperties: INodeProperties[] = [
	{ ...outputProperty, displayOptions: { show: { operation: ['getHighlights'] } } },
	{ ...outputProperty, displayOptions: { show: { operation: ['transcribe'], waitMode: ['poll'] } } },
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'summary',
		options: (outputProperty.options as INodePropertyOptions[]).filter((o) => o.value === 'summary' || o.value === 'raw'),
		hint: 'One item per recording: n8n pairs the items a resumed node outputs one to one with its input. For one item per key phrase, add a Split Out node on the <code>highlights</code> field.',
		description: 'How to turn each finished transcript into an item',
		displayOptions: { show: { operation: ['transcribe'], waitMode: ['callback'] } },
	},
];

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Context Words',
			name: 'contextWords',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 12,
			displayOptions: { show: { includeContext: [true] } },
			description: 'How many transcript words around each mention to show, split before and after',
		},
		{
			displayName: 'Delete After Reading',
			name: 'deleteAfterReading',
			type: 'boolean',
			default: false,
			description:
				"Whether to delete the transcript and its uploaded recording at AssemblyAI as soon as this node has read it, before the next nodes run: if a later step fails (a CRM that answers 429, say), the transcript is already gone and only a new, paid transcript has its key phrases. To delete only once the key phrases are stored, leave this off and add a 'Delete Transcript' step after the step that stores them. Each item says \"deleted\"; if deleting fails, it keeps its key phrases with the reason.",
		},
		{
			displayName: 'Include Context',
			name: 'includeContext',
			type: 'boolean',
			default: false,
			description: 'Whether to add the words around each mention, and who said it when speaker labels or multichannel are on',
		},
		{
			displayName: 'Include Transcript Text',
			name: 'includeText',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/output': ['summary', 'topKeyPhrases'] } },
			description: "Whether the 'Summary' (or, in the AI tool, 'Top Key Phrases') output also carries the full transcript text",
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			displayOptions: { show: { '/waitMode': ['poll', 'callback'] } },
			description:
				"How long to wait for AssemblyAI before giving up. The error then names the transcript ID, so 'Get Highlights' can pick it up later without paying twice.",
		},
		{
			displayName: 'Merge Case Variants',
			name: 'mergeCase',
			type: 'boolean',
			default: false,
			description: 'Whether to merge phrases that differ only in upper/lower case (adding their counts and timestamps)',
		},
		{
			displayName: 'Min Count',
			name: 'minCount',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Only phrases said at least this many times',
		},
		{
			displayName: 'Min Rank',
			name: 'minRank',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0,
			description:
				"Only phrases whose relevance rank (0 to 1) is at least this. Phrases AssemblyAI gave no rank are kept only when this is 0.",
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 3,
			displayOptions: { show: { '/waitMode': ['poll'] } },
			description: 'How often to ask AssemblyAI whether the transcripts are done',
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'rank',
			options: [
				{ name: 'Count', value: 'count' },
				{ name: 'First Mention', value: 'time' },
				{ name: 'Rank (Most Relevant First)', value: 'rank', description: 'Highest AssemblyAI rank first; phrases without a rank last' },
				{ name: 'Text', value: 'text' },
			],
			description: 'Order of the phrases',
		},
		{
			displayName: 'Speaker Names',
			name: 'speakerNames',
			type: 'string',
			default: '',
			placeholder: 'e.g. A=Agent, B=Customer',
			description:
				"Names to show instead of AssemblyAI's speaker labels (A, B, …) or channels (1 = left, 2 = right), as label=name pairs separated by commas",
		},
		{
			displayName: 'Top N',
			name: 'topN',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Keep only the first N phrases after sorting and filtering; 0 keeps all',
		},
	],
};
