/**
 * The one table of the CartonCloud sale order → Starshipit order mapping: per Starshipit field,
 * where its value comes from by default, its type and limits, how its text is cleaned, and what to
 * do when it fails. Everything else reads it: the mapping (saleOrderToStarshipit.ts) takes each
 * default from here, the order's rules (starshipitOrder.ts) take types and limits from here, errors
 * name the CartonCloud field or the override from here, the Starshipit node lists the fields a user
 * can override from here (methods/resourceMapping.ts, Values per Customer), and
 * `npm run docs:mapping` writes the README's table from here.
 */
import { toCountryName } from './countries';
import { clean, createdTimeOf, textOf, type SaleOrder } from './saleOrder';

export type FieldType = 'string' | 'number' | 'boolean' | 'dateTime';
export type Cleaning = 'one line' | 'multi-line' | 'none';
export type FieldGroup = 'order' | 'destination' | 'sender_details';

/** What a default reads besides the sale order. */
export interface DefaultsContext {
	orderNumberSource?: 'customerReference' | 'numericId' | 'customerCodeAndReference';
	referenceSource?: 'customerName' | 'none';
	longInstructions?: 'truncate' | 'error';
	/** Reports a problem of the sale order itself (already in CartonCloud's terms) and skips the rule's own message for the field. */
	problem(message: string): void;
}

export interface OrderField {
	/** Starshipit's path: `reference`, `destination.street`. */
	path: string;
	/** The field's id in the editor and in node parameters (no dot: n8n reads `overrides.value.<id>`). */
	id: string;
	group: FieldGroup;
	/** Its key inside its group (`street`). */
	key: string;
	label: string;
	type: FieldType;
	/** Most characters Starshipit takes. */
	max?: number;
	required?: boolean;
	format?: 'country' | 'currency' | 'date' | 'metadata';
	cleaning: Cleaning;
	/** The sale-order field the default comes from, as errors name it (absent: not sent by default). */
	source?: string;
	/** The default in two or three words, for the editor's field list. */
	defaultShort: string;
	/** The default in full, for the mapping table in the docs. */
	defaultText: string;
	/** What to change in CartonCloud when the default fails the order. */
	fix?: string;
	/** The default value for a sale order; undefined: the field is not sent. */
	from?: (so: SaleOrder, context: DefaultsContext) => unknown;
}

const NOT_SENT = 'Not Sent';

type Extra = Partial<OrderField> & Pick<OrderField, 'defaultText'>;

function field(
	group: FieldGroup,
	key: string,
	label: string,
	type: FieldType,
	extra: Extra,
): OrderField {
	const path = group === 'order' ? key : `${group}.${key}`;
	return {
		path,
		id: path.replace('.', '_'),
		group,
		key,
		label,
		type,
		cleaning: type === 'string' ? 'one line' : 'none',
		defaultShort: NOT_SENT,
		...extra,
	};
}

const address = (so: SaleOrder) => so.details.deliver.address;
const COUNTRY = 'details.deliver.address.country';

/** The destination's country as CartonCloud reads it: the first of iso2Code, iso3Code, name that is given. */
const countryGiven = (so: SaleOrder) =>
	clean(address(so).country?.iso2Code) ??
	clean(address(so).country?.iso3Code) ??
	clean(address(so).country?.name);

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

/** Where each destination field comes from by default. */
const DESTINATION: Record<string, Extra> = {
	name: {
		required: true,
		source: 'details.deliver.address.contactName (or companyName)',
		defaultShort: 'Contact/Company',
		defaultText: '`details.deliver.address.contactName`, else `companyName`',
		fix: 'give the delivery address a contact or company name in CartonCloud',
		from: (so) => clean(address(so).contactName) ?? clean(address(so).companyName),
	},
	company: {
		source: 'details.deliver.address.companyName',
		defaultShort: 'Company Name',
		defaultText:
			'`details.deliver.address.companyName` when the address also has a contact name (else the company is the name)',
		from: (so) => (clean(address(so).contactName) ? clean(address(so).companyName) : undefined),
	},
	email: {
		source: 'details.deliver.address.email',
		defaultShort: 'Email',
		defaultText: '`details.deliver.address.email`',
		from: (so) => clean(address(so).email),
	},
	phone: {
		source: 'details.deliver.address.phone',
		defaultShort: 'Phone',
		defaultText: '`details.deliver.address.phone`',
		from: (so) => clean(address(so).phone),
	},
	building: {
		source: 'details.deliver.address.address2',
		defaultShort: 'Address 2',
		defaultText: '`details.deliver.address.address2`',
		from: (so) => clean(address(so).address2),
	},
	street: {
		required: true,
		source: 'details.deliver.address.address1',
		defaultShort: 'Address 1',
		defaultText: '`details.deliver.address.address1`',
		fix: 'fill in the first line of the delivery address in CartonCloud',
		from: (so) => clean(address(so).address1),
	},
	suburb: {
		required: true,
		source: 'details.deliver.address.suburb (or city)',
		defaultShort: 'Suburb or City',
		defaultText: '`details.deliver.address.suburb`, else `city`',
		fix: 'fill in the suburb of the delivery address in CartonCloud',
		from: (so) => clean(address(so).suburb) ?? clean(address(so).city),
	},
	city: {
		source: 'details.deliver.address.city',
		defaultShort: 'City',
		defaultText: '`details.deliver.address.city`',
		from: (so) => clean(address(so).city),
	},
	state: {
		source: 'details.deliver.address.state',
		defaultShort: 'State Code/Name',
		defaultText: '`details.deliver.address.state.code`, else `state.name`',
		from: (so) => clean(address(so).state?.code) ?? clean(address(so).state?.name),
	},
	post_code: {
		source: 'details.deliver.address.postcode',
		defaultShort: 'Postcode',
		defaultText: '`details.deliver.address.postcode` (text or a number)',
		fix: 'correct the postcode of the delivery address in CartonCloud',
		from: (so) => textOf(address(so).postcode),
	},
	country: {
		required: true,
		source: COUNTRY,
		defaultShort: 'Country',
		defaultText:
			'`details.deliver.address.country`: its `iso2Code`, `iso3Code` or `name` (the first one given, as CartonCloud reads it) turned into the country name Starshipit wants; an unknown country fails the order',
		fix: 'correct the country of the delivery address in CartonCloud',
		from: (so, context) => {
			const given = countryGiven(so);
			const name = toCountryName(given);
			if (!given) context.problem(`${COUNTRY}: is required`);
			else if (!name)
				context.problem(
					`${COUNTRY}: unknown country "${given}" (use an ISO code or a country name)`,
				);
			return name ?? given ?? '';
		},
	},
	delivery_instructions: {
		label: 'Delivery Instructions',
		cleaning: 'multi-line',
		source: 'details.deliver.instructions',
		defaultShort: 'Instructions',
		defaultText:
			'`details.deliver.instructions`, line breaks kept; over 100 characters cut to 100 (Options > Long Delivery Instructions can fail the order instead)',
		fix: 'shorten the delivery instructions in CartonCloud, or set Options > Long Delivery Instructions to cut them',
		from: (so, context) => {
			const instructions = clean(so.details.deliver.instructions);
			if (!instructions || instructions.length <= 100) return instructions;
			if (context.longInstructions !== 'error') return instructions.slice(0, 100);
			context.problem(
				`details.deliver.instructions: must be at most 100 characters for Starshipit (got ${instructions.length})`,
			);
			return instructions;
		},
	},
	tax_number: { defaultText: 'not sent' },
};

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
