import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret header AssemblyAI sends with its webhook calls, kept where n8n keeps secrets (encrypted,
 * never in the workflow JSON). What n8n's Header Auth (`httpHeaderAuth`) holds, a name and a secret
 * value; a community package may not use that one: n8n's lint rule no-credential-reuse refuses
 * credentials of other packages. n8n's naming rules ask for the "Api" suffix, and the value field is
 * called `secret` so its lint sees it is one.
 */
export class AssemblyAiHighlightsWebhookAuthApi implements ICredentialType {
	name = 'assemblyAiHighlightsWebhookAuthApi';

	displayName = 'AssemblyAI Webhook Header Auth API';

	icon: Icon = { light: 'file:../icons/assemblyai.svg', dark: 'file:../icons/assemblyai.dark.svg' };

	documentationUrl = 'https://www.assemblyai.com/docs/deployment/webhooks-for-pre-recorded-audio';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'name',
			type: 'string',
			default: 'X-Webhook-Secret',
			required: true,
			description:
				"The header AssemblyAI adds to its webhook call (AssemblyAI's webhook_auth_header_name): ASCII letters, digits, - and _ only, at most 1000 characters",
		},
		{
			displayName: 'Header Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The secret value of that header (webhook_auth_header_value), one line of at most 1000 characters. Use a long random value; the same credential goes in the AssemblyAI Highlights node that asks for the webhook and in the node that receives it.",
		},
	];
}
