import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { SaleOrderQuery, TimeWindow } from '../../transport/saleOrderSearch';

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

const TIMESTAMPS = ['created', 'modified', 'packed', 'dispatched'] as const;

/** Parses a date filter; the error names the field. */
export function parseDateFilter(context: IExecuteFunctions, value: unknown, label: string, itemIndex: number): Date {
	const date = new Date(String(value));
	if (value === '' || value === null || value === undefined || Number.isNaN(date.getTime())) {
		throw new NodeOperationError(context.getNode(), `"${label}" is not a valid date: ${String(value)}`, { itemIndex });
	}
	return date;
}

/** The Get Many filters as one sale-order query (searched by transport/saleOrderSearch.ts). */
export function saleOrderQuery(context: IExecuteFunctions, filters: IDataObject, itemIndex: number): SaleOrderQuery {
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	const customer = filters.customer as { value?: unknown } | string | undefined;
	const customerId = typeof customer === 'object' && customer !== null ? String(customer.value ?? '').trim() : String(customer ?? '').trim();
	const reference = String(filters.customerReference ?? '').trim();
	const windows: TimeWindow[] = [];
	for (const stamp of TIMESTAMPS) {
		const label = stamp.charAt(0).toUpperCase() + stamp.slice(1);
		const after = filters[`${stamp}After`];
		const before = filters[`${stamp}Before`];
		const window: TimeWindow = { pointer: `/timestamps/${stamp}/time` };
		if (after !== undefined && after !== '') window.since = parseDateFilter(context, after, `${label} After`, itemIndex);
		if (before !== undefined && before !== '') window.until = parseDateFilter(context, before, `${label} Before`, itemIndex);
		if (window.since || window.until) windows.push(window);
	}
	return {
		statuses: statuses.length > 0 ? statuses : undefined,
		customerIds: customerId !== '' ? [customerId] : undefined,
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

/** Shown when a search for PACKED sale orders finds none (issue 13, point 7). */
export const PACKED_NOTICE =
	'No sale order is in status Packed. Packed is OFF by default in CartonCloud: unless your tenant has turned it on, orders go from Awaiting Pick and Pack straight to Dispatched and never reach Packed. Choose the status your warehouse really uses (e.g. Awaiting Pick and Pack) in the status filter.';
