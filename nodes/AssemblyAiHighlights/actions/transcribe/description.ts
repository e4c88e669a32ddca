import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { webhookAuthenticationProperty } from '../../utils/webhookAuth';
import { ipAllowlistProperty } from '../../utils/webhookGuard';

export const ENGLISH_LANGUAGE_CODES = ['en_us', 'en_uk', 'en_au', 'en'];
export const DEFAULT_SPEECH_MODELS = 'universal-3-5-pro,universal-2';

const inputProperties: INodeProperties[] = [
	{
		displayName: 'Audio Source',
		name: 'source',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A recording carried by the input item, uploaded to AssemblyAI' },
			{ name: 'URL', value: 'url', description: 'A public link AssemblyAI downloads the recording from' },
		],
		description: 'Where the recording comes from',
	},
	{
		displayName: 'Input Data Field Name',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { source: ['binary'] } },
		hint: 'The name of the input item binary field that holds the audio or video file',
		description: 'Audio and video formats that AssemblyAI accepts (mp3, wav, m4a, mp4, webm and more), up to 2.2 GB',
	},
	{
		displayName: 'Audio URL',
		name: 'audioUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://assembly.ai/wildfires.mp3',
		displayOptions: { show: { source: ['url'] } },
		description: 'A public http(s) link to the audio or video file',
	},
];

const optionProperties: INodeProperties[] = [
	{
		displayName: 'Transcript Options',
		name: 'transcriptOptions',
		type: 'collection',
		placeholder: 'Add Transcript Option',
		default: {},
		options: [
			{
				displayName: 'Audio End At (Ms)',
				name: 'audioEndAt',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Stop transcribing at this point, in milliseconds from the start; 0 transcribes to the end',
			},
			{
				displayName: 'Audio Start From (Ms)',
				name: 'audioStartFrom',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Start transcribing at this point, in milliseconds from the start',
			},
			{
				displayName: 'Key Terms',
				name: 'keytermsPrompt',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'e.g. n8n, AssemblyAI',
				description:
					'Names and terms the recording is likely to contain, one per line (or separated by commas), up to 6 words each, to improve their recognition',
			},
			{
				displayName: 'Language',
				name: 'languageCode',
				type: 'options',
				default: 'en_us',
				options: [
					{ name: 'English (Australia)', value: 'en_au' },
					{ name: 'English (Global)', value: 'en' },
					{ name: 'English (UK)', value: 'en_uk' },
					{ name: 'English (US)', value: 'en_us' },
				],
				description: "The recording's language. AssemblyAI's Key Phrases model works on English only.",
			},
			{
				displayName: 'Multichannel',
				name: 'multichannel',
				type: 'boolean',
				default: false,
				description:
					"Whether to transcribe each audio channel on its own, for recordings with every speaker on their own channel (a call center's agent left, customer right): each mention then names its channel",
			},
			{
				displayName: 'Speaker Labels',
				name: 'speakerLabels',
				type: 'boolean',
				default: false,
				description: "Whether to detect who speaks when, so each mention can name its speaker (with 'Include Context') and the 'By Speaker' output can split the phrases",
			},
			{
				displayName: 'Speech Models',
				name: 'speechModels',
				type: 'string',
				default: DEFAULT_SPEECH_MODELS,
				description:
					'AssemblyAI speech models in order of preference, separated by commas. AssemblyAI renames models from time to time: change this if it reports a model as deprecated.',
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				displayOptions: { hide: { '/waitMode': ['callback'] } },
				type: 'string',
				default: '',
				placeholder: 'e.g. https://your-n8n.example.com/webhook/assemblyai',
				description:
					"A URL AssemblyAI calls when the transcript is done, for example the URL of an AssemblyAI Highlights Trigger. Its secret header comes from 'Webhook Authentication'.",
			},
		],
	},
];

const forTranscribe = { show: { operation: ['transcribe'] } };

/** What to transcribe: shown above the wait and output settings. */
export const transcribeInputProperties = updateDisplayOptions(forTranscribe, inputProperties);

/** How AssemblyAI should transcribe: shown below them. */
export const transcribeOptionProperties = updateDisplayOptions(forTranscribe, optionProperties);

/**
 * A Webhook URL without Webhook Authentication: the usual receiver, a Trigger with its default
 * Header Auth, refuses every call with 401, and AssemblyAI never retries a 4xx. In the editor,
 * displayOptions read a collection's field by its root path ('/transcriptOptions.webhookUrl'; n8n 1.x
 * cannot order a dependency without the slash). On the server they see simple parameters only and
 * drop a parameter they hide: Webhook Authentication itself cannot depend on the Webhook URL (its
 * value would be lost), a notice, which holds no value, can.
 */
export const webhookWithoutAuthNotice: INodeProperties = {
	displayName:
		"AssemblyAI will call the 'Webhook URL' without a secret header: an AssemblyAI Highlights Trigger with 'Authentication' Header Auth (its default) refuses those calls (401). Set 'Webhook Authentication' to Header Auth with the Trigger's credential.",
	name: 'webhookWithoutAuthNotice',
	type: 'notice',
	default: '',
	displayOptions: {
		show: { operation: ['transcribe'], webhookAuthentication: ['none'], '/transcriptOptions.webhookUrl': [{ _cnd: { exists: true } }] },
		hide: { waitMode: ['callback'] },
	},
};

/**
 * Whether the webhook (Webhook URL, or the callback to this execution) carries a secret header, and
 * who may call this execution back: shown last.
 */
export const transcribeWebhookAuthProperties: INodeProperties[] = [
	...updateDisplayOptions(forTranscribe, [webhookAuthenticationProperty]),
	webhookWithoutAuthNotice,
	{ ...ipAllowlistProperty, displayOptions: { show: { operation: ['transcribe'], waitMode: ['callback'] } } },
];
