/**
 * The one mapping from a CartonCloud sale order (outbound order, reference cartoncloud-api §3.2)
 * to a Starshipit order (starshipit-api §4.2–4.5). The Starshipit node's "From CartonCloud Sale
 * Order" input mode and the bundled workflows both call `mapSaleOrderToStarshipit`.
 *
 * Field choices (documented in the README):
 * - order_number: `references.customer` (default) or `references.numericId`; never truncated (it is
 *   the key that finds the order again) — over 50 characters is an error.
 * - reference: the customer's name, cut to 50 characters (it is only shown, never matched on).
 * - destination.name: contactName, else companyName; company: companyName when both are set.
 *   street: address1; building: address2; suburb: suburb, else city; state: state.code, else name.
 * - destination.country: country{iso2Code|iso3Code|name} (first one present, as CartonCloud reads
 *   it) turned into the country NAME Starshipit wants; unknown → error.
 * - delivery_instructions: `details.deliver.instructions`; over 100 characters → cut to 100
 *   (default; the full text stays in CartonCloud) or an error, per option.
 * - items: sku = product.references.code, description = product.name (else code), quantity =
 *   measures.quantity, value = approximateUnitPrice.amount. weight (kg per unit) = the warehouse
 *   product's weight for the item's unit of measure (`products`, fetched in one batched step by
 *   the CartonCloud node's "Add Product Weights", attached to the sale order as
 *   `productMeasures`), else a line `measures.weight` / quantity if a tenant sends one, else the
 *   Default Item Weight; an item with none of these fails the order, naming order and item.
 * - every string is cleaned first (text.ts): no NUL, control or zero-width characters, no line
 *   breaks in single-line fields.
 * - shipping_method: `details.deliver.method.requestedService` (Starshipit rules match on it).
 * - order_date: `timestamps.created.time` in UTC; currency: invoiceValue.currency.
 */
import { check, list, nullish, number, object, optional, text, textOrNumber, type Checked, type Shape } from './check';
import { toCountryName } from './countries';
import { cleanStrings } from './text';
import { formatPath, starshipitOrder, type StarshipitOrder } from './starshipitOrder';

export { toCountryName, toCountryCode } from './countries';
export { validateStarshipitOrder, type StarshipitOrder, type OrderCheck } from './starshipitOrder';

export interface SaleOrderMappingOptions {
	/** Which CartonCloud reference becomes Starshipit's order_number. */
	orderNumberSource?: 'customerReference' | 'numericId' | 'customerCodeAndReference';
	/** Put the customer's name into `reference` (default) or leave it empty. */
	referenceSource?: 'customerName' | 'none';
	/** Delivery instructions over 100 characters: cut (default) or fail. */
	longInstructions?: 'truncate' | 'error';
	/** Warehouse products of this order (default: the sale order's own `productMeasures`). */
	products?: SaleOrderProducts;
	/** Weight per unit (kg) for an item whose product has none; without it such an order fails. */
	defaultItemWeightKg?: number;
	/** Set on every mapped order (carrier, service code, signature…); mapped fields win where both exist. */
	defaults?: Partial<Omit<StarshipitOrder, 'order_number' | 'destination' | 'items'>>;
}

/**
 * A warehouse product's measures per unit of measure, as the CartonCloud node reads them: per unit
 * code (lower-cased by the node, so a sale-order line's code matches whatever its case), the kg
 * per one of that unit (already derived as baseQty x the base unit's weight where CartonCloud has
 * none for the unit), its baseQty, and its dimensions exactly as CartonCloud gives them (the docs
 * name no unit, so they are never sent to Starshipit as they are).
 */
export interface ProductMeasures {
	id: string;
	code?: string;
	/** The product's `defaultUnitOfMeasure`, lower-cased like the keys (absent when CartonCloud names none). */
	defaultUnit?: string;
	unitsOfMeasure: Record<string, { weightKg?: number; baseQty?: number; length?: number; width?: number; height?: number }>;
}

/** Products keyed by product ID and by `code:<product code>`. */
export type SaleOrderProducts = Record<string, ProductMeasures>;

export type MappingResult = { ok: true; order: StarshipitOrder } | { ok: false; errors: string[] };

const nullableText = nullish(text());
const nullableNumber = nullish(number());

/** A part of the sale order: only read, so checked where it lies and never copied. */
const part = <S extends Shape>(shape: S) => object(shape, 'all');

/** Only the parts the mapping reads; everything else of the sale order is ignored. */
const saleOrderShape = part({
	references: part({ customer: nullableText, numericId: nullish(textOrNumber) }),
	customer: nullish(part({ name: nullableText })),
	details: part({
		deliver: part({
			address: part({
				companyName: nullableText,
				contactName: nullableText,
				address1: nullableText,
				address2: nullableText,
				suburb: nullableText,
				city: nullableText,
				postcode: nullish(textOrNumber),
				phone: nullableText,
				email: nullableText,
				state: nullish(part({ code: nullableText, name: nullableText })),
				country: nullish(part({ iso2Code: nullableText, iso3Code: nullableText, name: nullableText })),
			}),
			instructions: nullableText,
			method: nullish(part({ requestedService: nullableText })),
		}),
		invoiceValue: nullish(part({ amount: nullableNumber, currency: nullableText })),
	}),
	items: optional(
		list(
			part({
				details: part({
					product: part({ id: nullableText, references: nullish(part({ code: nullableText })), name: nullableText }),
					unitOfMeasure: nullish(part({ type: nullableText })),
					approximateUnitPrice: nullish(part({ amount: nullableNumber })),
				}),
				measures: part({ quantity: number(), weight: nullableNumber }),
			}),
		),
	),
	timestamps: nullish(part({ created: nullish(part({ time: nullableText })) })),
});

type SaleOrder = Checked<typeof saleOrderShape.shape>;

/** Starshipit field → the CartonCloud field it came from, so errors point at what the user can fix. */
function sourcePath(path: ReadonlyArray<string | number>, orderNumberSource: string): string {
	const [head, index, field] = path;
	if (head === 'order_number') return orderNumberSource === 'numericId' ? 'references.numericId' : 'references.customer';
	if (head === 'reference') return 'customer.name';
	if (head === 'shipping_method') return 'details.deliver.method.requestedService';
	if (head === 'destination') {
		const from: Record<string, string> = {
			name: 'contactName (or companyName)',
			company: 'companyName',
			street: 'address1',
			building: 'address2',
			suburb: 'suburb (or city)',
			city: 'city',
			state: 'state',
			post_code: 'postcode',
			country: 'country',
			phone: 'phone',
			email: 'email',
		};
		if (index === 'delivery_instructions') return 'details.deliver.instructions';
		return `details.deliver.address.${from[String(index)] ?? String(index)}`;
	}
	if (head === 'items' && typeof index === 'number') {
		const from: Record<string, string> = {
			sku: 'details.product.references.code',
			description: 'details.product.name',
			quantity: 'measures.quantity',
			weight: 'measures.weight',
			value: 'details.approximateUnitPrice.amount',
		};
		return `items[${index}].${from[String(field)] ?? String(field)}`;
	}
	return formatPath(path);
}

const clean = (value: string | null | undefined): string | undefined => {
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
};

function orderLabelOf(saleOrder: unknown): string {
	const refs = (saleOrder as { references?: { customer?: unknown; numericId?: unknown } } | null)?.references;
	const value = refs?.customer ?? refs?.numericId;
	return typeof value === 'string' || typeof value === 'number' ? `"${value}"` : '(no customer reference)';
}

/** Maps one CartonCloud sale order; every error names the order and the field. */
export function mapSaleOrderToStarshipit(rawSaleOrder: unknown, rawOptions: SaleOrderMappingOptions = {}): MappingResult {
	// The one place text is cleaned: the sale order and the user's defaults, before anything is read.
	const saleOrder = cleanStrings(rawSaleOrder);
	const options = { ...rawOptions, defaults: cleanStrings(rawOptions.defaults) };
	const products = rawOptions.products ?? ((saleOrder as { productMeasures?: SaleOrderProducts } | null)?.productMeasures ?? {});
	const label = `Sale order ${orderLabelOf(saleOrder)}`;
	const read = check(saleOrderShape, saleOrder);
	if (read.issues.length) return { ok: false, errors: read.issues.map((i) => `${label}: ${formatPath(i.path) || 'sale order'}: ${i.message}`) };
	const so: SaleOrder = read.value;
	const errors: string[] = [];
	const orderNumberSource = options.orderNumberSource ?? 'customerReference';
	const address = so.details.deliver.address;

	// Customer references are unique per customer, not per tenant: the code prefix keeps two customers apart.
	const customerCode = clean((so.customer as { references?: { code?: string | null } } | null | undefined)?.references?.code);
	const orderNumber =
		orderNumberSource === 'numericId'
			? so.references.numericId
			: orderNumberSource === 'customerCodeAndReference'
				? customerCode && clean(so.references.customer) && `${customerCode}-${clean(so.references.customer)}`
				: so.references.customer;

	// CartonCloud tries only the first country property supplied; so do we.
	const countryValue = clean(address.country?.iso2Code) ?? clean(address.country?.iso3Code) ?? clean(address.country?.name);
	const country = toCountryName(countryValue);
	if (!countryValue) errors.push(`${label}: details.deliver.address.country: is required`);
	else if (!country) errors.push(`${label}: details.deliver.address.country: unknown country "${countryValue}" (use an ISO code or a country name)`);

	let instructions = clean(so.details.deliver.instructions);
	if (instructions && instructions.length > 100) {
		if (options.longInstructions === 'error') {
			errors.push(`${label}: details.deliver.instructions: must be at most 100 characters for Starshipit (got ${instructions.length})`);
		} else {
			instructions = instructions.slice(0, 100);
		}
	}

	const contact = clean(address.contactName);
	const company = clean(address.companyName);
	const customerName = clean(so.customer?.name);
	const created = createdTimeOf(so);
	// A date that cannot be read is bad input, not "now": the order date also bounds the existence
	// check's listing (an order dated today would hide an older copy).
	if (created.text && !created.iso) errors.push(`${label}: timestamps.created.time: "${created.text}" is not a date`);

	const order: Record<string, unknown> = {
		...options.defaults,
		order_number: orderNumber === null || orderNumber === undefined ? undefined : String(orderNumber).trim(),
		reference: options.referenceSource === 'none' ? options.defaults?.reference : customerName?.slice(0, 50) ?? options.defaults?.reference,
		order_date: created.iso ?? options.defaults?.order_date,
		shipping_method: clean(so.details.deliver.method?.requestedService) ?? options.defaults?.shipping_method,
		currency: clean(so.details.invoiceValue?.currency) ?? options.defaults?.currency,
		destination: {
			name: contact ?? company,
			company: contact && company ? company : undefined,
			street: clean(address.address1),
			building: clean(address.address2),
			suburb: clean(address.suburb) ?? clean(address.city),
			city: clean(address.city),
			state: clean(address.state?.code) ?? clean(address.state?.name),
			post_code: address.postcode === null || address.postcode === undefined ? undefined : String(address.postcode).trim() || undefined,
			country: country ?? countryValue ?? '',
			phone: clean(address.phone),
			email: clean(address.email),
			delivery_instructions: instructions,
		},
		items: (so.items ?? []).map((line, n) => {
			const { quantity } = line.measures;
			const code = clean(line.details.product.references?.code);
			const weight = unitWeightOf(line, products, options.defaultItemWeightKg);
			if (weight === undefined) {
				errors.push(
					`${label}: items[${n}] (${code ?? clean(line.details.product.name) ?? 'no product code'}): no weight — the warehouse product has no weight for this unit of measure (use the CartonCloud node's "Add Product Weights", or set a Default Item Weight)`,
				);
			}
			return {
				sku: code,
				description: clean(line.details.product.name) ?? code,
				quantity,
				weight,
				value: line.details.approximateUnitPrice?.amount ?? undefined,
			};
		}),
	};

	const checked = check(starshipitOrder, order);
	if (checked.issues.length) {
		for (const issue of checked.issues) {
			const source = sourcePath(issue.path, orderNumberSource);
			// The country was already reported in CartonCloud's terms above.
			if (country === undefined && source === 'details.deliver.address.country') continue;
			errors.push(`${label}: ${source} (Starshipit ${formatPath(issue.path)}): ${issue.message}`);
		}
	}
	if (errors.length || checked.issues.length) return { ok: false, errors };
	return { ok: true, order: checked.value };
}

/** `timestamps.created.time` as given (cleaned) and in UTC, when it reads as a date. */
function createdTimeOf(saleOrder: unknown): { text?: string; iso?: string } {
	const time = (saleOrder as { timestamps?: { created?: { time?: unknown } | null } | null } | null)?.timestamps?.created?.time;
	const text = typeof time === 'string' ? clean(cleanStrings(time, 'time')) : undefined;
	return { text, iso: text && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : undefined };
}

/**
 * The order date a sale order maps to (its created time in UTC, else the default's), read without
 * mapping it: the existence check's listing starts at the earliest one before any order is built.
 * The mapping reads it the same way, so the two cannot disagree.
 */
export function saleOrderDate(saleOrder: unknown, defaults?: { order_date?: unknown }): string | undefined {
	const date = createdTimeOf(saleOrder).iso ?? defaults?.order_date;
	return typeof date === 'string' ? date : undefined;
}

type SaleOrderLine = NonNullable<SaleOrder['items']>[number];

/** Weight per unit in kg, rounded to grams: the product's, else a line weight, else the default. */
function unitWeightOf(line: SaleOrderLine, products: SaleOrderProducts, fallback: number | undefined): number | undefined {
	const id = clean(line.details.product.id);
	const code = clean(line.details.product.references?.code);
	const product = (id ? products[id] : undefined) ?? (code ? products[`code:${code}`] : undefined);
	const units = product?.unitsOfMeasure ?? {};
	// The item's own unit of measure, whatever its case; an item naming none (or a code the product
	// does not have) takes the product's default unit, else its only (or UNITS) unit.
	const named = (type: string | undefined) => (type ? Object.entries(units).find(([key]) => key.toLowerCase() === type.toLowerCase())?.[1] : undefined);
	const unit =
		named(clean(line.details.unitOfMeasure?.type)) ??
		named(product?.defaultUnit) ??
		named('UNITS') ??
		(Object.keys(units).length === 1 ? Object.values(units)[0] : undefined);
	const round = (kg: number) => Math.round(kg * 1000) / 1000;
	if (unit?.weightKg) return round(unit.weightKg);
	const { quantity, weight } = line.measures;
	if (typeof weight === 'number' && weight > 0 && quantity > 0) return round(weight / quantity);
	return typeof fallback === 'number' && fallback > 0 ? round(fallback) : undefined;
}
