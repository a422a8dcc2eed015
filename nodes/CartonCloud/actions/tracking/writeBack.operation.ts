/**
 * Write Back Tracking: puts a shipment's tracking number, carrier and URL on the consignment
 * CartonCloud generated from a sale order (the only documented write path; sale orders cannot be
 * updated through the API).
 *
 * Sale orders and their consignments are found in batches for all input items at once (see
 * `findConsignments`); the consignment search returns each consignment with its version, so the
 * PUT goes out with `If-Match` directly (a GET only after a 409/412). A consignment that already
 * holds the values gets no call at all (`already_there`). Different consignments are written a
 * few at a time (`forEachInFlight`), one consignment's items in turn. No Starshipit call is made here: the
 * tracking link, when wanted, comes from the item or from a URL template.
 *
 * A failure that concerns the whole batch (a refused credential, an exhausted 429, a 5xx on a
 * search) puts every item on the error output with the reason, never one down the success branch.
 *
 * Its fields are in writeBackFields.ts; each item is read and checked by writeBackRequest.ts.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { asItemError, outputOf } from '../../../shared/items';
import { outcomeItem } from '../../../shared/outcome';
import { forEachInFlight } from '../../../shared/transport/inFlight';
import { updateConsignment } from '../consignment/common';
import {
	findConsignments,
	findSaleOrders,
	type SaleOrderFacts,
} from '../../transport/consignmentLookup';
import { writeBackFields } from './writeBackFields';
import { expectedWithoutConsignment, readRequest, type Request } from './writeBackRequest';

const show = { resource: ['tracking'], operation: ['writeBack'] };

export const description = updateDisplayOptions({ show }, writeBackFields);

/** A live consignment wins over a cancelled one. */
function pickConsignment(candidates: IDataObject[]): IDataObject | undefined {
	return candidates.find((c) => c.status !== 'CANCELLED') ?? candidates[0];
}

/** The reason every item gets when a batched look-up fails as a whole. */
function batchFailure(context: IExecuteFunctions, error: unknown, r: Request): Error {
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(
		context.getNode(),
		`${r.subject}: tracking not written, the batched CartonCloud look-up failed: ${message}`,
		{
			itemIndex: r.itemIndex,
			description:
				'Nothing was written for any item of this run; the next run (or a retry) writes them.',
		},
	);
}

function subjectOf(order: SaleOrderFacts, r: Request): string {
	return order.reference ? `Sale order "${order.reference}" (${order.id})` : r.subject;
}

/** The success item of one written (or already there) consignment, led by its outcome. */
function writtenItem(
	r: Request,
	order: SaleOrderFacts,
	consignmentId: string,
	updated: IDataObject,
	unchanged: boolean,
): INodeExecutionData {
	const tracking =
		((updated.details as IDataObject | undefined)?.tracking as IDataObject | null | undefined) ??
		{};
	return outcomeItem(
		{
			status: unchanged ? 'already_there' : 'written',
			order_number: r.by === 'customerReference' ? r.key : undefined,
			sale_order_reference: order.reference,
		},
		{
			saleOrderId: order.id,
			customerReference: order.reference,
			consignmentId,
			trackingNumber: (updated.references as IDataObject | undefined)?.tracking ?? null,
			carrierName: tracking.companyName ?? null,
			trackingUrl: tracking.url ?? null,
			consignmentStatus: updated.status ?? null,
			unchanged,
			consignment: updated,
		},
		r.itemIndex,
	);
}

/** A sale order of a customer chosen as having no consignments: nothing to write, and that is right. */
function ignoredItem(r: Request, order: SaleOrderFacts): INodeExecutionData {
	const reason = `${subjectOf(order, r)} has no consignment, as expected for ${order.customerName || order.customerId} (chosen under "Customers Without Consignments"): its tracking number ${r.changes.trackingNumber} stays in Starshipit`;
	return outcomeItem(
		{
			status: 'ignored',
			order_number: r.by === 'customerReference' ? r.key : undefined,
			sale_order_reference: order.reference,
			reason,
		},
		{
			saleOrderId: order.id,
			customerReference: order.reference,
			customerId: order.customerId,
			customerName: order.customerName,
			consignmentId: null,
			trackingNumber: r.changes.trackingNumber,
		},
		r.itemIndex,
	);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const results: (INodeExecutionData | Error)[] = new Array(items.length);
	const requests: Request[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			requests.push(readRequest(this, i));
		} catch (error) {
			if (!this.continueOnFail()) throw asItemError(this.getNode(), error, i);
			results[i] = error as Error;
		}
	}

	// Find every sale order, then every consignment, in batches.
	const orderOf = new Map<number, SaleOrderFacts>();
	let consignments = new Map<string, IDataObject[]>();
	try {
		for (const [itemIndex, found] of await findSaleOrders(this, requests)) {
			if (found instanceof Error) results[itemIndex] = found;
			else orderOf.set(itemIndex, found);
		}
		const unique = new Map([...orderOf.values()].map((o) => [o.id, o]));
		consignments = await findConsignments(this, [...unique.values()]);
	} catch (error) {
		// A failed look-up concerns every item: each goes to the error output with the reason.
		if (!this.continueOnFail()) throw asItemError(this.getNode(), error);
		for (const r of requests) results[r.itemIndex] ??= batchFailure(this, error, r);
	}

	// Items of one consignment are written one after the other (each PUT carries the version the
	// previous one left); different consignments go out a few at a time.
	const byConsignment = new Map<string, { found: IDataObject; group: Request[] }>();
	for (const r of requests) {
		if (results[r.itemIndex]) continue;
		const order = orderOf.get(r.itemIndex)!;
		const found = pickConsignment(consignments.get(order.id) ?? []);
		if (!found && expectedWithoutConsignment(r, order)) {
			results[r.itemIndex] = ignoredItem(r, order);
			continue;
		}
		if (!found) {
			results[r.itemIndex] = new NodeOperationError(
				this.getNode(),
				`${subjectOf(order, r)} has no consignment, so its tracking cannot be written back`,
				{
					itemIndex: r.itemIndex,
					description: `Customer: ${order.customerName || order.customerId}; sale order status: ${order.status}. CartonCloud generates a consignment from a sale order only when the customer's "Automatically Generate a Consignment from a Sale Order" setting is on (by default when the order is packed).`,
				},
			);
			continue;
		}
		const id = String(found.id);
		if (!byConsignment.has(id)) byConsignment.set(id, { found, group: [] });
		byConsignment.get(id)!.group.push(r);
	}
	await forEachInFlight([...byConsignment], async ([consignmentId, { found, group }]) => {
		let known = found;
		for (const r of group) {
			const order = orderOf.get(r.itemIndex)!;
			try {
				const result = await updateConsignment(this, consignmentId, r.changes, r.itemIndex, {
					known,
					subject: subjectOf(order, r),
				});
				known = result.consignment;
				results[r.itemIndex] = writtenItem(
					r,
					order,
					consignmentId,
					result.consignment,
					result.unchanged,
				);
			} catch (error) {
				results[r.itemIndex] = error as Error;
			}
		}
	});

	const requestOf = new Map(requests.map((r) => [r.itemIndex, r]));
	return outputOf(this, results, (i) => {
		const request = requestOf.get(i);
		if (request?.by === 'id') return { details: { saleOrderId: request.key } };
		if (request?.by !== 'customerReference') return {};
		return {
			about: { order_number: request.key, sale_order_reference: request.key },
			details: { customerReference: request.key, order_number: request.key },
		};
	});
}
