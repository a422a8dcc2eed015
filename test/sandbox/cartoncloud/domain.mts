/**
 * Behaviour shared by the API, the control API and the seed: status changes with their
 * timestamps, and consignment generation from a packed sale order (KB-gen).
 */
import type {
	Consignment,
	Customer,
	CustomerRef,
	OutboundOrder,
	OutboundStatus,
	Product,
	ProductUnit,
	World,
} from './types.mts';
import { clone, formatTime } from './util.mts';

export function customerRef(c: Customer): CustomerRef {
	return { id: c.id, name: c.name, enabled: c.enabled, references: { code: c.references.code } };
}

/** Stable result order for searches and lists: created time, then id. */
export function byCreated<T extends { id: string; timestamps?: { created?: { time: string } } }>(
	a: T,
	b: T,
): number {
	const ta = Date.parse(a.timestamps?.created?.time ?? '') || 0;
	const tb = Date.parse(b.timestamps?.created?.time ?? '') || 0;
	return ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type Dated = { id: string; timestamps?: { created?: { time: string } } };

/** Per entity map: its values in insertion order with their created times, and the same values sorted. */
const createdOrder = new WeakMap<
	Map<string, Dated>,
	{ inserted: Dated[]; times: Array<string | undefined>; sorted: Dated[] }
>();

/**
 * The values of `entities` in `byCreated` order. The sorted order is kept while no entity was
 * added, removed, replaced or re-dated (checked in one pass): a search over 10,000 orders would
 * otherwise parse and sort 10,000 dates for every page it serves, and the sandbox's own slowness
 * would pass for the client's in the bench. Callers must not change the returned array.
 */
export function valuesByCreated<T extends Dated>(entities: Map<string, T>): readonly T[] {
	const cached = createdOrder.get(entities);
	if (cached && cached.inserted.length === entities.size) {
		let unchanged = true;
		let i = 0;
		for (const entity of entities.values()) {
			if (cached.inserted[i] !== entity || cached.times[i] !== entity.timestamps?.created?.time) {
				unchanged = false;
				break;
			}
			i++;
		}
		if (unchanged) return cached.sorted as T[];
	}
	const inserted = [...entities.values()];
	const sorted = inserted
		.map((entity) => ({ entity, time: Date.parse(entity.timestamps?.created?.time ?? '') || 0 }))
		.sort(
			(a, b) =>
				a.time - b.time || (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0),
		)
		.map(({ entity }) => entity);
	createdOrder.set(entities, {
		inserted,
		times: inserted.map((entity) => entity.timestamps?.created?.time),
		sorted,
	});
	return sorted;
}

/**
 * The product's unit a sale-order line names, its code matched without regard to case (the
 * docs' own examples name UNITS on a line and key the product's units "units"); no name means
 * the product's default unit (D: "If not provided the default for the product will be used").
 */
export function productUnit(product: Product, type?: string | null): ProductUnit | undefined {
	const wanted = (type ?? '').trim().toLowerCase() || product.defaultUnit.toLowerCase();
	return product.units.find((u) => u.code.toLowerCase() === wanted);
}

/** kg per one of `unit`: its own weight, else baseQty x the base unit's (the unit with baseQty 1). */
export function unitWeight(product: Product, unit: ProductUnit | undefined): number | undefined {
	if (!unit) return undefined;
	if (unit.weight !== undefined) return unit.weight;
	const base = product.units.find((u) => u.baseQty === 1 && u.weight !== undefined);
	return base?.weight === undefined ? undefined : round(unit.baseQty * base.weight, 6);
}

export function consignmentForOrder(world: World, orderId: string): Consignment | undefined {
	for (const c of world.consignments.values()) if (c.generatedFromTask?.id === orderId) return c;
	return undefined;
}

/**
 * Builds the consignment CartonCloud generates for a sale order.
 * UNCONFIRMED: the consignment copies the sale order's `references.customer` and `customer`, so a
 * client can map it back; tracking is absent until a client writes it.
 */
export function consignmentFromOrder(
	world: World,
	order: OutboundOrder,
	id: string,
	status: string,
): Consignment {
	const warehouse =
		world.warehouses.find((w) => w.id === order.warehouse.id) ?? world.warehouses[0];
	const products = new Map(world.products.map((p) => [p.id, p]));
	return {
		id,
		type: 'CONSIGNMENT',
		status,
		version: 1,
		references: { customer: order.references.customer },
		customer: clone(order.customer),
		warehouse: clone(order.warehouse),
		details: {
			type: 'DELIVERY',
			collect: { address: clone(warehouse.address) },
			deliver: {
				address: clone(order.details.deliver.address),
				requiredDate: order.details.deliver.requiredDate,
				instructions: order.details.deliver.instructions,
			},
			authorityToLeave: false,
		},
		items: order.items.map((item) => {
			const product = item.details.product.id ? products.get(item.details.product.id) : undefined;
			const quantity = item.measures.quantity;
			const unit = product && productUnit(product, item.details.unitOfMeasure?.type);
			const perUnit = product && unitWeight(product, unit);
			return {
				properties: {
					description: item.details.product.name ?? item.details.product.references.code ?? '',
				},
				measures: {
					quantity,
					// "Total weight of the item" (consignment items carry weight, sale-order items do not).
					weight: perUnit === undefined ? null : round(perUnit * quantity, 3),
					cubic: product && unit ? round(product.unitCubicM3 * unit.baseQty * quantity, 4) : null,
				},
			};
		}),
		properties: {},
		generatedFromTask: { id: order.id, type: 'OUTBOUND' },
	};
}

export function round(value: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/** Dispatched consignments move to this transit status (the documented IN_TRANSIT_* for deliveries from a warehouse). */
export const DISPATCHED_CONSIGNMENT_STATUS = 'IN_TRANSIT_WAREHOUSE_DELIVERY';

/**
 * Moves a sale order to `status` at time `at`: PACKED stamps `packed` and (for customers with
 * "Yes when Packed") generates the consignment in IN_WAREHOUSE; DISPATCHED stamps `dispatched`
 * (and `packed` if the tenant skipped the Packed status) and moves the consignment to transit.
 * Bumps version and modified. Returns false when the status is unchanged.
 */
export function applyStatus(
	world: World,
	order: OutboundOrder,
	status: OutboundStatus,
	at: Date,
	newId: () => string,
): boolean {
	if (order.status === status) return false;
	const time = formatTime(at);
	order.status = status;
	order.version += 1;
	order.timestamps.modified = { time };
	if (status === 'PACKED' || status === 'DISPATCHED') {
		if (status === 'PACKED' || world.packedStatusEnabled !== false)
			order.timestamps.packed ??= { time };
		const settings = world.settings.get(order.customer.id);
		let consignment = consignmentForOrder(world, order.id);
		if (!consignment && settings?.autoGenerateConsignment === 'WHEN_PACKED') {
			consignment = consignmentFromOrder(world, order, newId(), 'IN_WAREHOUSE');
			world.consignments.set(consignment.id, consignment);
		}
		if (status === 'DISPATCHED') {
			order.timestamps.dispatched = { time };
			if (consignment && consignment.status === 'IN_WAREHOUSE') {
				consignment.status = DISPATCHED_CONSIGNMENT_STATUS;
				consignment.version += 1;
			}
		}
	}
	return true;
}

/**
 * CartonCloud's default: no Packed status, orders go from Awaiting Pick and Pack straight to
 * Dispatched (help centre, sale-order statuses). Seeded PACKED orders become AWAITING_PICK_AND_PACK
 * (their consignment is generated at dispatch instead) and dispatched ones carry no packed time.
 */
export function withoutPackedStatus(world: World): void {
	world.packedStatusEnabled = false;
	for (const order of world.orders.values()) {
		delete order.timestamps.packed;
		if (order.status !== 'PACKED') continue;
		order.status = 'AWAITING_PICK_AND_PACK';
		const consignment = consignmentForOrder(world, order.id);
		if (consignment) world.consignments.delete(consignment.id);
	}
}
