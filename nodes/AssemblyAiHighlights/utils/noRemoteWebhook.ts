import type { IHookFunctions } from 'n8n-workflow';

/**
 * The webhook lifecycle for a URL that AssemblyAI receives with each transcript request
 * (webhook_url): AssemblyAI has no webhook registry, so there is nothing to create, check or delete.
 */
export const noRemoteWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
