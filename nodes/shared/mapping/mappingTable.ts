/**
 * The one table of the CartonCloud sale order → Starshipit order mapping: per Starshipit field,
 * where its value comes from by default, its type and limits, how its text is cleaned, and what to
 * do when it fails. Everything else reads it: the mapping (saleOrderToStarshipit.ts) takes each
 * default from here, the order's rules (starshipitOrder.ts) take types and limits from here, errors
 * name the CartonCloud field or the override from here, the Starshipit node lists the fields a user
 * can override from here (methods/resourceMapping.ts, Values per Customer), and
 * `npm run docs:mapping` writes the README's table from here.
 *
 * What a row is (`OrderField`) and the helper that makes one are in orderField.ts; the
 * destination's defaults, the longest part of the table, in destinationDefaults.ts.
 */
import { DESTINATION } from './destinationDefaults';
import { field, type DefaultsContext, type OrderField } from './orderField';
import { clean, createdTimeOf, textOf, type SaleOrder } from './saleOrder';

function orderNumberOf(so: SaleOrder, context: DefaultsContext): string | undefined {
	if (context.orderNumberSource === 'numericId') return textOf(so.references.numericId);
	const reference = clean(so.references.customer);
	if (context.orderNumberSource !== 'customerCodeAndReference') return reference;
	// Customer references are unique per customer, not per tenant: the code prefix keeps two customers apart.
	const code = clean(so.customer?.references?.code);
	return code && reference ? `${code}-${reference}` : undefined;
}

/** Address fields both the destination and the sender have, with Starshipit's limits (reference §4.3). */
const ADDRESS: Array<[key: string, label: string, max: number | undefined]> = [
	['name', 'Name', 100],
	['company', 'Company', 100],
	['email', 'Email', 100],
	['phone', 'Phone', 100],
	['building', 'Building', 100],
	['street', 'Street', 100],
	['suburb', 'Suburb', 100],
	['city', 'City', 100],
	['state', 'State', 100],
	['post_code', 'Post Code', 10],
	['country', 'Country', undefined],
	['delivery_instructions', 'Delivery Instructions', 100],
	['tax_number', 'Tax Number', 20],
];

const SENDER_DEFAULT = "not sent: Starshipit uses the account's own sender address";

/** Every Starshipit order field the mapping fills or a user may set, in Starshipit's order. */
export const ORDER_FIELDS: readonly OrderField[] = [
	field('order', 'order_number', 'Order Number', 'string', {
		max: 50,
		required: true,
		source: 'references.customer',
		defaultShort: 'Customer Reference',
		defaultText:
			'`references.customer` (Options > Order Number From can take `references.numericId`, or the customer code and the reference); never cut, so over 50 characters fails the order',
		fix: 'give the sale order a customer reference of at most 50 characters in CartonCloud, or choose another Order Number From',
		from: orderNumberOf,
	}),
	field('order', 'reference', 'Reference', 'string', {
		max: 50,
		source: 'customer.name',
		defaultShort: 'Customer Name',
		defaultText:
			'`customer.name`, cut to 50 characters (Options > Reference From: Nothing leaves it empty)',
		from: (so, context) =>
			context.referenceSource === 'none' ? undefined : clean(so.customer?.name)?.slice(0, 50),
	}),
	field('order', 'order_date', 'Order Date', 'dateTime', {
		format: 'date',
		source: 'timestamps.created.time',
		defaultShort: 'Created Time',
		defaultText:
			'`timestamps.created.time`, in UTC; a time that does not read as a date fails the order',
		fix: 'correct the created time of the sale order',
		from: (so, context) => {
			const created = createdTimeOf(so);
			// A date that cannot be read is bad input, not "now": the order date also bounds the existence check's listing.
			if (created.text && !created.iso)
				context.problem(`timestamps.created.time: "${created.text}" is not a date`);
			return created.iso;
		},
	}),
	field('order', 'shipping_method', 'Shipping Method', 'string', {
		max: 100,
		source: 'details.deliver.method.requestedService',
		defaultShort: 'Requested Service',
		defaultText:
			"`details.deliver.method.requestedService` (Starshipit's rules match on it to choose the carrier)",
		from: (so) => clean(so.details.deliver.method?.requestedService),
	}),
	field('order', 'shipping_description', 'Shipping Description', 'string', {
		max: 100,
		defaultText: 'not sent',
	}),
	field('order', 'carrier', 'Carrier', 'string', {
		max: 100,
		defaultText: "not sent: Starshipit's rules choose the carrier",
	}),
	field('order', 'carrier_service_code', 'Carrier Service Code', 'string', {
		max: 100,
		defaultText: "not sent: Starshipit's rules choose the service",
	}),
	field('order', 'signature_required', 'Signature Required', 'boolean', {
		defaultText: "not sent: the carrier's default",
	}),
	field('order', 'authority_to_leave', 'Authority to Leave', 'boolean', {
		defaultText: "not sent: the carrier's default",
	}),
	field('order', 'dangerous_goods', 'Dangerous Goods', 'boolean', { defaultText: 'not sent' }),
	field('order', 'currency', 'Currency', 'string', {
		format: 'currency',
		source: 'details.invoiceValue.currency',
		defaultShort: 'Invoice Currency',
		defaultText: '`details.invoiceValue.currency`',
		from: (so) => clean(so.details.invoiceValue?.currency),
	}),
	field('order', 'declared_value', 'Declared Value', 'number', { defaultText: 'not sent' }),
	field('order', 'metadatas', 'Custom Fields as Metadata', 'string', {
		format: 'metadata',
		defaultText:
			'not sent. Give the Mapped Field names of CartonCloud custom fields (`properties`), separated by commas: each one the sale order has is sent as a metadata entry (`metafield_key` = the name, `value` = its value as text)',
	}),
	...ADDRESS.map(([key, label, max]) =>
		field('destination', key, `Destination ${label}`, 'string', {
			max,
			format: key === 'country' ? 'country' : undefined,
			...DESTINATION[key],
		}),
	),
	...ADDRESS.filter(([key]) => key !== 'delivery_instructions').map(([key, label, max]) =>
		field('sender_details', key, `Sender ${label}`, 'string', {
			max,
			format: key === 'country' ? 'country' : undefined,
			defaultText: SENDER_DEFAULT,
		}),
	),
];

export const FIELDS_BY_PATH: ReadonlyMap<string, OrderField> = new Map(
	ORDER_FIELDS.map((f) => [f.path, f]),
);
export const FIELDS_BY_ID: ReadonlyMap<string, OrderField> = new Map(
	ORDER_FIELDS.map((f) => [f.id, f]),
);

/** The field as the editor lists it: its name and where its value comes from unless overridden. */
export const editorLabelOf = (f: OrderField): string => `${f.label} ← ${f.defaultShort}`;

/** Item fields: filled from each sale-order line, not overridable; here for error paths and the docs. */
export const ITEM_FIELDS: ReadonlyArray<{
	key: string;
	source: string;
	limits: string;
	defaultText: string;
}> = [
	{
		key: 'sku',
		source: 'details.product.references.code',
		limits: 'text, at most 50 characters',
		defaultText: '`details.product.references.code`',
	},
	{
		key: 'description',
		source: 'details.product.name',
		limits: 'text, at most 500 characters',
		defaultText: '`details.product.name`, else the product code',
	},
	{
		key: 'quantity',
		source: 'measures.quantity',
		limits: 'number, greater than 0',
		defaultText: '`measures.quantity`',
	},
	{
		key: 'weight',
		source: 'measures.weight',
		limits: 'kg per unit, at most 1000',
		defaultText:
			"the warehouse product's weight for the line's unit of measure (the CartonCloud node's Add Product Weights; a carton without its own weight weighs its base quantity times the base unit), else a line `measures.weight` ÷ quantity, else Options > Default Item Weight; none of these fails the order",
	},
	{
		key: 'value',
		source: 'details.approximateUnitPrice.amount',
		limits: 'number, not negative',
		defaultText: '`details.approximateUnitPrice.amount`',
	},
];

export const PACKAGES_TEXT =
	"not sent: Starshipit's packaging rules decide. The Packages option can send one box of a fixed size (in metres) weighing what the items weigh, or one package per unit shipped, sized from the warehouse product's length, width and height for the line's unit of measure, divided by the stated unit (Product Dimensions In, default millimetres) to make metres; a unit without dimensions fails the order";
