/**
 * Outbound-order ("sale order") routes (reference §3): create (rate limited), get, delete,
 * the not-yet-available update, and search.
 */
import { clientOf } from './auth.mts';
import { consignmentForOrder, productUnit, valuesByCreated } from './domain.mts';
import type { CartonCloudSandbox } from './index.mts';
import { createOutboundOrder } from './order-create.mts';
import { paginate } from './paging.mts';
import { compileSearch } from './search.mts';
import type { OutboundOrder } from './types.mts';
import { clone, fail, jsonBody, notFound } from './util.mts';

export const BASE = '/tenants/:tenantId/outbound-orders';

/** Deprecated ValueField keys for outbound search (§3.3); "status" is deliberately absent. */
export const OUTBOUND_VALUE_FIELDS: Record<string, string> = {
	reference: '/references/customer',
	customerName: '/customer/name',
	customerId: '/customer/id',
};

/** The documented sale-order search pointers (§3.3); `/status` is undocumented but verified live [TP-py]. */
export const OUTBOUND_POINTERS = [
	'/references/customer',
	'/customer/name',
	'/customer/id',
	'/timestamps/created/time',
	'/timestamps/modified/time',
	'/timestamps/packed/time',
	'/timestamps/dispatched/time',
	'/status',
] as const;

export function getOrder(sb: CartonCloudSandbox, id: string): OutboundOrder {
	return sb.world.orders.get(id) ?? notFound('Sale Order');
}

export function registerOrders(sb: CartonCloudSandbox): void {
	const server = sb.server;

	server.route('POST', BASE, (req) => {
		// The documented limit: 30 creates per minute per user (D#create-outbound-order).
		// UNCONFIRMED: no Retry-After or rate-limit headers are sent (strict: clients must back off
		// on their own). Every non-throttled create attempt counts, including ones that fail 422.
		if (!sb.takeCreateSlot(clientOf(sb, req))) fail(429, 'Rate limiting has been applied');
		const { status, order } = createOutboundOrder(sb, jsonBody(req));
		sb.emitOrderChange(order);
		return { status, body: clone(order) };
	});

	server.route('GET', `${BASE}/:id`, (req) => ({
		status: 200,
		body: clone(getOrder(sb, req.params.id)),
	}));

	server.route('DELETE', `${BASE}/:id`, (req) => {
		const order = getOrder(sb, req.params.id);
		// Deletable statuses are an organisation setting (§3); the sandbox tenant allows these.
		if (!sb.world.tenant.deletableStatuses.includes(order.status)) {
			fail(422, `Sale Order cannot be deleted in status ${order.status}`);
		}
		if (consignmentForOrder(sb.world, order.id))
			fail(422, 'Sale Order has a consignment and cannot be deleted');
		if (order.status !== 'REJECTED') {
			// Give back the stock the order had allocated.
			for (const item of order.items) {
				const product = sb.world.products.find((p) => p.id === item.details.product.id);
				if (product)
					product.available +=
						item.measures.quantity *
						(productUnit(product, item.details.unitOfMeasure?.type)?.baseQty ?? 1);
			}
		}
		sb.world.orders.delete(order.id);
		for (const [docId, doc] of sb.world.documents)
			if (doc.ownerId === order.id) sb.world.documents.delete(docId);
		return { status: 204 };
	});

	// Update is documented as "NOT YET AVAILABLE" and no PATCH exists; we answer 405 with the
	// documented error text (our own choice per reference §9).
	for (const method of ['PUT', 'PATCH']) {
		server.route(method, `${BASE}/:id`, () =>
			fail(405, `Request method '${method}' not supported`, { Allow: 'GET, DELETE' }),
		);
	}

	server.route('POST', `${BASE}/search`, (req) => {
		const rules = sb.searchRules(
			req,
			'POST /outbound-orders/search',
			OUTBOUND_VALUE_FIELDS,
			OUTBOUND_POINTERS,
		);
		const predicate = compileSearch(jsonBody(req), rules);
		const matches = valuesByCreated(sb.world.orders).filter(predicate);
		return paginate(req, matches, sb.paging, (order) => order);
	});
}
