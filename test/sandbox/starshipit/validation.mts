/**
 * Order validation with the exact limits of reference §4.2–4.5. Each problem is reported as
 * `field.path: what is wrong`; callers append the order number so a batch error names its order.
 */

/**
 * UNCONFIRMED: Starshipit only says `destination.country` is a country NAME (2–100 chars, e.g.
 * "Australia"). Strict choice: accept only names from this list and reject ISO codes ("AU") and
 * unknown names, so a client that sends codes (the convention of rates, pitfall 4) fails here.
 */
export const COUNTRY_NAMES: Record<string, string> = {
	Australia: 'AU',
	'New Zealand': 'NZ',
	'United States': 'US',
	'United Kingdom': 'GB',
	Canada: 'CA',
	Singapore: 'SG',
	Ireland: 'IE',
	Germany: 'DE',
	France: 'FR',
	Italy: 'IT',
	Spain: 'ES',
	Netherlands: 'NL',
	Belgium: 'BE',
	Switzerland: 'CH',
	Austria: 'AT',
	Sweden: 'SE',
	Norway: 'NO',
	Denmark: 'DK',
	Finland: 'FI',
	Poland: 'PL',
	Portugal: 'PT',
	Greece: 'GR',
	Japan: 'JP',
	China: 'CN',
	'Hong Kong': 'HK',
	Taiwan: 'TW',
	'South Korea': 'KR',
	India: 'IN',
	Indonesia: 'ID',
	Malaysia: 'MY',
	Thailand: 'TH',
	Philippines: 'PH',
	Vietnam: 'VN',
	'United Arab Emirates': 'AE',
	'Saudi Arabia': 'SA',
	'South Africa': 'ZA',
	Brazil: 'BR',
	Mexico: 'MX',
	Argentina: 'AR',
	Chile: 'CL',
	Fiji: 'FJ',
	'Papua New Guinea': 'PG',
	Samoa: 'WS',
	Tonga: 'TO',
};
export const ISO2_CODES = new Set(Object.values(COUNTRY_NAMES));

// WHY 1000 kg / 10 m: nothing stops the real API accepting 2500 "kg" or a 30 "m" box, but those are
// almost always grams or centimetres sent by mistake (pitfall 3). UNCONFIRMED: the real API has no
// documented plausibility check; strict choice: reject, so unit bugs surface in tests, not on invoices.
export const MAX_WEIGHT_KG = 1000;
export const MAX_DIMENSION_M = 10;

const ADDRESS_LIMITS: Record<string, number> = {
	name: 100,
	email: 100,
	phone: 100,
	building: 100,
	company: 100,
	street: 100,
	suburb: 100,
	city: 100,
	state: 100,
	post_code: 10,
	country: 100,
	delivery_instructions: 100,
	tax_number: 20,
};
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
	readonly problems: string[] = [];
	add(field: string, message: string): void {
		this.problems.push(`${field}: ${message}`);
	}
	/** UNCONFIRMED: .NET APIs often coerce "1.5" to 1.5; strict choice: wrong JSON types are errors. */
	str(
		obj: Obj,
		key: string,
		field: string,
		max: number,
		opts: { required?: boolean; min?: number } = {},
	): void {
		const v = obj[key];
		if (v === undefined || v === null) {
			if (opts.required) this.add(field, 'is required');
			return;
		}
		if (typeof v !== 'string') return this.add(field, 'must be a string');
		if (opts.required && v.trim() === '') return this.add(field, 'is required');
		if (v.length > max) this.add(field, `must be at most ${max} characters`);
		if (opts.min !== undefined && v.length < opts.min && v.length > 0)
			this.add(field, `must be at least ${opts.min} characters`);
	}
	num(
		obj: Obj,
		key: string,
		field: string,
		opts: { required?: boolean; positive?: boolean; max?: number; maxHint?: string } = {},
	): void {
		const v = obj[key];
		if (v === undefined || v === null) {
			if (opts.required) this.add(field, 'is required');
			return;
		}
		if (typeof v !== 'number' || !Number.isFinite(v)) return this.add(field, 'must be a number');
		if (opts.positive ? v <= 0 : v < 0)
			return this.add(field, opts.positive ? 'must be greater than 0' : 'must not be negative');
		if (opts.max !== undefined && v > opts.max)
			this.add(field, opts.maxHint ?? `must be at most ${opts.max}`);
	}
	bool(obj: Obj, key: string, field: string): void {
		const v = obj[key];
		if (v !== undefined && v !== null && typeof v !== 'boolean')
			this.add(field, 'must be true or false');
	}
}

function checkAddress(c: Checker, value: unknown, prefix: string, required: boolean): void {
	if (value === undefined || value === null) {
		if (required) c.add(prefix, 'is required');
		return;
	}
	if (!isObj(value)) return c.add(prefix, 'must be an object');
	for (const [key, max] of Object.entries(ADDRESS_LIMITS)) {
		// UNCONFIRMED: DART1 marks name/street/suburb/country required; whether the server checks is
		// unknown. Strict choice: enforce for the destination.
		const req = required && ['name', 'street', 'suburb', 'country'].includes(key);
		c.str(value, key, `${prefix}.${key}`, max, {
			required: req,
			min: key === 'country' ? 2 : undefined,
		});
	}
	const country = value.country;
	if (typeof country === 'string' && country.trim() !== '' && !(country in COUNTRY_NAMES)) {
		const upper = country.trim().toUpperCase();
		c.add(
			`${prefix}.country`,
			ISO2_CODES.has(upper) || /^[A-Z]{2,3}$/.test(country.trim())
				? `must be a country name such as 'Australia', not a country code ('${country}')`
				: `unknown country name '${country}'`,
		);
	}
}

/** Validates a request-shaped order (create, import, or the merged result of an update). */
export function validateOrder(order: unknown): string[] {
	const c = new Checker();
	if (!isObj(order)) {
		c.add('order', 'must be an object');
		return c.problems;
	}
	c.str(order, 'order_number', 'order_number', 50, { required: true });
	c.str(order, 'reference', 'reference', 50);
	c.str(order, 'shipping_method', 'shipping_method', 100);
	c.str(order, 'shipping_description', 'shipping_description', 100);
	c.str(order, 'carrier', 'carrier', 100);
	c.str(order, 'carrier_service_code', 'carrier_service_code', 100);
	for (const key of ['signature_required', 'return_order', 'dangerous_goods'])
		c.bool(order, key, key);
	c.num(order, 'declared_value', 'declared_value');
	if (
		order.currency !== undefined &&
		order.currency !== null &&
		order.currency !== '' &&
		(typeof order.currency !== 'string' || !/^[A-Za-z]{3}$/.test(order.currency))
	) {
		c.add('currency', 'must be a 3-letter currency code such as AUD');
	}
	if (order.order_date !== undefined && order.order_date !== null) {
		if (typeof order.order_date !== 'string' || Number.isNaN(Date.parse(order.order_date)))
			c.add('order_date', 'must be an ISO 8601 date-time');
	}
	checkAddress(c, order.destination, 'destination', true);
	checkAddress(c, order.sender_details, 'sender_details', false);

	const weightHint = `must be at most ${MAX_WEIGHT_KG}; weight must be in kg (not grams)`;
	const dimHint = `must be at most ${MAX_DIMENSION_M}; dimensions must be in metres (e.g. 0.25), not centimetres`;
	if (order.items !== undefined && order.items !== null) {
		if (!Array.isArray(order.items)) c.add('items', 'must be an array');
		else
			order.items.forEach((item: unknown, i) => {
				const p = `items[${i}]`;
				if (!isObj(item)) return c.add(p, 'must be an object');
				c.str(item, 'sku', `${p}.sku`, 50);
				c.str(item, 'tariff_code', `${p}.tariff_code`, 18);
				c.str(item, 'country_of_origin', `${p}.country_of_origin`, 50);
				c.str(item, 'description', `${p}.description`, 500);
				c.num(item, 'quantity', `${p}.quantity`, { required: true, positive: true });
				c.num(item, 'weight', `${p}.weight`, { max: MAX_WEIGHT_KG, maxHint: weightHint });
				c.num(item, 'value', `${p}.value`);
			});
	}
	if (order.packages !== undefined && order.packages !== null) {
		if (!Array.isArray(order.packages)) c.add('packages', 'must be an array');
		else c.problems.push(...validatePackages(order.packages, 'packages'));
	}
	if (order.metadatas !== undefined && order.metadatas !== null) {
		if (!Array.isArray(order.metadatas)) c.add('metadatas', 'must be an array');
		else
			order.metadatas.forEach((m: unknown, i) => {
				if (!isObj(m)) return c.add(`metadatas[${i}]`, 'must be an object');
				c.str(m, 'metafield_key', `metadatas[${i}].metafield_key`, 100, { required: true });
				// Values are strings in every real reply ("True", "0.00"), pitfall 15.
				c.str(m, 'value', `metadatas[${i}].value`, 1000);
			});
	}
	return c.problems;

	function validatePackages(packages: unknown[], prefix: string): string[] {
		const pc = new Checker();
		packages.forEach((pkg, i) => {
			const p = `${prefix}[${i}]`;
			if (!isObj(pkg)) return pc.add(p, 'must be an object');
			pc.num(pkg, 'weight', `${p}.weight`, { max: MAX_WEIGHT_KG, maxHint: weightHint });
			for (const dim of ['height', 'width', 'length'])
				pc.num(pkg, dim, `${p}.${dim}`, { max: MAX_DIMENSION_M, maxHint: dimHint });
		});
		return pc.problems;
	}
}

/** Package checks on their own (shipment `packages[]` override, rates). */
export function validatePackageList(
	packages: unknown,
	prefix = 'packages',
	required = false,
): string[] {
	if (packages === undefined || packages === null)
		return required ? [`${prefix}: is required`] : [];
	if (!Array.isArray(packages)) return [`${prefix}: must be an array`];
	if (required && packages.length === 0) return [`${prefix}: must contain at least one package`];
	return validateOrder({
		order_number: 'x',
		destination: { name: 'x', street: 'x', suburb: 'x', country: 'Australia' },
		packages,
	}).map((p) => p.replace(/^packages/, prefix));
}
