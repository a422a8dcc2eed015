/**
 * A large, known world for the reconciliation report, written straight into both sandboxes' state
 * (no API calls), with a known number of planted exceptions of each kind.
 */
import { consignmentFromOrder } from '../sandbox/cartoncloud/domain.mts';
import type { OutboundOrder, OutboundStatus } from '../sandbox/cartoncloud/index.mts';
import type { Sandboxes } from '../sandbox/index.mts';
import { printOrder, setTracking } from '../sandbox/starshipit/lifecycle.mts';
import type { StoredOrder } from '../sandbox/starshipit/types.mts';

export interface ReconciliationWorld {
	/** Sale orders at PACKED with an unshipped Starshipit order. */
	unshipped: number;
	/** Sale orders at PACKED with a printed Starshipit order. */
	printed: number;
	/** DISPATCHED sale orders with a shipped Starshipit order and a consignment holding its tracking. */
	shipped: number;
	/** Planted exceptions, by kind. */
	planted: {
		not_in_starshipit: number;
		no_sale_order: number;
		duplicate_order_number: number;
		tracking_not_on_consignment: number;
		stuck_unshipped: number;
	};
}

const HOUR = 3_600_000;

export function seedReconciliationWorld(sb: Sandboxes, world: ReconciliationWorld): void {
	const cc = sb.cartonCloud;
	const template = [...cc.world.orders.values()].find((o) => o.status === 'PACKED' && o.customer.name === 'Koala Outdoor Co')!;
	cc.world.orders.clear();
	cc.world.consignments.clear();
	const now = Date.now();
	const stamp = (ms: number) => ({ time: new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z') });
	let serial = 0;
	const saleOrder = (reference: string, status: OutboundStatus, createdHoursAgo: number): OutboundOrder => {
		const order = structuredClone(template);
		order.id = `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
		order.status = status;
		order.references = { customer: reference, numericId: String(200000 + serial) };
		order.timestamps = { created: stamp(now - createdHoursAgo * HOUR), modified: stamp(now - HOUR) };
		cc.world.orders.set(order.id, order);
		return order;
	};

	const ss = sb.starshipit.state;
	const account = ss.accountByKey();
	const starshipitOrder = (orderNumber: string, state: 'unshipped' | 'printed' | 'shipped', orderedHoursAgo = 2): StoredOrder => {
		const stored = ss.createOrder(account, {
			order_number: orderNumber,
			order_date: new Date(now - orderedHoursAgo * HOUR).toISOString(),
			destination: { name: 'Sandbox Customer', street: '1 Test St', suburb: 'Brisbane', post_code: '4000', country: 'Australia' },
		});
		// Through the sandbox's own lifecycle, so every list it serves sees these orders as printed/shipped.
		if (state !== 'unshipped') printOrder(ss, stored);
		if (state === 'shipped') setTracking(ss, stored, 'Dispatched');
		return stored;
	};

	const { planted } = world;
	for (let i = 0; i < world.unshipped; i++) {
		const reference = `REC-U${i}`;
		saleOrder(reference, 'PACKED', 3);
		const stuck = i < planted.stuck_unshipped;
		starshipitOrder(reference, 'unshipped', stuck ? 100 : 2);
		if (i >= world.unshipped - planted.duplicate_order_number) starshipitOrder(reference, 'unshipped');
	}
	for (let i = 0; i < world.printed; i++) {
		saleOrder(`REC-P${i}`, 'PACKED', 3);
		starshipitOrder(`REC-P${i}`, 'printed');
	}
	for (let i = 0; i < world.shipped; i++) {
		const order = saleOrder(`REC-S${i}`, 'DISPATCHED', 30);
		const shipped = starshipitOrder(`REC-S${i}`, 'shipped');
		const consignment = consignmentFromOrder(cc.world, order, `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 'IN_TRANSIT_WAREHOUSE_DELIVERY');
		if (i >= planted.tracking_not_on_consignment) consignment.references.tracking = shipped.trackingNumbers[0];
		cc.world.consignments.set(consignment.id, consignment);
	}
	for (let i = 0; i < planted.not_in_starshipit; i++) saleOrder(`REC-MISS${i}`, 'PACKED', 5);
	for (let i = 0; i < planted.no_sale_order; i++) starshipitOrder(`HAND-${i}`, 'unshipped');
}
