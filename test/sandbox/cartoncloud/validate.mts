/**
 * Content validation shared by outbound-order create and consignment PUT: addresses (§3.2
 * Address), money, dates and customer/warehouse resolution. Each problem is a `{field, message}`
 * with a JSON pointer into the request body, as CartonCloud's 422 responses carry (§6).
 */
import type { Address, Customer, World } from './types.mts';
import { type FieldError, isDateOnly, isObject, type Json, nonEmptyString } from './util.mts';

export type Collect = (field: string, message: string) => void;

export function collector(): { errors: FieldError[]; err: Collect } {
	const errors: FieldError[] = [];
	return { errors, err: (field, message) => errors.push({ field, message }) };
}

const ADDRESS_STRINGS = [
	'companyName',
	'contactName',
	'address1',
	'address2',
	'suburb',
	'city',
	'postcode',
	'phone',
	'email',
] as const;

/** Countries the simulator recognises (ISO 3166-1). Anything else is an "unknown country". */
const COUNTRIES = [
	{ iso2Code: 'AU', iso3Code: 'AUS', name: 'Australia' },
	{ iso2Code: 'NZ', iso3Code: 'NZL', name: 'New Zealand' },
	{ iso2Code: 'US', iso3Code: 'USA', name: 'United States' },
	{ iso2Code: 'GB', iso3Code: 'GBR', name: 'United Kingdom' },
	{ iso2Code: 'CA', iso3Code: 'CAN', name: 'Canada' },
	{ iso2Code: 'SG', iso3Code: 'SGP', name: 'Singapore' },
	{ iso2Code: 'JP', iso3Code: 'JPN', name: 'Japan' },
	{ iso2Code: 'CN', iso3Code: 'CHN', name: 'China' },
	{ iso2Code: 'DE', iso3Code: 'DEU', name: 'Germany' },
	{ iso2Code: 'FR', iso3Code: 'FRA', name: 'France' },
];

/** Only the first country property supplied is tried (D#address). */
export function resolveCountry(country: unknown): (typeof COUNTRIES)[number] | undefined {
	if (!isObject(country)) return undefined;
	for (const key of ['iso2Code', 'iso3Code', 'name'] as const) {
		const v = country[key];
		if (v === undefined || v === null) continue;
		return COUNTRIES.find((c) => typeof v === 'string' && c[key].toLowerCase() === v.toLowerCase());
	}
	return undefined;
}

/** Structural address rules that always apply; returns the normalised address. */
export function validateAddress(input: unknown, at: string, err: Collect): Address | undefined {
	if (!isObject(input)) {
		err(at, 'Address is required');
		return undefined;
	}
	for (const key of ADDRESS_STRINGS) {
		const v = input[key];
		if (v !== undefined && v !== null && typeof v !== 'string')
			err(`${at}/${key}`, `${key} must be a string or null`);
	}
	// At least one of companyName / contactName (D#address); "" counts as empty, as SC found.
	if (!nonEmptyString(input.companyName) && !nonEmptyString(input.contactName)) {
		err(`${at}/companyName`, 'Either companyName or contactName is required');
	}
	if (typeof input.phone === 'string' && input.phone.length > 64)
		err(`${at}/phone`, 'phone must be at most 64 characters');
	for (const [key, props] of [
		['state', ['code', 'name']],
		['country', ['iso2Code', 'iso3Code', 'name']],
	] as const) {
		const v = input[key];
		if (v === undefined || v === null) continue;
		// state and country are objects, not strings (pitfall 7).
		if (!isObject(v) || !props.some((p) => nonEmptyString(v[p])))
			err(`${at}/${key}`, `${key} must be an object with one of ${props.join(', ')}`);
	}
	const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : null);
	const known = resolveCountry(input.country);
	return {
		companyName: str('companyName'),
		contactName: str('contactName'),
		address1: str('address1'),
		address2: str('address2'),
		suburb: str('suburb'),
		city: str('city'),
		postcode: str('postcode'),
		phone: str('phone'),
		email: str('email'),
		state: isObject(input.state) ? { ...(input.state as Json) } : null,
		country: known ? { ...known } : isObject(input.country) ? { ...(input.country as Json) } : null,
	};
}

/**
 * Address quality rules, applied only when the customer's "Allow invalid addresses via API" is off
 * (KB-custint). UNCONFIRMED: such an address fails the create with 422 (strict: nothing is
 * created) rather than creating a REJECTED order; a missing country counts as invalid.
 */
export function addressQuality(address: Address, at: string, err: Collect): void {
	if (!nonEmptyString(address.address1))
		err(`${at}/address1`, 'address1 is required for a valid address');
	if (!nonEmptyString(address.suburb))
		err(`${at}/suburb`, 'suburb is required for a valid address');
	if (!nonEmptyString(address.postcode))
		err(`${at}/postcode`, 'postcode is required for a valid address');
	else if (address.postcode.length > 10)
		err(`${at}/postcode`, 'postcode must be at most 10 characters');
	if (!resolveCountry(address.country)) err(`${at}/country`, 'Country could not be found');
}

export function validateMoney(value: unknown, at: string, err: Collect): void {
	if (value === undefined || value === null) return;
	if (!isObject(value) || typeof value.amount !== 'number' || value.amount < 0)
		err(`${at}/amount`, 'amount must be a number >= 0');
	if (
		!isObject(value) ||
		typeof value.currency !== 'string' ||
		!/^[A-Z]{3}$/.test(value.currency)
	) {
		err(`${at}/currency`, 'currency must be an ISO 4217 code');
	}
}

/** `requiredDate` is YYYY-MM-DD only (pitfall 7); null/absent is fine. */
export function validateDate(value: unknown, at: string, err: Collect): void {
	if (value !== undefined && value !== null && !isDateOnly(value))
		err(at, 'Date must be in the format YYYY-MM-DD');
}

export function validateBoolean(value: unknown, at: string, err: Collect): void {
	if (value !== undefined && value !== null && typeof value !== 'boolean')
		err(at, 'must be a boolean');
}

/** `customer`: one of id, references.code or name; the first supplied wins (§3.2). */
export function resolveCustomer(world: World, input: Json): Customer | undefined {
	if (input.id !== undefined && input.id !== null)
		return world.customers.find((c) => c.id === input.id);
	const code = isObject(input.references) ? input.references.code : undefined;
	if (code !== undefined && code !== null)
		return world.customers.find((c) => c.references.code === code);
	if (input.name !== undefined && input.name !== null)
		return world.customers.find((c) => c.name === input.name);
	return undefined;
}

/** `warehouse`: id or exact name; absent means the tenant's default warehouse (§3.2). */
export function resolveWarehouse(
	world: World,
	input: unknown,
	at: string,
	err: Collect,
): { id: string; name: string } | undefined {
	if (input === undefined || input === null)
		return { id: world.warehouses[0].id, name: world.warehouses[0].name };
	const found = isObject(input)
		? input.id !== undefined && input.id !== null
			? world.warehouses.find((w) => w.id === input.id)
			: world.warehouses.find((w) => w.name === input.name)
		: undefined;
	if (!found) {
		err(at, 'Warehouse does not exist');
		return undefined;
	}
	return { id: found.id, name: found.name };
}
