/** Parameters shared by the CartonCloud triggers (polling and webhook). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { customerLocator, locatorText, SALE_ORDER_STATUSES } from '../actions/common.descriptions';

export const STATUS_CHOICE_NOTICE =
	'Packed is off by default in CartonCloud: orders then go from Awaiting Pick and Pack straight to Dispatched. Choose Dispatched if your warehouse does not use Packed.';

export function statusesField(
	description: string,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: SALE_ORDER_STATUSES,
		required: true,
		default: ['PACKED'],
		description,
		...overrides,
	};
}

export const customersField: INodeProperties = {
	displayName: 'Customers',
	name: 'customers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Customer',
	default: {},
	description: 'Only sale orders of these customers (all customers when empty)',
	options: [
		{ displayName: 'Customer', name: 'customer', values: [customerLocator({ name: 'id' })] },
	],
};

/** The customer ids picked in `customersField`. */
export function customerIds(raw: unknown): string[] {
	const entries = ((raw as IDataObject | undefined)?.customer as IDataObject[] | undefined) ?? [];
	return entries.map((entry) => locatorText(entry.id)).filter((id) => id !== '');
}
