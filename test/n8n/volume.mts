/**
 * Volume for the real-n8n and queue-mode suites: more packed sale orders than the seed holds, and
 * the tracking webhooks of a manifest closing, all at once.
 */
import { expect } from 'vitest';
import { BAD_ORDER_REFERENCES } from '../sandbox/cartoncloud/index.mts';
import type { OutboundOrder } from '../sandbox/cartoncloud/types.mts';
import type { Sandboxes } from '../sandbox/index.mts';
import { consignments, saleOrders, starshipitOrders } from './cases.mts';

const BAD = Object.values(BAD_ORDER_REFERENCES) as string[];
/** The seed's customers whose sale orders get a consignment when packed. */
export const CONSIGNMENT_CUSTOMERS = ['Koala Outdoor Co', 'Kiwi Kitchenware'];

/**
 * Adds `count` sale orders (copies of a good packed order, each its own id, reference and items)
 * for the given customers in turn, and packs each through the sandbox (consignment generated, and
 * CartonCloud's webhook sent when one is configured). Returns their customer references.
 */
export function addPackedOrders(
	sb: Sandboxes,
	count: number,
	customers = CONSIGNMENT_CUSTOMERS,
	firstNumber = 70001,
): string[] {
	const cc = sb.cartonCloud;
	const templates = customers.map((name) => {
		const template = (saleOrders(sb, 'PACKED') as unknown as OutboundOrder[]).find(
			(o) => o.customer.name === name && !BAD.includes(o.references.customer),
		);
		if (!template) throw new Error(`no packed sale order of ${name} to copy`);
		return template;
	});
	const created = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const references: string[] = [];
	for (let i = 0; i < count; i++) {
		const template = templates[i % templates.length];
		const prefix = template.references.customer.split('-')[0];
		const reference = `${prefix}-${firstNumber + i}`;
		const order: OutboundOrder = {
			...structuredClone(template),
			id: cc.newId(),
			status: 'AWAITING_PICK_AND_PACK',
			version: 2,
			references: { customer: reference, numericId: String(cc.world.nextNumericId++) },
			items: template.items.map((item) => ({ ...structuredClone(item), id: cc.newId() })),
			timestamps: { created: { time: created }, modified: { time: created } },
		};
		cc.world.orders.set(order.id, order);
		cc.setOutboundOrderStatus(order.id, 'PACKED');
		references.push(reference);
	}
	return references;
}

/**
 * Puts one Starshipit order per sale order reference straight into the sandbox (main account), as
 * a finished order push would have: for cases about what happens after the push. (`n8n execute`
 * cannot carry a push of hundreds of orders: n8n exits before its run-data output is flushed.)
 */
export function addStarshipitOrders(sb: Sandboxes, references: string[]): void {
	const state = sb.starshipit.state;
	const account = state.accountByKey();
	const orders = new Map(
		saleOrders(sb).map((o) => [o.references.customer, o as unknown as OutboundOrder]),
	);
	for (const reference of references) {
		const saleOrder = orders.get(reference);
		if (!saleOrder) throw new Error(`no sale order ${reference}`);
		const a = saleOrder.details.deliver.address;
		state.createOrder(account, {
			order_number: reference,
			reference: saleOrder.customer.name,
			order_date: saleOrder.timestamps.created?.time,
			destination: {
				name: a.contactName,
				street: a.address1,
				suburb: a.suburb,
				state: a.state?.code,
				post_code: a.postcode,
				country: a.country?.name,
			},
		});
	}
}

/** Starshipit orders (main account) per order number. */
export function starshipitCopies(sb: Sandboxes): Map<string, number> {
	const copies = new Map<string, number>();
	for (const o of starshipitOrders(sb))
		copies.set(o.order_number, (copies.get(o.order_number) ?? 0) + 1);
	return copies;
}

/** Good packed sale orders: the ones the order push must bring into Starshipit, once each. */
export function goodPackedReferences(sb: Sandboxes): string[] {
	return saleOrders(sb, 'PACKED')
		.map((o) => o.references.customer)
		.filter((r) => !BAD.includes(r))
		.sort();
}

/** Expects exactly one Starshipit order per reference; names the missing and the doubled ones. */
export function expectExactlyOnePerSaleOrder(sb: Sandboxes, references: string[]): void {
	const copies = starshipitCopies(sb);
	const missing = references.filter((r) => !copies.has(r));
	const doubled = references
		.filter((r) => (copies.get(r) ?? 0) > 1)
		.map((r) => `${r} x${copies.get(r)}`);
	expect({ missing, doubled, total: references.length }).toEqual({
		missing: [],
		doubled: [],
		total: references.length,
	});
}

/** Consignment tracking per sale order reference (undefined when not written or no consignment). */
export function writtenTracking(
	sb: Sandboxes,
): Map<string, { tracking?: string; carrier?: string }> {
	const byOrderId = new Map(saleOrders(sb).map((o) => [o.id, o.references.customer]));
	const written = new Map<string, { tracking?: string; carrier?: string }>();
	for (const c of consignments(sb)) {
		const reference = c.generatedFromTask && byOrderId.get(c.generatedFromTask.id);
		if (reference)
			written.set(reference, {
				tracking: c.references.tracking ?? undefined,
				carrier: c.details.tracking?.companyName,
			});
	}
	return written;
}

/**
 * A manifest closing: the labels of `orderNumbers` were printed through the day (their webhooks
 * went elsewhere), then every order is dispatched at once: one tracking webhook each, all in flight
 * together, and every order now in Starshipit's shipped list. Resolves when every delivery has been
 * answered or has timed out.
 */
export async function trackingBurst(
	sb: Sandboxes,
	webhookUrl: string,
	orderNumbers: string[],
): Promise<{ status: number; error?: string }[]> {
	sb.starshipit.configure({ webhookUrl: undefined });
	for (const orderNumber of orderNumbers) sb.starshipit.printOrder(orderNumber);
	await sb.starshipit.flushWebhooks();
	sb.starshipit.configure({ webhookUrl });
	const before = sb.starshipit.webhookDeliveries.length;
	for (const orderNumber of orderNumbers) sb.starshipit.advanceOrder(orderNumber, 'Dispatched');
	await sb.starshipit.flushWebhooks();
	return sb.starshipit.webhookDeliveries
		.slice(before)
		.map((d) => ({ status: d.status, error: d.error }));
}

/** The orders whose Starshipit tracking number and carrier are not (yet) on their consignment. */
export function trackingNotWritten(sb: Sandboxes, orderNumbers: string[]): string[] {
	const shipped = new Map(starshipitOrders(sb).map((o) => [o.order_number, o]));
	const written = writtenTracking(sb);
	return orderNumbers.filter((n) => {
		const order = shipped.get(n);
		const got = written.get(n);
		return (
			!order ||
			!got ||
			got.tracking !== order.tracking_numbers[0] ||
			got.carrier !== order.carrier_name
		);
	});
}

/** Expects every order's Starshipit tracking number and carrier on its consignment; names the ones not written. */
export function expectTrackingWritten(sb: Sandboxes, orderNumbers: string[]): void {
	expect({ notWritten: trackingNotWritten(sb, orderNumbers), of: orderNumbers.length }).toEqual({
		notWritten: [],
		of: orderNumbers.length,
	});
}

/**
 * Waits (up to `timeoutMs`) for every tracking number to be written, then expects, in one
 * assertion so a failure shows both figures: every webhook answered 200, every one written.
 */
export async function expectBurstWritten(
	sb: Sandboxes,
	orderNumbers: string[],
	answers: { status: number; error?: string }[],
	timeoutMs: number,
): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (trackingNotWritten(sb, orderNumbers).length > 0 && Date.now() < until)
		await new Promise((r) => setTimeout(r, 500));
	const refused = answers.filter((a) => a.status !== 200).map((a) => a.error ?? `HTTP ${a.status}`);
	const notWritten = trackingNotWritten(sb, orderNumbers);
	expect({
		sent: answers.length,
		refused: refused.length,
		firstRefusals: [...new Set(refused)].slice(0, 3),
		notWritten: notWritten.length,
		firstNotWritten: notWritten.slice(0, 5),
	}).toEqual({
		sent: orderNumbers.length,
		refused: 0,
		firstRefusals: [],
		notWritten: 0,
		firstNotWritten: [],
	});
}
