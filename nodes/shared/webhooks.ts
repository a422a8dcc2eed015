import type { IHookFunctions } from 'n8n-workflow';

/**
 * Webhook lifecycle for services whose webhooks are registered by hand (Starshipit: in its
 * settings; CartonCloud: by its staff). There is no API to check, create or delete them, so
 * n8n is told the webhook exists and every step succeeds.
 */
export const manuallyRegisteredWebhook = {
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
