/**
 * Cheap seeding for the bench: N packed sale orders (each with the consignment CartonCloud
 * generates when packed) written straight into the CartonCloud sandbox's state, copied from the
 * seed's valid packed orders and renumbered. No API calls, so 10,000 orders take well under a
 * second and the sandbox's request log holds only what the workflows send.
 */
import { randomUUID } from 'node:crypto';
import {
	BAD_ORDER_REFERENCES,
	type CartonCloudSandbox,
} from '../test/sandbox/cartoncloud/index.mts';
import { consignmentFromOrder } from '../test/sandbox/cartoncloud/domain.mts';

const BAD = new Set<string>(Object.values(BAD_ORDER_REFERENCES));

export function seedPackedOrders(cartonCloud: CartonCloudSandbox, count: number): void {
	const world = cartonCloud.world;
	const templates = [...world.orders.values()].filter(
		(o) =>
			o.status === 'PACKED' &&
			!BAD.has(o.references.customer) &&
			world.settings.get(o.customer.id)?.autoGenerateConsignment === 'WHEN_PACKED',
	);
	if (templates.length === 0) throw new Error('the sandbox seed has no valid packed order to copy');
	world.orders.clear();
	world.consignments.clear();
	world.documents.clear();
	for (let i = 0; i < count; i++) {
		const order = structuredClone(templates[i % templates.length]);
		order.id = randomUUID();
		order.references = {
			...order.references,
			customer: `BN-${String(i + 1).padStart(6, '0')}`,
			numericId: String(world.nextNumericId++),
		};
		world.orders.set(order.id, order);
		const consignment = consignmentFromOrder(world, order, randomUUID(), 'IN_WAREHOUSE');
		world.consignments.set(consignment.id, consignment);
	}
}
