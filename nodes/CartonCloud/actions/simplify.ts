/**
 * CartonCloud entities in their simplified form (Output: Simplified, the default for an AI
 * agent): what an agent needs to answer questions about an order, and nothing it would pay for in
 * tokens without use (product weights, warehouse ids, versions, phone numbers and e-mails).
 * A sale order as CartonCloud returns it is about 2,400 characters; a simplified row about 200.
 */
import type { IDataObject } from 'n8n-workflow';
import { withoutEmpty } from '../../shared/output';
import { valueAt } from '../../shared/paths';

type Tree = IDataObject | undefined;

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: undefined;

/** City (or suburb) and country name of an address. */
function place(address: Tree): IDataObject {
	return {
		city: text(valueAt(address, ['city'])) ?? text(valueAt(address, ['suburb'])),
		country:
			text(valueAt(address, ['country', 'name'])) ??
			text(valueAt(address, ['country', 'iso2Code'])),
	};
}

/** One sale order of a list: ID, customer reference, status, customer, destination, created and modified. */
export function simpleSaleOrder(order: IDataObject): IDataObject {
	return withoutEmpty({
		id: text(order.id),
		reference: text(valueAt(order, ['references', 'customer'])),
		status: text(order.status),
		customer: text(valueAt(order, ['customer', 'name'])),
		...place(valueAt(order, ['details', 'deliver', 'address']) as Tree),
		created: text(valueAt(order, ['timestamps', 'created', 'time'])),
		modified: text(valueAt(order, ['timestamps', 'modified', 'time'])),
	});
}

/** One sale order asked for by ID: the list row, plus where it goes, how, what is in it and when each status was reached. */
export function simpleSaleOrderDetail(order: IDataObject): IDataObject {
	const address = valueAt(order, ['details', 'deliver', 'address']) as Tree;
	const times: IDataObject = {};
	for (const [stamp, value] of Object.entries(
		(valueAt(order, ['timestamps']) as IDataObject | undefined) ?? {},
	)) {
		const time = text(valueAt(value, ['time']));
		if (time) times[stamp] = time;
	}
	const items = Array.isArray(order.items) ? (order.items as IDataObject[]) : [];
	return withoutEmpty({
		...simpleSaleOrder(order),
		warehouse: text(valueAt(order, ['warehouse', 'name'])),
		deliver_to: withoutEmpty({
			name: text(valueAt(address, ['contactName'])),
			company: text(valueAt(address, ['companyName'])),
			street: [text(valueAt(address, ['address1'])), text(valueAt(address, ['address2']))]
				.filter(Boolean)
				.join(', '),
			suburb: text(valueAt(address, ['suburb'])),
			state: text(valueAt(address, ['state', 'code'])),
			postcode: text(valueAt(address, ['postcode'])),
			country: text(valueAt(address, ['country', 'name'])),
		}),
		service: text(valueAt(order, ['details', 'deliver', 'method', 'requestedService'])),
		urgent: valueAt(order, ['details', 'urgent']) === true ? true : undefined,
		instructions:
			text(valueAt(order, ['details', 'deliver', 'instructions'])) ??
			text(valueAt(order, ['details', 'instructions'])),
		items: items.map((item) =>
			withoutEmpty({
				sku: text(valueAt(item, ['details', 'product', 'references', 'code'])),
				name: text(valueAt(item, ['details', 'product', 'name'])),
				quantity: valueAt(item, ['measures', 'quantity']) as number | undefined,
				unit: text(valueAt(item, ['details', 'unitOfMeasure', 'type'])),
			}),
		),
		timestamps: times,
	});
}

/** A consignment: ID, customer reference, status, customer, destination, carrier and tracking. */
export function simpleConsignment(consignment: IDataObject): IDataObject {
	return withoutEmpty({
		id: text(consignment.id),
		reference: text(valueAt(consignment, ['references', 'customer'])),
		status: text(consignment.status),
		type: text(valueAt(consignment, ['details', 'type'])),
		customer: text(valueAt(consignment, ['customer', 'name'])),
		...place(valueAt(consignment, ['details', 'deliver', 'address']) as Tree),
		carrier: text(valueAt(consignment, ['details', 'tracking', 'companyName'])),
		tracking_number: text(valueAt(consignment, ['references', 'tracking'])),
		tracking_url: text(valueAt(consignment, ['details', 'tracking', 'url'])),
	});
}

/** A customer (the 3PL client who owns orders): ID, name and code. */
export function simpleCustomer(customer: IDataObject): IDataObject {
	return withoutEmpty({
		id: text(customer.id),
		name: text(customer.name),
		code: text(valueAt(customer, ['references', 'code'])),
	});
}
