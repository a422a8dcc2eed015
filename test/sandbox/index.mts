/**
 * Both simulated APIs together, as tests, the demo, benchmarks and `npm run sandbox` use them,
 * plus the credential values that point our n8n credentials at them.
 */
import { type CartonCloudSandbox, type CartonCloudSandboxOptions, createCartonCloudSandbox } from './cartoncloud/index.mts';
import { type StarshipitSandbox, type StarshipitSandboxOptions, createStarshipitSandbox, DEFAULT_ACCOUNTS, DEFAULT_SUBSCRIPTION_KEY } from './starshipit/index.mts';
import type { CredentialStore } from '../harness/credentials.mts';

export { createCartonCloudSandbox, type CartonCloudSandbox } from './cartoncloud/index.mts';
export { createStarshipitSandbox, type StarshipitSandbox } from './starshipit/index.mts';

/** The credential ids and names the bundled workflows refer to. */
export const CREDENTIALS = {
	cartonCloud: { id: 'cartoncloud', name: 'CartonCloud' },
	starshipit: { id: 'starshipit', name: 'Starshipit' },
	starshipitChild: { id: 'starshipit-child', name: 'Starshipit (child account)' },
} as const;

export interface Sandboxes {
	starshipit: StarshipitSandbox;
	cartonCloud: CartonCloudSandbox;
	/** Harness credential store whose values point at these sandboxes. */
	credentials(): CredentialStore;
	close(): Promise<void>;
}

export interface SandboxesOptions {
	starshipit?: StarshipitSandboxOptions;
	cartonCloud?: CartonCloudSandboxOptions;
	ports?: { starshipit?: number; cartonCloud?: number };
}

export async function startSandboxes(options: SandboxesOptions = {}): Promise<Sandboxes> {
	const starshipit = createStarshipitSandbox(options.starshipit);
	const cartonCloud = createCartonCloudSandbox(options.cartonCloud);
	await starshipit.listen(options.ports?.starshipit ?? 0);
	await cartonCloud.listen(options.ports?.cartonCloud ?? 0);
	return {
		starshipit,
		cartonCloud,
		credentials: () => sandboxCredentials(starshipit, cartonCloud),
		async close() {
			await Promise.all([starshipit.close(), cartonCloud.close()]);
		},
	};
}

export function sandboxCredentials(starshipit: { url: string; rateTier?: () => string }, cartonCloud: CartonCloudSandbox): CredentialStore {
	const cc = cartonCloud.credentials();
	// The tier a user would pick for a subscription with the sandbox's rate limit.
	const rateTier = starshipit.rateTier?.() ?? 'developer';
	const starshipitData = (apiKey: string) => ({ apiKey, subscriptionKey: DEFAULT_SUBSCRIPTION_KEY, baseUrl: starshipit.url, rateTier });
	return {
		[CREDENTIALS.cartonCloud.id]: {
			type: 'cartonCloudApi',
			data: { region: 'custom', customBaseUrl: cartonCloud.url, clientId: cc.clientId, clientSecret: cc.clientSecret, tenantId: cc.tenantId },
		},
		[CREDENTIALS.starshipit.id]: { type: 'starshipitApi', data: starshipitData(DEFAULT_ACCOUNTS[0].apiKey) },
		[CREDENTIALS.starshipitChild.id]: { type: 'starshipitApi', data: starshipitData(DEFAULT_ACCOUNTS[1].apiKey) },
	};
}
