/**
 * CartonCloud entities in their simplified form (Output: Simplified, the default for an AI
 * agent): what an agent needs to answer questions about an order, and nothing it would pay for in
 * tokens without use (product weights, warehouse ids, versions, phone numbers and e-mails).
 * A sale order as CartonCloud returns it is about 2,400 characters; a simplified row about 200.
 */
import type { IDataObject } from 'n8n-workflow';
import { withoutEmpty } from '../../shared/output';

type Tree = IDataObject | undefined;

const at = (value: unknown, ...path: string[]): unknown => {
	let current = value;
	for (const key of path)
		current =
			current !== null && typeof current === 'object' ? (current as IDataObject)[key] : undefined;
	return current;
};
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: undefined;

/** City (or suburb) and country name of an address. */
function place(address: Tree): IDataObject {
	return {
		city: text(at(address, 'city')) ?? text(at(address, 'suburb')),
		country: text(at(address, 'country', 'name')) ?? text(at(address, 'country', 'iso2Code')),
	};
}

/** One sale order of a list: ID, customer reference, status, customer, destination, created and modified. */
export function simpleSaleOrder(order: IDataObject): IDataObject {
	return withoutEmpty({
		id: text(order.id),
		reference: text(at(order, 'references', 'customer')),
		status: text(order.status),
		customer: text(at(order, 'customer', 'name')),
		...place(at(order, 'details', 'deliver', 'address') as Tree),
		created: text(at(order, 'timestamps', 'created', 'time')),
		modified: text(at(order, 'timestamps', 'modified', 'time')),
	});
}

/** One sale order asked for by ID: the list row, plus where it goes, how, what is in it and when each status was reached. */
export function simpleSaleOrderDetail(order: IDataObject): IDataObject {
	const address = at(order, 'details', 'deliver', 'address') as Tree;
	const times: IDataObject = {};
	for (const [stamp, value] of Object.entries(
		(at(order, 'timestamps') as IDataObject | undefined) ?? {},
	)) {
		const time = text(at(value, 'time'));
		if (time) times[stamp] = time;
	}
	const items = Array.isArray(order.items) ? (order.items as IDataObject[]) : [];
	return withoutEmpty({
		...simpleSaleOrder(order),
		warehouse: text(at(order, 'warehouse', 'name')),
		deliver_to: withoutEmpty({
			name: text(at(address, 'contactName')),
			company: text(at(address, 'companyName')),
			street: [text(at(address, 'address1')), text(at(address, 'address2'))]
				.filter(Boolean)
				.join(', '),
			suburb: text(at(address, 'suburb')),
			state: text(at(address, 'state', 'code')),
			postcode: text(at(address, 'postcode')),
			country: text(at(address, 'country', 'name')),
		}),
		service: text(at(order, 'details', 'deliver', 'method', 'requestedService')),
		urgent: at(order, 'details', 'urgent') === true ? true : undefined,
		instructions:
			text(at(order, 'details', 'deliver', 'instructions')) ??
			text(at(order, 'details', 'instructions')),
		items: items.map((item) =>
			withoutEmpty({
				sku: text(at(item, 'details', 'product', 'references', 'code')),
				name: text(at(item, 'details', 'product', 'name')),
				quantity: at(item, 'measures', 'quantity') as number | undefined,
				unit: text(at(item, 'details', 'unitOfMeasure', 'type')),
			}),
		),
		timestamps: times,
	});
}

/** A consignment: ID, customer reference, status, customer, destination, carrier and tracking. */
export function simpleConsignment(consignment: IDataObject): IDataObject {
	return withoutEmpty({
		id: text(consignment.id),
		reference: text(at(consignment, 'references', 'customer')),
		status: text(consignment.status),
		type: text(at(consignment, 'details', 'type')),
		customer: text(at(consignment, 'customer', 'name')),
		...place(at(consignment, 'details', 'deliver', 'address') as Tree),
		carrier: text(at(consignment, 'details', 'tracking', 'companyName')),
		tracking_number: text(at(consignment, 'references', 'tracking')),
		tracking_url: text(at(consignment, 'details', 'tracking', 'url')),
	});
}

/** A customer (the 3PL client who owns orders): ID, name and code. */
export function simpleCustomer(customer: IDataObject): IDataObject {
	return withoutEmpty({
		id: text(customer.id),
		name: text(customer.name),
		code: text(at(customer, 'references', 'code')),
	});
}
