/**
 * Warehouse-product routes (reference §8): get by id and search. Weight lives here, per unit of
 * measure ("Weight per unit of measure"), not on sale-order items (issue 13, point 4).
 *
 * The reply follows the docs' Create Warehouse Product example (api-docs.cartoncloud.com, "Create
 * Warehouse Product"; Get and Search answer "the response for create"): `defaultUnitOfMeasure`
 * names one key of `unitOfMeasures`, an OBJECT keyed by the tenant's own unit codes, each unit
 * `{baseQty, weight, barcode, length, width, height, isDirectlyShippable}` where set:
 *
 *   "defaultUnitOfMeasure": "cartons",
 *   "unitOfMeasures": { "units": { "baseQty": 1, "weight": 1.2, "barcode": "BARCODEUNITS", "length": 10.234,
 *     "width": 3.98, "height": 5.1, "isDirectlyShippable": true }, "cartons": { "baseQty": 10 }, ... }
 *
 * work-flowers/zapier-cartoncloud reads and patches `/unitOfMeasures/{defaultUnitOfMeasure}/weight`
 * under Accept-Version 1 against a live tenant (test/creates/update_product.test.js). Fields left
 * empty are left out (a third-party Python client: "GET omits unset dims"), and length, width and
 * height exist only from version 8 (the same client: "L/W/H are UoM fields ONLY in the
 * warehouse-products v8 schema ... a v1 PATCH ... silently drops length/width/height, confirmed
 * live"), so they are rendered only under Accept-Version 7 or 8.
 */
import type { SandboxRequest } from '../core/server.mts';
import type { CartonCloudSandbox } from './index.mts';
import { paginate } from './paging.mts';
import { compileSearch } from './search.mts';
import type { Product, ProductUnit } from './types.mts';
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

type RenderedUnit = Partial<Omit<ProductUnit, 'code'>>;

/** Rendered form of a product. */
export interface RenderedProduct {
	id: string;
	scope: 'WAREHOUSE';
	name: string;
	type: string;
	references: { code: string; barcode: string };
	customer: { id: string; name: string; references: { code: string } };
	details: { active: boolean; variableWeight: boolean };
	itemPropertyRequirements: Record<string, string>;
	defaultUnitOfMeasure: string;
	/** The documented map; the gentler `productUnitsShape: 'list'` switch answers the old list instead. */
	unitOfMeasures:
		| Record<string, RenderedUnit>
		| Array<{
				type: string;
				quantity: number;
				weight?: number;
				length?: number;
				width?: number;
				height?: number;
		  }>;
	timestamps: { created: { time: string }; modified: { time: string } };
}

/** Accept-Version as sent (the gate admits 1 everywhere and 7 or 8 on warehouse products). */
export function acceptVersion(req: SandboxRequest): number {
	const raw = req.headers['accept-version'];
	return Number((Array.isArray(raw) ? raw[0] : raw) ?? '1') || 1;
}

function renderUnit(p: Product, u: ProductUnit, version: number): RenderedUnit {
	const out: RenderedUnit = { baseQty: u.baseQty };
	if (u.weight !== undefined) out.weight = u.weight;
	// D: "If the base unit of measure barcode is not provided, the product code will automatically be applied".
	const barcode = u.barcode ?? (u.code === baseUnitOf(p)?.code ? p.barcode : undefined);
	if (barcode !== undefined) out.barcode = barcode;
	if (version >= 7) {
		for (const key of ['length', 'width', 'height', 'isDirectlyShippable'] as const)
			if (u[key] !== undefined) (out as Record<string, unknown>)[key] = u[key];
	}
	return out;
}

function baseUnitOf(p: Product): ProductUnit | undefined {
	return p.units.find((u) => u.baseQty === 1);
}

export function renderProduct(sb: CartonCloudSandbox, p: Product, version = 1): RenderedProduct {
	const customer = sb.world.customers.find((c) => c.id === p.customerId);
	const time = sb.world.productsCreated;
	const units =
		sb.config.productUnitsShape === 'list'
			? p.units.map((u) => ({
					type: u.code,
					quantity: u.baseQty,
					...(u.weight !== undefined ? { weight: u.weight } : {}),
					...(version >= 7 ? { length: u.length, width: u.width, height: u.height } : {}),
				}))
			: Object.fromEntries(p.units.map((u) => [u.code, renderUnit(p, u, version)]));
	return {
		id: p.id,
		scope: 'WAREHOUSE',
		name: p.name,
		type: p.type,
		references: { code: p.code, barcode: p.barcode },
		customer: {
			id: p.customerId,
			name: customer?.name ?? '',
			references: { code: customer?.references.code ?? '' },
		},
		details: { active: true, variableWeight: false },
		itemPropertyRequirements: {},
		defaultUnitOfMeasure: p.defaultUnit,
		unitOfMeasures: units,
		timestamps: { created: { time }, modified: { time } },
	};
}

export function registerProducts(sb: CartonCloudSandbox): void {
	const server = sb.server;

	server.route('GET', `${BASE}/:id`, (req) => {
		const product =
			sb.world.products.find((p) => p.id === req.params.id) ?? notFound('Warehouse Product');
		return { status: 200, body: renderProduct(sb, product, acceptVersion(req)) };
	});

	server.route('POST', `${BASE}/search`, (req) => {
		const rules = sb.searchRules(req, 'POST /warehouse-products/search', {}, PRODUCT_POINTERS);
		const predicate = compileSearch(jsonBody(req), rules);
		const version = acceptVersion(req);
		// `/code` is a documented search key although no documented reply has a top-level `code`
		// (the code is `references.code`): the search sees it, the reply does not carry it.
		const found = sb.world.products.filter((p) =>
			predicate({ ...renderProduct(sb, p, version), code: p.code }),
		);
		return paginate(req, found, sb.paging, (p) => renderProduct(sb, p, version));
	});
}
