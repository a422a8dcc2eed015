/**
 * The Starshipit order a create or import call sends, as rules carrying the documented limits
 * (reference §4.2–4.5): order_number 1–50, reference ≤50, post_code ≤10, address lines ≤100,
 * country as a NAME, weights in kg and dimensions in metres. Both input modes of the node (fields
 * set in the UI, or a CartonCloud sale order) end here, so every order is checked the same way
 * before it costs an API call.
 */
import { atMost, boolean, check, integer, list, notNegative, number, object, optional, partial, positive, requiredText, text, type Checked, type Issue } from './check';
import { toCountryName } from './countries';

/**
 * Not Starshipit rules but unit guards: a 2500 "kg" item or a 30 "m" box is almost always grams or
 * centimetres sent by mistake, and Starshipit would quote and invoice it as given.
 */
export const MAX_WEIGHT_KG = 1000;
export const MAX_DIMENSION_M = 10;

const weightKg = number(notNegative, atMost(MAX_WEIGHT_KG, `must be at most ${MAX_WEIGHT_KG}; weights are in kg (not grams)`));
const metres = number(notNegative, atMost(MAX_DIMENSION_M, `must be at most ${MAX_DIMENSION_M}; dimensions are in metres (e.g. 0.25), not centimetres`));
const line = (max: number) => optional(text(max));

const addressShape = {
	name: requiredText(100),
	company: line(100),
	email: line(100),
	phone: line(100),
	building: line(100),
	street: requiredText(100),
	suburb: requiredText(100),
	city: line(100),
	state: line(100),
	post_code: line(10),
	country: text(undefined, (v) => (v === '' ? 'is required' : toCountryName(v) === v ? undefined : `must be a country name Starshipit knows, such as "Australia" (got "${v}")`)),
	delivery_instructions: line(100),
	tax_number: line(20),
};
export const address = object(addressShape);

export const item = object({
	item_id: optional(number(integer)),
	description: line(500),
	sku: line(50),
	tariff_code: line(18),
	country_of_origin: line(50),
	quantity: number(positive),
	weight: optional(weightKg),
	value: optional(number(notNegative)),
});

export const packageRule = object({
	package_id: optional(number(integer)),
	weight: optional(weightKg),
	height: optional(metres),
	width: optional(metres),
	length: optional(metres),
});

const metadata = object({
	metafield_key: requiredText(100),
	value: text(),
});

export const starshipitOrder = object({
	order_number: requiredText(50),
	reference: line(50),
	order_date: optional(text(undefined, (v) => (Number.isNaN(Date.parse(v)) ? 'must be an ISO 8601 date-time' : undefined))),
	shipping_method: line(100),
	shipping_description: line(100),
	signature_required: optional(boolean),
	authority_to_leave: optional(boolean),
	dangerous_goods: optional(boolean),
	currency: optional(text(undefined, (v) => (/^[A-Za-z]{3}$/.test(v) ? undefined : 'must be a 3-letter currency code such as AUD'))),
	declared_value: optional(number(notNegative)),
	carrier: line(100),
	carrier_service_code: line(100),
	destination: address,
	sender_details: optional(partial(address)),
	items: optional(list(item)),
	packages: optional(list(packageRule)),
	metadatas: optional(list(metadata)),
});

export type StarshipitOrder = Checked<typeof starshipitOrder.shape>;
export type StarshipitAddress = Checked<typeof addressShape>;

/** `items[0].weight` style, as people read field paths. */
export function formatPath(path: ReadonlyArray<string | number>): string {
	return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

export function issueText(issue: Issue): string {
	return `${formatPath(issue.path) || 'order'}: ${issue.message}`;
}

export type OrderCheck = { ok: true; order: StarshipitOrder } | { ok: false; errors: string[] };

/**
 * Validates an order built in the UI (or by the mapping). Each error names the order and the
 * field, e.g. `Order SO-1001: destination.post_code: must be at most 10 characters`.
 */
export function validateStarshipitOrder(order: unknown, orderLabel?: string): OrderCheck {
	const checked = check(starshipitOrder, order);
	if (checked.issues.length === 0) return { ok: true, order: checked.value };
	const label = orderLabel ?? labelOf(order);
	return { ok: false, errors: checked.issues.map((issue) => `Order ${label}: ${issueText(issue)}`) };
}

function labelOf(order: unknown): string {
	const number = (order as { order_number?: unknown } | undefined)?.order_number;
	return typeof number === 'string' && number.trim() ? `"${number}"` : '(no order number)';
}
