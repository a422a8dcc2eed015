/**
 * What the mapping reads of a CartonCloud sale order (outbound order, reference cartoncloud-api
 * §3.2) and of its warehouse products: the shape of the parts it reads, checked where they lie and
 * never copied, and the small readers the mapping table's defaults share.
 */
import {
	list,
	nullish,
	number,
	object,
	optional,
	text,
	textOrNumber,
	type Checked,
	type Shape,
} from './rules';
import { cleanStrings } from './text';

/**
 * A warehouse product's measures per unit of measure, as the CartonCloud node reads them: per unit
 * code (lower-cased by the node, so a sale-order line's code matches whatever its case), the kg
 * per one of that unit (already derived as baseQty x the base unit's weight where CartonCloud has
 * none for the unit), its baseQty, and its dimensions exactly as CartonCloud gives them (the docs
 * name no unit, so they are only sent to Starshipit through the stated conversion of the
 * Packages option, never as they are).
 */
export interface ProductMeasures {
	id: string;
	code?: string;
	/** The product's `defaultUnitOfMeasure`, lower-cased like the keys (absent when CartonCloud names none). */
	defaultUnit?: string;
	unitsOfMeasure: Record<string, UnitMeasures>;
}

export interface UnitMeasures {
	weightKg?: number;
	baseQty?: number;
	length?: number;
	width?: number;
	height?: number;
}

/** Products keyed by product ID and by `code:<product code>`. */
export type SaleOrderProducts = Record<string, ProductMeasures>;

const nullableText = nullish(text());
const nullableNumber = nullish(number());

/** A part of the sale order: only read, so checked where it lies and never copied. */
const part = <S extends Shape>(shape: S) => object(shape, 'all');

/** Only the parts the mapping reads; everything else of the sale order is ignored. */
export const saleOrderShape = part({
	references: part({ customer: nullableText, numericId: nullish(textOrNumber) }),
	customer: nullish(
		part({ name: nullableText, references: nullish(part({ code: nullableText })) }),
	),
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
				country: nullish(
					part({ iso2Code: nullableText, iso3Code: nullableText, name: nullableText }),
				),
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
					product: part({
						id: nullableText,
						references: nullish(part({ code: nullableText })),
						name: nullableText,
					}),
					unitOfMeasure: nullish(part({ type: nullableText })),
					approximateUnitPrice: nullish(part({ amount: nullableNumber })),
				}),
				measures: part({ quantity: number(), weight: nullableNumber }),
			}),
		),
	),
	timestamps: nullish(part({ created: nullish(part({ time: nullableText })) })),
});

export type SaleOrder = Checked<typeof saleOrderShape.shape>;
export type SaleOrderLine = NonNullable<SaleOrder['items']>[number];

/** Trimmed text, or undefined when there is none. */
export const clean = (value: string | null | undefined): string | undefined => {
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
};

/** A reference or postcode CartonCloud sends as text or a number, as trimmed text. */
export const textOf = (value: string | number | null | undefined): string | undefined =>
	value === null || value === undefined ? undefined : String(value).trim() || undefined;

/** `Sale order "SO-1"`, as every error begins. */
export function orderLabelOf(saleOrder: unknown): string {
	const refs = (saleOrder as { references?: { customer?: unknown; numericId?: unknown } } | null)
		?.references;
	const value = refs?.customer ?? refs?.numericId;
	return `Sale order ${typeof value === 'string' || typeof value === 'number' ? `"${value}"` : '(no customer reference)'}`;
}

/** `timestamps.created.time` as given (cleaned) and in UTC, when it reads as a date. */
export function createdTimeOf(saleOrder: unknown): { text?: string; iso?: string } {
	const time = (saleOrder as { timestamps?: { created?: { time?: unknown } | null } | null } | null)
		?.timestamps?.created?.time;
	const given = typeof time === 'string' ? clean(cleanStrings(time, 'time')) : undefined;
	return {
		text: given,
		iso: given && !Number.isNaN(Date.parse(given)) ? new Date(given).toISOString() : undefined,
	};
}

/** The sale order's custom fields (`properties`, keyed by each field's Mapped Field name), when it has any. */
export function customFieldsOf(saleOrder: unknown): Record<string, unknown> | undefined {
	const properties = (saleOrder as { properties?: unknown } | null)?.properties;
	return properties && typeof properties === 'object' && !Array.isArray(properties)
		? (properties as Record<string, unknown>)
		: undefined;
}

/**
 * The warehouse product's unit of measure a line ships in: the line's own unit, whatever its case;
 * a line naming none (or a code the product does not have) takes the product's default unit, else
 * its only (or UNITS) unit.
 */
export function unitOf(line: SaleOrderLine, products: SaleOrderProducts): UnitMeasures | undefined {
	const id = clean(line.details.product.id);
	const code = clean(line.details.product.references?.code);
	const product = (id ? products[id] : undefined) ?? (code ? products[`code:${code}`] : undefined);
	const units = product?.unitsOfMeasure ?? {};
	const named = (type: string | undefined) =>
		type
			? Object.entries(units).find(([key]) => key.toLowerCase() === type.toLowerCase())?.[1]
			: undefined;
	return (
		named(clean(line.details.unitOfMeasure?.type)) ??
		named(product?.defaultUnit) ??
		named('UNITS') ??
		(Object.keys(units).length === 1 ? Object.values(units)[0] : undefined)
	);
}

/** Kilograms rounded to whole grams. */
export const grams = (kg: number) => Math.round(kg * 1000) / 1000;

/** Weight per unit in kg, rounded to grams: the product's, else a line weight, else the default. */
export function unitWeightOf(
	line: SaleOrderLine,
	products: SaleOrderProducts,
	fallback: number | undefined,
): number | undefined {
	const unit = unitOf(line, products);
	if (unit?.weightKg) return grams(unit.weightKg);
	const { quantity, weight } = line.measures;
	if (typeof weight === 'number' && weight > 0 && quantity > 0) return grams(weight / quantity);
	return typeof fallback === 'number' && fallback > 0 ? grams(fallback) : undefined;
}

/** The line's product, as errors name it: its code, else its name. */
export function lineLabelOf(line: SaleOrderLine): string {
	return (
		clean(line.details.product.references?.code) ??
		clean(line.details.product.name) ??
		'no product code'
	);
}
