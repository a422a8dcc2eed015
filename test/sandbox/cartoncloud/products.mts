/**
 * Warehouse-product routes (reference §8): get by id and search. Weight lives here, per unit of
 * measure ("Weight per unit of measure"), not on sale-order items (issue 13, point 4).
 */
import type { CartonCloudSandbox } from './index.mts';
import { paginate } from './paging.mts';
import { compileSearch } from './search.mts';
import type { Product } from './types.mts';
import { jsonBody, notFound } from './util.mts';

const BASE = '/tenants/:tenantId/warehouse-products';

/** The documented warehouse-product search pointers (reference §8). */
const PRODUCT_POINTERS = [
	'/id',
	'/code',
	'/name',
	'/customer/id',
	'/customer/name',
	'/details/active',
	'/timestamps/created/time',
	'/timestamps/modified/time',
] as const;

/** Rendered (and searched) form of a product. */
export interface RenderedProduct {
	id: string;
	code: string;
	name: string;
	customer: { id: string; name: string };
	references: { code: string; barcode: string };
	details: { active: boolean };
	/**
	 * UNCONFIRMED: the JSON shape of a unit of measure. The docs name "Weight per unit of
	 * measure"; we render each unit with its base quantity, weight (kg) and, where the product
	 * has them, dimensions (m) and volume (m3). Only the base unit (UNITS) is rendered.
	 */
	unitOfMeasures: { type: string; quantity: number; weight: number; volume: number; length?: number; width?: number; height?: number }[];
	timestamps: { created: { time: string }; modified: { time: string } };
}

export function renderProduct(sb: CartonCloudSandbox, p: Product): RenderedProduct {
	const customer = sb.world.customers.find((c) => c.id === p.customerId);
	const unit = { type: 'UNITS', quantity: 1, weight: p.unitWeightKg, volume: p.unitCubicM3, ...(p.dimensionsM ?? {}) };
	const time = sb.world.productsCreated;
	return {
		id: p.id,
		code: p.code,
		name: p.name,
		customer: { id: p.customerId, name: customer?.name ?? '' },
		references: { code: p.code, barcode: p.barcode },
		details: { active: true },
		unitOfMeasures: [unit],
		timestamps: { created: { time }, modified: { time } },
	};
}

export function registerProducts(sb: CartonCloudSandbox): void {
	const server = sb.server;

	server.route('GET', `${BASE}/:id`, (req) => {
		const product = sb.world.products.find((p) => p.id === req.params.id) ?? notFound('Warehouse Product');
		return { status: 200, body: renderProduct(sb, product) };
	});

	server.route('POST', `${BASE}/search`, (req) => {
		const rules = sb.searchRules(req, 'POST /warehouse-products/search', {}, PRODUCT_POINTERS);
		const predicate = compileSearch(jsonBody(req), rules);
		const rendered = sb.world.products.map((p) => renderProduct(sb, p)).filter(predicate);
		return paginate(req, rendered, sb.paging, (p) => p);
	});
}
