import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret header AssemblyAI sends with its webhook calls, kept where n8n keeps secrets (encrypted,
 * never in the workflow JSON). The same fields as n8n's Header Auth (`httpHeaderAuth`), which a
 * community package may not use: n8n's lint rule no-credential-reuse refuses credentials of other packages.
 */
export class AssemblyAiHighlightsWebhookAuth implements ICredentialType {
	name = 'assemblyAiHighlightsWebhookAuth';

	displayName = 'AssemblyAI Webhook Header Auth';

	icon: Icon = { light: 'file:../icons/assemblyai.svg', dark: 'file:../icons/assemblyai.dark.svg' };

	documentationUrl = 'https://www.assemblyai.com/docs/deployment/webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'name',
			type: 'string',
			default: 'X-Webhook-Secret',
			required: true,
			description: "The header AssemblyAI adds to its webhook call (AssemblyAI's webhook_auth_header_name)",
		},
		{
			displayName: 'Header Value',
			name: 'value',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The secret value of that header (webhook_auth_header_value). Use a long random value; the same credential goes in the AssemblyAI Highlights node that asks for the webhook and in the node that receives it.",
		},
	];
}
