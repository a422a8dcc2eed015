/**
 * Weights for sale orders, fetched in one batched step before the mapping (issue 13, point 4).
 *
 * A CartonCloud sale-order item carries `measures.quantity` only; weight lives on the warehouse
 * product, per unit of measure ("Weight per unit of measure"). So Get and Get Many read the
 * products of every order they return with `POST /warehouse-products/search`, one search per 50
 * product IDs (or codes), a few searches at a time, each product once per execution, and attach
 * what they found to each order as `productMeasures`. The mapping to Starshipit (nodes/shared/mapping) reads it and stays
 * a pure function of its input.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { RequestContext } from '../../../shared/transport/request';
import { forEachInFlight } from '../../../shared/transport/inFlight';
import { anyOf, chunk, text } from '../../transport/conditions';
import { search } from '../../transport';
import type { ProductMeasures, SaleOrderProducts } from '../../../shared/mapping/saleOrderToStarshipit';

export const WAREHOUSE_PRODUCTS = '/warehouse-products';

/** Products per search: the OR list stays as short as the other batched look-ups. */
const PRODUCTS_PER_SEARCH = 50;

export const addProductWeightsField: INodeProperties = {
	displayName: 'Add Product Weights',
	name: 'addProductWeights',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the warehouse products of the returned sale orders (one search per 50 products) and add their weight and dimensions per unit of measure as "productMeasures". Sale-order items carry no weight in CartonCloud; Starshipit needs it.',
};

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);

/** One product's units of measure as the mapping reads them. */
export function measuresOf(product: IDataObject): ProductMeasures {
	const units: ProductMeasures['unitsOfMeasure'] = {};
	const list = (product.unitOfMeasures ?? product.unitsOfMeasure ?? []) as IDataObject[];
	for (const unit of Array.isArray(list) ? list : []) {
		const measures = (unit.measures as IDataObject | undefined) ?? unit;
		const type = typeof unit.type === 'string' ? unit.type : 'UNITS';
		units[type] = {
			weightKg: num(measures.weight),
			lengthM: num(measures.length),
			widthM: num(measures.width),
			heightM: num(measures.height),
		};
	}
	return { id: String(product.id ?? ''), code: typeof product.code === 'string' ? product.code : undefined, unitsOfMeasure: units };
}

function productKeysOf(order: IDataObject): { ids: string[]; codes: string[] } {
	const ids: string[] = [];
	const codes: string[] = [];
	for (const item of (order.items as IDataObject[] | undefined) ?? []) {
		const product = ((item.details as IDataObject | undefined)?.product as IDataObject | undefined) ?? {};
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
export async function addProductMeasures(context: RequestContext, items: INodeExecutionData[]): Promise<void> {
	const orders = items.map((item) => item.json).filter((json) => Array.isArray(json.items) && json.error === undefined);
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
	const searches = lookups.flatMap(([pointer, values]) => chunk(values, PRODUCTS_PER_SEARCH).map((part) => anyOf(part.map((v) => text(pointer, v)))));
	await forEachInFlight(searches, async (condition) => {
		const found = await search(context, WAREHOUSE_PRODUCTS, condition, { returnAll: true });
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
		for (const code of keys.codes) if (catalogue.has(`code:${code}`)) own[`code:${code}`] = catalogue.get(`code:${code}`)!;
		order.productMeasures = own as unknown as IDataObject;
	}
}
