/**
 * The Starshipit order a create or import call sends, as rules carrying the documented limits
 * (reference §4.2–4.5): order_number 1–50, reference ≤50, post_code ≤10, address lines ≤100,
 * country as a NAME, weights in kg and dimensions in metres. The order-level and address fields
 * take their types and limits from the mapping table (mappingTable.ts), where they are written
 * once. Both input modes of the node (fields set in the UI, or a CartonCloud sale order) end here,
 * so every order is checked the same way before it costs an API call.
 */
import {
	atMost,
	boolean,
	check,
	integer,
	list,
	notNegative,
	number,
	object,
	optional,
	partial,
	positive,
	requiredText,
	text,
	type Checked,
	type Issue,
	type OptionalRule,
	type Rule,
	type Shape,
} from './rules';
import { toCountryName } from './countries';
import { ORDER_FIELDS } from './mappingTable';
import type { FieldGroup, OrderField } from './orderField';

/**
 * Not Starshipit rules but unit guards: a 2500 "kg" item or a 30 "m" box is almost always grams or
 * centimetres sent by mistake, and Starshipit would quote and invoice it as given.
 */
export const MAX_WEIGHT_KG = 1000;
export const MAX_DIMENSION_M = 10;

const weightKg = number(
	notNegative,
	atMost(MAX_WEIGHT_KG, `must be at most ${MAX_WEIGHT_KG}; weights are in kg (not grams)`),
);
const metres = number(
	notNegative,
	atMost(
		MAX_DIMENSION_M,
		`must be at most ${MAX_DIMENSION_M}; dimensions are in metres (e.g. 0.25), not centimetres`,
	),
);
const line = (max: number) => optional(text(max));

const FORMATS: Record<string, (v: string) => string | undefined> = {
	country: (v) =>
		v === ''
			? 'is required'
			: toCountryName(v) === v
				? undefined
				: `must be a country name Starshipit knows, such as "Australia" (got "${v}")`,
	currency: (v) =>
		/^[A-Za-z]{3}$/.test(v) ? undefined : 'must be a 3-letter currency code such as AUD',
	date: (v) => (Number.isNaN(Date.parse(v)) ? 'must be an ISO 8601 date-time' : undefined),
};

/** The rule of one field of the mapping table: its type, its limit, its format. */
function ruleOf(f: OrderField): Rule<unknown> {
	if (f.type === 'boolean') return optional(boolean);
	if (f.type === 'number') return optional(number(notNegative));
	const format = f.format ? FORMATS[f.format] : undefined;
	if (format)
		return f.format === 'country' ? text(undefined, format) : optional(text(undefined, format));
	return f.required
		? requiredText(f.max ?? Number.MAX_SAFE_INTEGER)
		: line(f.max ?? Number.MAX_SAFE_INTEGER);
}

const shapeOf = (group: FieldGroup): Shape =>
	Object.fromEntries(
		ORDER_FIELDS.filter((f) => f.group === group && f.format !== 'metadata').map((f) => [
			f.key,
			ruleOf(f),
		]),
	);

type AddressShape = {
	name: Rule<string>;
	street: Rule<string>;
	suburb: Rule<string>;
	country: Rule<string>;
} & {
	[K in
		| 'company'
		| 'email'
		| 'phone'
		| 'building'
		| 'city'
		| 'state'
		| 'post_code'
		| 'delivery_instructions'
		| 'tax_number']: OptionalRule<string>;
};

const addressShape = shapeOf('destination') as AddressShape;
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

type OrderShape = {
	order_number: Rule<string>;
	signature_required: OptionalRule<boolean>;
	authority_to_leave: OptionalRule<boolean>;
	dangerous_goods: OptionalRule<boolean>;
	declared_value: OptionalRule<number>;
} & {
	[K in
		| 'reference'
		| 'order_date'
		| 'shipping_method'
		| 'shipping_description'
		| 'currency'
		| 'carrier'
		| 'carrier_service_code']: OptionalRule<string>;
};

export const starshipitOrder = object({
	...(shapeOf('order') as OrderShape),
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
	return path.reduce<string>(
		(out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
		'',
	);
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
	return {
		ok: false,
		errors: checked.issues.map((issue) => `Order ${label}: ${issueText(issue)}`),
	};
}

function labelOf(order: unknown): string {
	const number = (order as { order_number?: unknown } | undefined)?.order_number;
	return typeof number === 'string' && number.trim() ? `"${number}"` : '(no order number)';
}
