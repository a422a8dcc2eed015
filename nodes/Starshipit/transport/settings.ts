/**
 * What a Starshipit call needs from the credential before it is sent: the base URL (a sandbox or a
 * proxy may stand in for Starshipit) and the pace of the account's rate tier, one lane per account.
 */
import type { RequestContext } from '../../shared/transport/request';

export const CREDENTIAL_TYPE = 'starshipitApi';
export const DEFAULT_BASE_URL = 'https://api.starshipit.com';

/** Requests per second of each rate tier the credential offers (Starshipit's published limits). */
export const RATE_TIERS: Record<string, number> = { developer: 2, production: 20, unpaced: 0 };

export interface StarshipitSettings {
	baseUrl: string;
	/** Bucket and rate for `pace`: one bucket per credential, shared by every call of the execution. */
	pacing: { bucket: string; requestsPerSecond: number };
}

/** Base URL and pacing from the credential; a credential saved before the tier existed paces as Developer. */
export async function starshipitSettings(context: RequestContext): Promise<StarshipitSettings> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const url =
		typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim()
			? credentials.baseUrl.trim()
			: DEFAULT_BASE_URL;
	const tier =
		typeof credentials.rateTier === 'string' && credentials.rateTier in RATE_TIERS
			? credentials.rateTier
			: 'developer';
	const credential = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl: url.replace(/\/+$/, ''),
		// One lane per account: every execution of this process with this credential shares its pace.
		pacing: {
			bucket: `starshipit:${credential?.id ?? credential?.name ?? 'default'}@${url}`,
			requestsPerSecond: RATE_TIERS[tier],
		},
	};
}
