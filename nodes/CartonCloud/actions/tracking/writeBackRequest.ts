/**
 * One item of Write Back Tracking read into a request: the sale order to find, the consignment
 * changes to write (tracking number, carrier, URL or a URL built from the template, status) and
 * the customers expected to have no consignment. Every check on the item's own parameters happens
 * here, before any call, so a bad item fails alone with a message naming it.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { locatorValue } from '../common.descriptions';
import { itemParameter } from '../../../shared/parameters';
import type { ConsignmentChanges } from '../consignment/common';
import type { SaleOrderLookup } from '../../transport/consignmentLookup';

export interface Request extends SaleOrderLookup {
	changes: ConsignmentChanges;
	/**
	 * Version 2: customers expected to have no consignment (their items are ignored, not failed), by
	 * ID or name, lower-cased.
	 */
	withoutConsignments: string[];
}

/**
 * Customers as the parameter gives them: IDs from the list, or IDs or names from an expression
 * (the bundled workflows read the names from one data table), as a list or as text with one per
 * line or separated by commas.
 */
function customerList(raw: unknown): string[] {
	const parts: unknown[] = Array.isArray(raw)
		? raw
		: typeof raw === 'string'
			? raw.split(/[\n,;]+/)
			: raw === undefined || raw === null
				? []
				: [raw];
	return parts
		.map((part) =>
			String(part ?? '')
				.trim()
				.toLowerCase(),
		)
		.filter((part) => part !== '');
}

/** Whether the sale order's customer is one chosen as having no consignments. */
export function expectedWithoutConsignment(
	r: Request,
	customer: { customerId: string; customerName?: string },
): boolean {
	return [customer.customerId, customer.customerName ?? ''].some(
		(key) => key !== '' && r.withoutConsignments.includes(key.toLowerCase()),
	);
}

export function readRequest(context: IExecuteFunctions, i: number): Request {
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
			? customerList(itemParameter<unknown>(context, 'customersWithoutConsignments', i, []))
			: [];
	return {
		itemIndex: i,
		by,
		key,
		customerId,
		changes,
		subject,
		withoutConsignments,
	};
}
