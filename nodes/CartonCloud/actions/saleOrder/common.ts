import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { allOf, dateTime, oneOf, text, toApiDateTime, type SearchCondition } from '../../helpers/conditions';

export const SALE_ORDERS = '/outbound-orders';

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

/**
 * The search condition for the Get Many filters: AND of each filter given; several statuses are
 * OR-ed on the pointer `/status`. With no filter at all the search still needs a condition
 * (an empty one may be rejected), so it matches on `/type` = OUTBOUND.
 */
export function saleOrderCondition(context: IExecuteFunctions, filters: IDataObject, itemIndex: number): SearchCondition {
	const parts: SearchCondition[] = [];
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	if (statuses.length > 0) parts.push(oneOf('/status', statuses));
	const customer = filters.customer as { value?: unknown } | string | undefined;
	const customerId = typeof customer === 'object' && customer !== null ? String(customer.value ?? '').trim() : String(customer ?? '').trim();
	if (customerId !== '') parts.push(text('/customer/id', customerId));
	const reference = String(filters.customerReference ?? '').trim();
	if (reference !== '') parts.push(text('/references/customer', reference));
	for (const stamp of TIMESTAMPS) {
		const label = stamp.charAt(0).toUpperCase() + stamp.slice(1);
		const after = filters[`${stamp}After`];
		const before = filters[`${stamp}Before`];
		if (after !== undefined && after !== '') {
			const date = parseDateFilter(context, after, `${label} After`, itemIndex);
			parts.push(dateTime(`/timestamps/${stamp}/time`, 'GREATER_THAN_OR_EQUAL_TO', toApiDateTime(date)));
		}
		if (before !== undefined && before !== '') {
			const date = parseDateFilter(context, before, `${label} Before`, itemIndex);
			parts.push(dateTime(`/timestamps/${stamp}/time`, 'LESS_THAN', toApiDateTime(date)));
		}
	}
	return parts.length > 0 ? allOf(parts) : text('/type', 'OUTBOUND');
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
