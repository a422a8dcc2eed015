/**
 * Weights for sale orders, fetched in one batched step before the mapping (issue 13, point 4).
 *
 * A CartonCloud sale-order item carries `measures.quantity` only; weight lives on the warehouse
 * product, per unit of measure ("Weight per unit of measure"). So Get and Get Many read the
 * products of every order they return with `POST /warehouse-products/search`, one search per 50
 * product IDs (or codes), a few searches at a time, each product once per execution, and attach
 * what they found (weights, and dimensions as CartonCloud gives them) to each order as
 * `productMeasures`. The mapping to Starshipit (nodes/shared/mapping) reads it and stays
 * a pure function of its input.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { RequestContext } from '../../../shared/transport/request';
import { forEachInFlight } from '../../../shared/transport/inFlight';
import { anyOf, chunk, text } from '../../transport/conditions';
import { search } from '../../transport';
import type {
	ProductMeasures,
	SaleOrderProducts,
} from '../../../shared/mapping/saleOrderToStarshipit';

export const WAREHOUSE_PRODUCTS = '/warehouse-products';

/** Products per search: the OR list stays as short as the other batched look-ups. */
const PRODUCTS_PER_SEARCH = 50;

/**
 * Warehouse products carry length, width and height only from version 7 (the docs' Create example
 * sends 8; a public client found a version 1 PATCH silently drops them), so this one search asks
 * for 8 while every other call stays at the credential's 1. The docs' version 8 example has the
 * shape read here.
 */
const PRODUCT_VERSION = { 'Accept-Version': '8' };

export const addProductWeightsField: INodeProperties = {
	displayName: 'Add Product Weights',
	name: 'addProductWeights',
	type: 'boolean',
	default: true,
	// A simplified answer lists no items, so it needs no weights (node version 2).
	displayOptions: { hide: { output: ['simple'] } },
	description:
		'Whether to read the warehouse products of the returned sale orders (one search per 50 products) and add their weight per unit of measure (a carton without its own weight weighs its base quantity times the base unit) and their dimensions as CartonCloud gives them, as "productMeasures". Sale-order items carry no weight in CartonCloud; Starshipit needs it.',
};

const num = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

type Unit = ProductMeasures['unitsOfMeasure'][string];

/**
 * One product's units of measure as the mapping reads them. CartonCloud documents
 * `unitOfMeasures` as an object keyed by the tenant's own unit codes, with `defaultUnitOfMeasure`
 * naming one of them (api-docs.cartoncloud.com, Create Warehouse Product: `"units": {"baseQty": 1,
 * "weight": 1.2, ...}, "cartons": {"baseQty": 10}`); an entry's own `code`, where it has one, wins
 * over its key. A list of `{type|code, quantity|baseQty, weight}` is read too.
 *
 * Keys are lower-cased, so a sale-order line naming "UNITS" finds "units". A unit without a weight
 * (typically a carton with only `baseQty`) weighs baseQty x the base unit's weight (the unit with
 * baseQty 1, the default one first). Dimensions are carried as CartonCloud gives them: the docs
 * name no unit (public clients store millimetres), so nothing here turns them into metres.
 */
export function measuresOf(product: IDataObject): ProductMeasures {
	const raw = product.unitOfMeasures ?? product.unitsOfMeasure;
	const entries: Array<[string, IDataObject]> = [];
	if (Array.isArray(raw)) {
		for (const unit of raw)
			if (isObject(unit)) entries.push([textOf(unit.code) ?? textOf(unit.type) ?? 'UNITS', unit]);
	} else if (isObject(raw)) {
		for (const [key, unit] of Object.entries(raw))
			if (isObject(unit)) entries.push([textOf(unit.code) ?? key, unit]);
	}
	const units: Record<string, Unit> = {};
	for (const [code, unit] of entries) {
		const measures = isObject(unit.measures) ? unit.measures : unit;
		units[code.trim().toLowerCase()] = {
			weightKg: num(measures.weight),
			baseQty: num(unit.baseQty) ?? num(unit.quantity),
			length: num(measures.length),
			width: num(measures.width),
			height: num(measures.height),
		};
	}
	const named = textOf(product.defaultUnitOfMeasure)?.toLowerCase();
	const defaultUnit =
		named ?? (Object.keys(units).length === 1 ? Object.keys(units)[0] : undefined);
	const base = [defaultUnit ? units[defaultUnit] : undefined, ...Object.values(units)].find(
		(u) => u?.baseQty === 1 && u.weightKg !== undefined,
	);
	if (base?.weightKg !== undefined) {
		for (const unit of Object.values(units)) {
			if (unit.weightKg === undefined && unit.baseQty !== undefined)
				unit.weightKg = Math.round(unit.baseQty * base.weightKg * 1e6) / 1e6;
		}
	}
	const references = isObject(product.references) ? product.references : {};
	return {
		id: String(product.id ?? ''),
		code: textOf(references.code) ?? textOf(product.code),
		...(defaultUnit !== undefined ? { defaultUnit } : {}),
		unitsOfMeasure: units,
	};
}

function productKeysOf(order: IDataObject): { ids: string[]; codes: string[] } {
	const ids: string[] = [];
	const codes: string[] = [];
	for (const item of (order.items as IDataObject[] | undefined) ?? []) {
		const product =
			((item.details as IDataObject | undefined)?.product as IDataObject | undefined) ?? {};
		const code = (product.references as IDataObject | undefined)?.code;
		if (typeof product.id === 'string' && product.id) ids.push(product.id);
		else if (typeof code === 'string' && code) codes.push(code);
	}
	return { ids, codes };
}

/**
 * Adds `productMeasures` (keyed by product ID and by `code:<code>`) to every sale order among
 * `items`. Failed items are left alone; a product CartonCloud does not return is simply absent
 * (the mapping then reports the item as having no weight).
 */
export async function addProductMeasures(
	context: RequestContext,
	items: INodeExecutionData[],
): Promise<void> {
	const orders = items
		.map((item) => item.json)
		.filter((json) => Array.isArray(json.items) && json.error === undefined);
	const ids = new Set<string>();
	const codes = new Set<string>();
	for (const order of orders) {
		const keys = productKeysOf(order);
		keys.ids.forEach((id) => ids.add(id));
		keys.codes.forEach((code) => codes.add(code));
	}
	const catalogue = new Map<string, ProductMeasures>();
	const lookups: [string, string[]][] = [
		['/id', [...ids]],
		['/code', [...codes]],
	];
	// The searches do not depend on each other: a few go out at a time.
	const searches = lookups.flatMap(([pointer, values]) =>
		chunk(values, PRODUCTS_PER_SEARCH).map((part) => anyOf(part.map((v) => text(pointer, v)))),
	);
	await forEachInFlight(searches, async (condition) => {
		const found = await search(
			context,
			WAREHOUSE_PRODUCTS,
			condition,
			{ returnAll: true },
			PRODUCT_VERSION,
		);
		for (const product of found) {
			const measures = measuresOf(product);
			catalogue.set(measures.id, measures);
			if (measures.code) catalogue.set(`code:${measures.code}`, measures);
		}
	});
	for (const order of orders) {
		const keys = productKeysOf(order);
		const own: SaleOrderProducts = {};
		for (const id of keys.ids) if (catalogue.has(id)) own[id] = catalogue.get(id)!;
		for (const code of keys.codes)
			if (catalogue.has(`code:${code}`)) own[`code:${code}`] = catalogue.get(`code:${code}`)!;
		order.productMeasures = own as unknown as IDataObject;
	}
}
