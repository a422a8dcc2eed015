/**
 * Both simulated APIs together, as tests, the demo, benchmarks and `npm run sandbox` use them,
 * plus the credential values that point our n8n credentials at them.
 */
import {
	type CartonCloudSandbox,
	type CartonCloudSandboxOptions,
	createCartonCloudSandbox,
	type OutboundOrder,
} from './cartoncloud/index.mts';
import {
	type Order,
	type StarshipitSandbox,
	type StarshipitSandboxOptions,
	createStarshipitSandbox,
	DEFAULT_ACCOUNTS,
	DEFAULT_SUBSCRIPTION_KEY,
} from './starshipit/index.mts';
import type { CredentialStore } from '../harness/credentials.mts';
import { type ConsoleTargets, registerConsole } from './console/index.mts';
import { type SmtpSink, startSmtpSink } from './mail/smtpSink.mts';
import { WEBHOOK_SECRETS } from './webhookSecrets.mts';

export { createCartonCloudSandbox, type CartonCloudSandbox } from './cartoncloud/index.mts';
export { createStarshipitSandbox, type StarshipitSandbox } from './starshipit/index.mts';
export { type CaughtMail, type SmtpSink } from './mail/smtpSink.mts';
export { WEBHOOK_SECRETS, withCartonCloudSecret } from './webhookSecrets.mts';

/** The credential ids and names the bundled workflows refer to. */
export const CREDENTIALS = {
	cartonCloud: { id: 'cartoncloud', name: 'CartonCloud' },
	starshipit: { id: 'starshipit', name: 'Starshipit' },
	starshipitChild: { id: 'starshipit-child', name: 'Starshipit (child account)' },
	/** The webhook triggers' secrets (their version 2 reads them from these credentials). */
	cartonCloudWebhook: { id: 'cartoncloud-webhook', name: 'CartonCloud webhook secret' },
	starshipitWebhook: { id: 'starshipit-webhook', name: 'Starshipit webhook secret' },
	/** n8n's own SMTP credential type, used by the alert e-mails (Send Email nodes). */
	smtp: { id: 'smtp', name: 'SMTP (alerts)' },
} as const;

export interface Sandboxes {
	starshipit: StarshipitSandbox;
	cartonCloud: CartonCloudSandbox;
	/** The mail catcher the alert e-mails go to (CREDENTIALS.smtp points at it). */
	mail: SmtpSink;
	/** The sandbox console page (both systems side by side, with buttons), served by the CartonCloud sandbox. */
	consoleUrl: string;
	/** Shows a link to n8n on the console (when n8n runs beside the sandboxes). */
	showN8n(url: string): void;
	/** Harness credential store whose values point at these sandboxes. */
	credentials(): CredentialStore;
	/**
	 * Issue 22: a sale order created `createdDaysAgo` days ago (default 200) and PACKED now in
	 * CartonCloud, whose copy (same order number, order date and last update that long ago) sits
	 * unshipped in Starshipit: what an existence check must still find.
	 */
	plantStaleOrder(options?: {
		createdDaysAgo?: number;
		customer?: string;
		reference?: string;
		apiKey?: string;
	}): { saleOrder: OutboundOrder; starshipitOrder: Order };
	close(): Promise<void>;
}

export interface SandboxesOptions {
	starshipit?: StarshipitSandboxOptions;
	cartonCloud?: CartonCloudSandboxOptions;
	ports?: { starshipit?: number; cartonCloud?: number; smtp?: number };
}

export async function startSandboxes(options: SandboxesOptions = {}): Promise<Sandboxes> {
	// Starshipit signs its tracking webhooks with the secret key set in its settings: the one the
	// sandbox credential holds, unless a test configures another.
	const starshipit = createStarshipitSandbox({
		webhookSecret: WEBHOOK_SECRETS.starshipit,
		...options.starshipit,
	});
	const cartonCloud = createCartonCloudSandbox(options.cartonCloud);
	await starshipit.listen(options.ports?.starshipit ?? 0);
	await cartonCloud.listen(options.ports?.cartonCloud ?? 0);
	const mail = await startSmtpSink(options.ports?.smtp ?? 0);
	const consoleTargets: ConsoleTargets = {
		cartonCloudUrl: cartonCloud.url,
		starshipitUrl: starshipit.url,
		mail,
	};
	const consoleUrl = registerConsole(cartonCloud.server, consoleTargets);
	return {
		starshipit,
		cartonCloud,
		mail,
		consoleUrl,
		showN8n: (url) => (consoleTargets.n8nUrl = url),
		credentials: () => sandboxCredentials(starshipit, cartonCloud, mail),
		plantStaleOrder({ createdDaysAgo = 200, customer, reference, apiKey } = {}) {
			const saleOrder = cartonCloud.plantSaleOrder({ createdDaysAgo, customer, reference });
			const date = new Date(Date.parse(saleOrder.timestamps.created!.time)).toISOString();
			// As the order push made it: order number = the customer reference, reference = the customer's name.
			const starshipitOrder = starshipit.plantOrder({
				order_number: saleOrder.references.customer,
				reference: saleOrder.customer.name,
				order_date: date,
				last_updated: date,
				status: 'Unshipped',
				apiKey,
			});
			return { saleOrder, starshipitOrder };
		},
		async close() {
			await Promise.all([starshipit.close(), cartonCloud.close(), mail.close()]);
		},
	};
}

export function sandboxCredentials(
	starshipit: { url: string; rateTier?: () => string },
	cartonCloud: CartonCloudSandbox,
	mail?: { host: string; port: number },
): CredentialStore {
	const cc = cartonCloud.credentials();
	// The tier a user would pick for a subscription with the sandbox's rate limit.
	const rateTier = starshipit.rateTier?.() ?? 'developer';
	const starshipitData = (apiKey: string) => ({
		apiKey,
		subscriptionKey: DEFAULT_SUBSCRIPTION_KEY,
		baseUrl: starshipit.url,
		rateTier,
	});
	return {
		[CREDENTIALS.cartonCloud.id]: {
			type: 'cartonCloudApi',
			data: {
				region: 'custom',
				customBaseUrl: cartonCloud.url,
				clientId: cc.clientId,
				clientSecret: cc.clientSecret,
				tenantId: cc.tenantId,
			},
		},
		[CREDENTIALS.starshipit.id]: {
			type: 'starshipitApi',
			data: starshipitData(DEFAULT_ACCOUNTS[0].apiKey),
		},
		[CREDENTIALS.starshipitChild.id]: {
			type: 'starshipitApi',
			data: starshipitData(DEFAULT_ACCOUNTS[1].apiKey),
		},
		[CREDENTIALS.cartonCloudWebhook.id]: {
			type: 'cartonCloudWebhookApi',
			data: { secret: WEBHOOK_SECRETS.cartonCloud },
		},
		[CREDENTIALS.starshipitWebhook.id]: {
			type: 'starshipitWebhookApi',
			data: { secret: WEBHOOK_SECRETS.starshipit },
		},
		...(mail && {
			[CREDENTIALS.smtp.id]: {
				type: 'smtp',
				data: {
					host: mail.host,
					port: mail.port,
					secure: false,
					disableStartTls: true,
					user: '',
					password: '',
					hostName: '',
				},
			},
		}),
	};
}
