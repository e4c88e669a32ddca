import type { INodeProperties } from 'n8n-workflow';
import { optionsProperty, outputProperty } from '../AssemblyAiHighlights/actions/common.properties';
import { ipAllowlistProperty } from '../AssemblyAiHighlights/utils/webhookGuard';

/**
 * Waiting does not apply to a trigger: AssemblyAI calls it when the transcript is done. Nor does
 * Delete After Reading (until 0.2 it was offered here): the trigger reads the transcript inside
 * AssemblyAI's call, before n8n has created the execution, so a deletion there would come before any
 * step could store the phrases. The workflow deletes with a Delete Transcript step after the storing
 * step. Saved workflows that still have the option load and run; the trigger ignores it and deletes nothing.
 */
const TRIGGER_LEAVES_OUT = ['pollIntervalSeconds', 'maxWaitMinutes', 'deleteAfterReading'];

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Give this node\'s Production URL to AssemblyAI as the webhook URL: in the AssemblyAI Highlights node under Transcript Options > Webhook URL, or as <code>webhook_url</code> from any other system. Use the same AssemblyAI Webhook Header Auth API credential there (\'Webhook Authentication\') and here.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'headerAuth',
		options: [
			{
				name: 'Header Auth',
				value: 'headerAuth',
				description: 'Calls must carry the secret header of an AssemblyAI Webhook Header Auth API credential; others are refused with 401',
			},
			{ name: 'None', value: 'none', description: 'Accept calls without a secret header (not recommended)' },
		],
		description: 'How calls prove they come from AssemblyAI',
	},
	ipAllowlistProperty,
	{ ...outputProperty },
	{
		...optionsProperty,
		options: (optionsProperty.options as INodeProperties[]).filter((option) => !TRIGGER_LEAVES_OUT.includes(option.name)),
	},
];
