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
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { CONSIGNMENT_STATUSES, customerLocator, locatorValue } from '../common.descriptions';
import { asItemError, outputOf } from '../../../shared/items';
import { outcomeItem } from '../../../shared/outcome';
import { itemParameter } from '../../../shared/parameters';
import { forEachInFlight } from '../../../shared/transport/inFlight';
import { type ConsignmentChanges, updateConsignment } from '../consignment/common';
import {
	findConsignments,
	findSaleOrders,
	type SaleOrderFacts,
	type SaleOrderLookup,
} from '../../transport/consignmentLookup';

const show = { resource: ['tracking'], operation: ['writeBack'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Find Sale Order By',
		name: 'saleOrderBy',
		type: 'options',
		options: [
			{
				name: 'Customer Reference',
				value: 'customerReference',
				description: "The customer's order number (e.g. the Starshipit order number)",
			},
			{ name: 'Sale Order ID', value: 'id' },
		],
		default: 'customerReference',
	},
	{
		displayName: 'Customer Reference',
		name: 'customerReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.order_number }}',
		displayOptions: { show: { saleOrderBy: ['customerReference'] } },
	},
	customerLocator({
		displayName: 'Customer',
		description:
			'Only match sale orders of this customer; needed when the same reference exists for several customers',
		displayOptions: { show: { saleOrderBy: ['customerReference'] } },
	}),
	{
		displayName: 'Sale Order ID',
		name: 'saleOrderId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { saleOrderBy: ['id'] } },
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '',
		description: "Written to the consignment's references.tracking",
	},
	{
		displayName: 'Carrier Name',
		name: 'carrierName',
		type: 'string',
		default: '',
		description:
			"Written to the consignment's details.tracking.companyName (left as it is when empty)",
	},
	{
		displayName: 'Tracking URL',
		name: 'trackingUrl',
		type: 'string',
		default: '',
		description:
			"The carrier's tracking page, stored in the consignment's details.tracking (left as it is when empty; see Tracking URL Template)",
	},
	{
		displayName: 'Customers Without Consignments',
		name: 'customersWithoutConsignments',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCustomers' },
		default: [],
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		description:
			'Customers whose "Automatically Generate a Consignment from a Sale Order" setting is off: their sale orders have no consignment, which is expected, so such an item comes out ignored (with the reason) instead of failed. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Set Consignment Status',
				name: 'consignmentStatus',
				type: 'options',
				options: CONSIGNMENT_STATUSES,
				default: 'IN_TRANSIT_WAREHOUSE_DELIVERY',
				description: 'Also move the consignment to this status',
			},
			{
				displayName: 'Tracking URL Template',
				name: 'trackingUrlTemplate',
				type: 'string',
				default: '',
				placeholder: 'https://auspost.com.au/mypost/track/details/{tracking_number}',
				description:
					'Builds the tracking link when Tracking URL is empty: {tracking_number} and {carrier} are filled in. Costs no API call (an expression can pick a template per carrier).',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

interface Request extends SaleOrderLookup {
	changes: ConsignmentChanges;
	/** Version 2: customers expected to have no consignment (their items are ignored, not failed). */
	withoutConsignments: string[];
}

function readRequest(context: IExecuteFunctions, i: number): Request {
	const by = itemParameter<Request['by']>(context, 'saleOrderBy', i, 'customerReference');
	const key = String(
		itemParameter<unknown>(context, by === 'id' ? 'saleOrderId' : 'customerReference', i, '') ?? '',
	).trim();
	const label = by === 'id' ? 'Sale Order ID' : 'Customer Reference';
	if (!key) {
		throw new NodeOperationError(
			context.getNode(),
			`Item ${i + 1}: "${label}" is empty, so no sale order can be found`,
			{ itemIndex: i },
		);
	}
	const subject = by === 'id' ? `Sale order ${key}` : `Sale order "${key}"`;
	const trackingNumber = String(
		itemParameter<unknown>(context, 'trackingNumber', i, '') ?? '',
	).trim();
	if (!trackingNumber) {
		throw new NodeOperationError(context.getNode(), `${subject}: "Tracking Number" is empty`, {
			itemIndex: i,
		});
	}
	const changes: ConsignmentChanges = { trackingNumber };
	const carrierName = String(itemParameter<unknown>(context, 'carrierName', i, '') ?? '').trim();
	if (carrierName) changes.carrierName = carrierName;
	const trackingUrl = String(itemParameter<unknown>(context, 'trackingUrl', i, '') ?? '').trim();
	if (trackingUrl) {
		if (!/^https?:\/\/\S+$/i.test(trackingUrl)) {
			throw new NodeOperationError(
				context.getNode(),
				`${subject}: "Tracking URL" is not an http(s) URL: ${trackingUrl}`,
				{ itemIndex: i },
			);
		}
		changes.trackingUrl = trackingUrl;
	}
	const options = itemParameter(context, 'options', i, {} as IDataObject);
	const template = String(options.trackingUrlTemplate ?? '').trim();
	if (!changes.trackingUrl && template) {
		const url = template
			.replace(/\{tracking_number\}/g, encodeURIComponent(trackingNumber))
			.replace(/\{carrier\}/g, encodeURIComponent(carrierName));
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw new NodeOperationError(
				context.getNode(),
				`${subject}: "Tracking URL Template" does not make an http(s) URL: ${url}`,
				{ itemIndex: i },
			);
		}
		changes.trackingUrl = url;
	}
	const status = options.consignmentStatus;
	if (typeof status === 'string' && status) changes.status = status;
	const customerId = by === 'customerReference' ? locatorValue(context, 'customer', i) : '';
	const withoutConsignments =
		context.getNode().typeVersion >= 2
			? itemParameter<string[]>(context, 'customersWithoutConsignments', i, [])
			: [];
	return {
		itemIndex: i,
		by,
		key,
		customerId,
		changes,
		subject,
		withoutConsignments: Array.isArray(withoutConsignments) ? withoutConsignments.map(String) : [],
	};
}

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
		if (!found && r.withoutConsignments.includes(order.customerId)) {
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

	return outputOf(this, results, (i) => {
		const request = requests.find((r) => r.itemIndex === i);
		if (request?.by === 'id') return { details: { saleOrderId: request.key } };
		if (request?.by !== 'customerReference') return {};
		return {
			about: { order_number: request.key, sale_order_reference: request.key },
			details: { customerReference: request.key, order_number: request.key },
		};
	});
}
