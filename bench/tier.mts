/**
 * The credential field that tells our nodes Starshipit's rate (Developer 2/s, Production 20/s),
 * found in the credential type as built, so the bench keeps working whatever the field is called:
 * a number field about a rate gets the tier itself; an options field gets the option that names
 * the tier ("Production"/20, "Developer"/2). None found: the bench says so and sets nothing.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ICredentialType, INodePropertyOptions } from 'n8n-workflow';
import { ROOT } from './measure.mts';

const require = createRequire(import.meta.url);

export function starshipitTierFields(): {
	fields: (tier: number) => Record<string, unknown>;
	described: string;
} {
	const module = require(
		path.join(ROOT, 'dist/credentials/StarshipitApi.credentials.js'),
	) as Record<string, new () => ICredentialType>;
	const properties = new module.StarshipitApi().properties;
	const numeric = properties.find(
		(p) => p.type === 'number' && /rate|second|tier/i.test(`${p.name} ${p.displayName}`),
	);
	if (numeric)
		return {
			fields: (tier) => ({ [numeric.name]: tier }),
			described: `credential field "${numeric.name}" = tier`,
		};
	const options = properties.find(
		(p) => p.type === 'options' && /rate|tier|plan|limit/i.test(`${p.name} ${p.displayName}`),
	);
	if (options) {
		const choices = (options.options ?? []) as INodePropertyOptions[];
		const pick = (tier: number) =>
			choices.find((o) =>
				(tier >= 20 ? /production|\b20\b/i : /developer|\b2\b/i).test(
					`${o.name} ${String(o.value)}`,
				),
			)?.value;
		return {
			fields: (tier) => (pick(tier) === undefined ? {} : { [options.name]: pick(tier) }),
			described: `credential field "${options.name}" = the tier's option`,
		};
	}
	return {
		fields: () => ({}),
		described: 'the Starshipit credential has no rate setting: only the sandbox knows the tier',
	};
}
