/**
 * The one mapping from a CartonCloud sale order (outbound order, reference cartoncloud-api §3.2)
 * to a Starshipit order (starshipit-api §4.2–4.5). The Starshipit node's "From CartonCloud Sale
 * Order" input mode and the bundled workflows both call `mapSaleOrderToStarshipit`.
 *
 * Where each order field comes from is the mapping table (mappingTable.ts, also the docs' table):
 * every field takes its override when one is given and not empty, else its default from the sale
 * order, else (version 1's Order Fields) the value set on every order. Items come from the lines:
 * sku = product code, description = product name (else code), quantity, value = approximate unit
 * price, weight (kg per unit) = the warehouse product's weight for the line's unit of measure
 * (`productMeasures`, attached by the CartonCloud node's "Add Product Weights"), else a line
 * `measures.weight` / quantity, else the Default Item Weight; a line with none fails the order.
 * Every string is cleaned first (text.ts). Every error names the order and the field, in
 * CartonCloud's terms for a default and as the user set it for an override.
 */
import { valueAt } from '../paths';
import { check } from './rules';
import { FIELDS_BY_PATH, ITEM_FIELDS, ORDER_FIELDS } from './mappingTable';
import type { DefaultsContext, OrderField } from './orderField';
import { readOverride, type Overrides } from './overrides';
import { packagesFor, packagesOrigin, type PackagesOption } from './packages';
import {
	clean,
	createdTimeOf,
	customFieldsOf,
	lineLabelOf,
	orderLabelOf,
	saleOrderShape,
	unitWeightOf,
	type SaleOrder,
	type SaleOrderProducts,
} from './saleOrder';
import { formatPath, starshipitOrder, type StarshipitOrder } from './starshipitOrder';
import { cleanStrings } from './text';

export { toCountryName, toCountryCode } from './countries';
export { validateStarshipitOrder, type StarshipitOrder, type OrderCheck } from './starshipitOrder';
export type { ProductMeasures, SaleOrderProducts } from './saleOrder';
export type { FieldOverride, Overrides } from './overrides';
export type { PackagesOption } from './packages';

export interface SaleOrderMappingOptions
	extends Pick<DefaultsContext, 'orderNumberSource' | 'referenceSource' | 'longInstructions'> {
	/** Warehouse products of this order (default: the sale order's own `productMeasures`). */
	products?: SaleOrderProducts;
	/** Weight per unit (kg) for an item whose product has none; without it such an order fails. */
	defaultItemWeightKg?: number;
	/** Version 1's Order Fields: set on every mapped order where the sale order has no value. */
	defaults?: Partial<Omit<StarshipitOrder, 'order_number' | 'destination' | 'items'>>;
	/** Per field id, a value that replaces the default (version 2's Order Fields and Values per Customer). */
	overrides?: Overrides;
	/** Packages to send (default: none, Starshipit's rules decide). */
	packages?: PackagesOption;
	/** Errors also say what to do and how long a value too long was (version 2). */
	explain?: boolean;
}

export type MappingResult = { ok: true; order: StarshipitOrder } | { ok: false; errors: string[] };

/** The CartonCloud field each item field comes from, by Starshipit key. */
const ITEM_SOURCES: Record<string, string> = Object.fromEntries(
	ITEM_FIELDS.map((f) => [f.key, f.source]),
);

/** The field of the mapping table an issue's path falls in (`destination.street` of ['destination', 'street']). */
function fieldAt(path: ReadonlyArray<string | number>): OrderField | undefined {
	const [head, key] = path;
	return FIELDS_BY_PATH.get(
		head === 'destination' || head === 'sender_details' ? `${head}.${String(key)}` : String(head),
	);
}

/** Maps one CartonCloud sale order; every error names the order and the field. */
export function mapSaleOrderToStarshipit(
	rawSaleOrder: unknown,
	options: SaleOrderMappingOptions = {},
): MappingResult {
	// The one place text is cleaned: the sale order and the user's defaults, before anything is read.
	const saleOrder = cleanStrings(rawSaleOrder);
	const defaults = cleanStrings(options.defaults) as Record<string, unknown> | undefined;
	const products =
		options.products ??
		(saleOrder as { productMeasures?: SaleOrderProducts } | null)?.productMeasures ??
		{};
	const label = orderLabelOf(saleOrder);
	const read = check(saleOrderShape, saleOrder);
	if (read.issues.length)
		return {
			ok: false,
			errors: read.issues.map(
				(i) => `${label}: ${formatPath(i.path) || 'sale order'}: ${i.message}`,
			),
		};
	const so: SaleOrder = read.value;
	const errors: string[] = [];
	/** Fields whose default already reported its problem in CartonCloud's terms. */
	const reported = new Set<string>();
	/** Where a value came from when not from the sale order, by path (made only when there is one). */
	let origins: Map<string, { from: string; fix: string }> | undefined;
	let current: OrderField = ORDER_FIELDS[0];
	const context: DefaultsContext = {
		orderNumberSource: options.orderNumberSource,
		referenceSource: options.referenceSource,
		longInstructions: options.longInstructions,
		problem: (message) => {
			reported.add(current.path);
			errors.push(
				`${label}: ${message}${options.explain && current.fix ? `; ${current.fix}` : ''}`,
			);
		},
	};

	const order: Record<string, unknown> = { ...defaults };
	const destination: Record<string, unknown> = {};
	let sender: Record<string, unknown> | undefined;
	for (const f of ORDER_FIELDS) {
		let value: unknown;
		const override = options.overrides?.[f.id];
		if (override) {
			const given = readOverride(
				f,
				override.value,
				f.format === 'metadata' ? customFieldsOf(saleOrder) : undefined,
			);
			if (given.kind === 'wrong') {
				reported.add(f.path);
				errors.push(`${label}: ${f.label} (${override.from}): ${given.message}; ${override.fix}`);
				continue;
			}
			if (given.kind === 'value') {
				value = given.value;
				(origins ??= new Map()).set(f.path, override);
			}
		}
		if (value === undefined && f.from) {
			current = f;
			value = f.from(so, context);
		}
		if (f.group === 'order') {
			if (value === undefined && defaults?.[f.key] !== undefined) {
				value = defaults[f.key];
				(origins ??= new Map()).set(f.path, {
					from: 'Order Fields',
					fix: `change ${f.label} in Order Fields`,
				});
			}
			order[f.key] = value;
		} else if (f.group === 'destination') destination[f.key] = value;
		else if (value !== undefined) (sender ??= {})[f.key] = value;
	}
	order.destination = destination;
	if (sender) order.sender_details = sender;

	const lines = so.items ?? [];
	const items = lines.map((line, n) => {
		const code = clean(line.details.product.references?.code);
		const weight = unitWeightOf(line, products, options.defaultItemWeightKg);
		if (weight === undefined) {
			errors.push(
				`${label}: items[${n}] (${lineLabelOf(line)}): no weight — the warehouse product has no weight for this unit of measure (use the CartonCloud node's "Add Product Weights", or set a Default Item Weight)`,
			);
		}
		return {
			sku: code,
			description: clean(line.details.product.name) ?? code,
			quantity: line.measures.quantity,
			weight,
			value: line.details.approximateUnitPrice?.amount ?? undefined,
		};
	});
	order.items = items;
	if (options.packages) {
		const packages = packagesFor(options.packages, lines, items, products, (message) =>
			errors.push(`${label}: ${message}`),
		);
		if (packages) order.packages = packages;
	}

	const checked = check(starshipitOrder, order);
	for (const issue of checked.issues) {
		const message = issueMessage(issue.path, issue.message, order, options);
		if (message) errors.push(`${label}: ${message}`);
	}
	if (errors.length) return { ok: false, errors };
	return { ok: true, order: checked.value };

	/** An issue of the order's rules, in the terms of where its value came from; undefined when already reported. */
	function issueMessage(
		path: ReadonlyArray<string | number>,
		problem: string,
		built: unknown,
		{ explain, packages, orderNumberSource }: SaleOrderMappingOptions,
	): string | undefined {
		const [head, index, key] = path;
		const value = valueAt(built, path);
		const said =
			explain && typeof value === 'string' && problem.startsWith('must be at most')
				? `${problem} (got ${value.length})`
				: problem;
		if (head === 'items' && typeof index === 'number') {
			return `items[${index}].${ITEM_SOURCES[String(key)] ?? String(key)} (Starshipit ${formatPath(path)}): ${said}`;
		}
		if (head === 'packages' && packages)
			return `${formatPath(path)} (from ${packagesOrigin(packages)}): ${said}${explain ? '; check the Packages option' : ''}`;
		const f = fieldAt(path);
		if (!f) return `${formatPath(path)}: ${said}`;
		if (reported.has(f.path)) return undefined;
		const origin = origins?.get(f.path);
		if (origin) return `${f.label} (${origin.from}): ${said}${explain ? `; ${origin.fix}` : ''}`;
		const source =
			f.path === 'order_number' && orderNumberSource === 'numericId'
				? 'references.numericId'
				: (f.source ?? formatPath(path));
		const fix = f.fix
			? `; ${f.fix}, or override ${f.label}`
			: `; correct ${source} in CartonCloud, or override ${f.label}`;
		return `${source} (Starshipit ${formatPath(path)}): ${said}${explain ? fix : ''}`;
	}
}

/**
 * The order date a sale order maps to (its created time in UTC, else the default's), read without
 * mapping it: the existence check's listing starts at the earliest one before any order is built.
 * The mapping reads it the same way, so the two cannot disagree.
 */
export function saleOrderDate(
	saleOrder: unknown,
	defaults?: { order_date?: unknown },
): string | undefined {
	const date = createdTimeOf(saleOrder).iso ?? defaults?.order_date;
	return typeof date === 'string' ? date : undefined;
}
