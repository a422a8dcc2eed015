/**
 * The webhook secrets of the sandbox set-up, as a user would configure them: random per process,
 * never a fixed string (`npm run n8n` serves the webhooks on a real port). The sandbox credentials
 * hold them (`cartonCloudWebhookApi`, `starshipitWebhookApi`, read by the webhook triggers'
 * version 2); CartonCloud's webhook URL carries its secret as `?secret=` (what its staff would
 * register), and the Starshipit sandbox signs its tracking webhooks with the other.
 */
import { randomBytes } from 'node:crypto';

export const WEBHOOK_SECRETS = {
	cartonCloud: randomBytes(32).toString('hex'),
	starshipit: randomBytes(32).toString('hex'),
} as const;

/** A webhook URL as CartonCloud staff would configure it for the bundled workflows. */
export function withCartonCloudSecret(
	url: string,
	secret: string = WEBHOOK_SECRETS.cartonCloud,
): string {
	return `${url}${url.includes('?') ? '&' : '?'}secret=${secret}`;
}
