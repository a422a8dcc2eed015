import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readChoices } from '../../../shared/choices';
import { readDate } from '../../../shared/values';
import { locatorText } from '../common.descriptions';
import {
	SALE_ORDER_STATUSES,
	type SaleOrderQuery,
	type TimeWindow,
} from '../../transport/saleOrderSearch';

export { SALE_ORDERS } from '../../transport/saleOrderSearch';

export const saleOrderIdField: INodeProperties = {
	displayName: 'Sale Order ID',
	name: 'saleOrderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2b0c6f1e-8d2a-4c55-9a61-3f0e7c1d9b24',
	description: 'The ID (UUID) of the sale order (outbound order) in CartonCloud',
};

/** What to do about an empty or unknown Sale Order ID (the message an AI agent reads). */
export const SALE_ORDER_ID_HINT =
	"give the sale order's ID (a UUID); to find a sale order by its customer reference (e.g. KOA-10001), search sale orders (Get Many) with the Customer Reference filter";

const TIMESTAMPS = ['created', 'modified', 'packed', 'dispatched'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Get Many filters as one sale-order query (searched by transport/saleOrderSearch.ts).
 * Statuses may come as a list, a comma-separated text or one value (an AI agent sends text); a
 * customer that is not an ID is searched by name, as a person (or a model) knows it.
 */
export function saleOrderQuery(
	context: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): SaleOrderQuery {
	const statuses = readChoices(
		context,
		filters.statuses,
		SALE_ORDER_STATUSES,
		'Statuses',
		itemIndex,
	);
	const customerValue = locatorText(filters.customer);
	const reference = String(filters.customerReference ?? '').trim();
	const windows: TimeWindow[] = [];
	for (const stamp of TIMESTAMPS) {
		const label = stamp.charAt(0).toUpperCase() + stamp.slice(1);
		const window: TimeWindow = {
			pointer: `/timestamps/${stamp}/time`,
			since: readDate(context, filters[`${stamp}After`], `${label} After`, itemIndex),
			until: readDate(context, filters[`${stamp}Before`], `${label} Before`, itemIndex),
		};
		if (window.since || window.until) windows.push(window);
	}
	return {
		statuses: statuses.length > 0 ? statuses : undefined,
		customerIds: customerValue !== '' && UUID.test(customerValue) ? [customerValue] : undefined,
		customerNames: customerValue !== '' && !UUID.test(customerValue) ? [customerValue] : undefined,
		customerReference: reference !== '' ? reference : undefined,
		moreWindows: windows,
	};
}

export function dateRangeFields(): INodeProperties[] {
	const fields: INodeProperties[] = [];
	for (const stamp of TIMESTAMPS) {
		const label = stamp.charAt(0).toUpperCase() + stamp.slice(1);
		fields.push(
			{
				displayName: `${label} After`,
				name: `${stamp}After`,
				type: 'dateTime',
				default: '',
				description: `Only sale orders ${stamp} at or after this time`,
			},
			{
				displayName: `${label} Before`,
				name: `${stamp}Before`,
				type: 'dateTime',
				default: '',
				description: `Only sale orders ${stamp} before this time`,
			},
		);
	}
	return fields;
}

/** Why a tenant may have no PACKED sale order at all (issue 13, point 7). */
export const PACKED_CAVEAT =
	'Packed is OFF by default in CartonCloud: unless your tenant has turned it on, orders go from Awaiting Pick and Pack straight to Dispatched and never reach Packed. Choose the status your warehouse really uses (e.g. Awaiting Pick and Pack) in the status filter.';

/** Shown when a search for PACKED sale orders finds none (issue 13, point 7). */
export const PACKED_NOTICE = `No sale order is in status Packed. ${PACKED_CAVEAT}`;
