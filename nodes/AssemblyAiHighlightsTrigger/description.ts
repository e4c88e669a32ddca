import type { INodeProperties } from 'n8n-workflow';
import { optionsProperty, outputProperty } from '../AssemblyAiHighlights/actions/common.properties';

/** Waiting does not apply to a trigger: AssemblyAI calls it when the transcript is done. */
const WAIT_OPTIONS = ['pollIntervalSeconds', 'maxWaitMinutes'];

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Give this node\'s Production URL to AssemblyAI as the webhook URL: in the AssemblyAI Highlights node under Transcript Options > Webhook URL, or as <code>webhook_url</code> from any other system. Set the same auth header name and value on both sides.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Auth Header Name',
		name: 'authHeaderName',
		type: 'string',
		default: 'X-Webhook-Secret',
		description:
			'The header AssemblyAI sends with its call (webhook_auth_header_name). Calls without the right value are refused with 401. Leave empty to accept any call (not recommended).',
	},
	{
		displayName: 'Auth Header Value',
		name: 'authHeaderValue',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { hide: { authHeaderName: [''] } },
		description: 'The secret value of that header (webhook_auth_header_value)',
	},
	{ ...outputProperty },
	{
		...optionsProperty,
		options: (optionsProperty.options as INodeProperties[]).filter((option) => !WAIT_OPTIONS.includes(option.name)),
	},
];
