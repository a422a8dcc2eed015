/**
 * What runs before every `/api/` route, in the order a request meets it in production:
 * Azure API Management checks the subscription key, then its rate limit, then Starshipit
 * itself checks the account's API key.
 */
import type { Gate, SandboxResponse } from '../core/server.mts';
import type { StarshipitState } from './store.mts';

// UNCONFIRMED: these are Azure APIM's standard texts (§3); no source shows Starshipit returning
// exactly them. The shape `{statusCode, message}` is confirmed by JA/ODOO.
export const MISSING_SUBSCRIPTION_KEY =
	'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
export const INVALID_SUBSCRIPTION_KEY =
	'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';
// UNCONFIRMED: the reply to a bad StarShipIT-Api-Key is undocumented. Choice: 403 in the gateway
// shape, so a client can tell it from a bad subscription key (401), and ODOO's "body statusCode 403
// = invalid credentials" mapping works. It is NOT affected by `appErrorsAs200`.
export const INVALID_API_KEY = 'Invalid or missing StarShipIT-Api-Key';

export function createGate(state: StarshipitState): { gate: Gate; resetRateWindows(): void } {
	/** Arrival times (ms) of the calls accepted in the current window, oldest first, per subscription key. */
	const windows = new Map<string, number[]>();

	/**
	 * APIM's rate-limit policy: at most `calls` per `renewal-period`, counted over a sliding window
	 * (learn.microsoft.com/azure/api-management/rate-limit-policy), per subscription key (PM: the
	 * limit follows the subscription key, 2 rps on the developer tier). Here `calls` is `burst` and
	 * the window is `burst / ratePerSecond` seconds: 2 calls in any second by default, so a client
	 * that sends at exactly the rate is refused on the slightest early arrival. That Starshipit's
	 * window is one second (not, say, 120 calls a minute, which would allow bursts) is UNCONFIRMED;
	 * this is the strictest reading. Rejected calls don't count. Measured with the injectable clock
	 * so tests can step time.
	 */
	function take(key: string): number | undefined {
		const { ratePerSecond, burst } = state.config;
		const windowMs = (burst / ratePerSecond) * 1000;
		const now = state.clock().getTime();
		const accepted = windows.get(key) ?? [];
		windows.set(key, accepted);
		while (accepted.length > 0 && accepted[0] <= now - windowMs) accepted.shift();
		if (accepted.length < burst) {
			accepted.push(now);
			return undefined;
		}
		// Seconds until the oldest call leaves the window; APIM's Retry-After is whole seconds, at least 1.
		return Math.max(1, Math.ceil((accepted[0] + windowMs - now) / 1000));
	}

	const gate: Gate = (req): SandboxResponse | undefined => {
		const header = (name: string): string => {
			const v = req.headers[name]; // Node lowercases header names, so matching is case-insensitive.
			return (Array.isArray(v) ? v[0] : (v ?? '')).trim();
		};
		const subscriptionKey = header('ocp-apim-subscription-key');
		if (!subscriptionKey)
			return { status: 401, body: { statusCode: 401, message: MISSING_SUBSCRIPTION_KEY } };
		if (!state.subscriptionKeys.includes(subscriptionKey))
			return { status: 401, body: { statusCode: 401, message: INVALID_SUBSCRIPTION_KEY } };
		const retryAfter = take(subscriptionKey);
		if (retryAfter !== undefined) {
			// UNCONFIRMED for Starshipit; this is APIM's default 429 (§2), status + body + header.
			return {
				status: 429,
				headers: { 'Retry-After': String(retryAfter) },
				body: {
					statusCode: 429,
					message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
				},
			};
		}
		// Late-applied imports (fault) land while other requests come in, before this one is answered.
		state.tickLateImports();
		const apiKey = header('starshipit-api-key');
		if (!apiKey || !state.accounts.has(apiKey))
			return { status: 403, body: { statusCode: 403, message: INVALID_API_KEY } };
		return undefined;
	};
	return { gate, resetRateWindows: () => windows.clear() };
}
