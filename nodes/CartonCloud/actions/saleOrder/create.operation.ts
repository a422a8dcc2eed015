import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { allOf, text } from '../../transport/conditions';
import { customerLocator, locatorValue } from '../common.descriptions';
import { forEachItem } from '../../../shared/items';
import type { ApiResponse } from '../../../shared/transport/request';
import { apiRequest, search } from '../../transport';
import { SALE_ORDERS } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Define Sale Order',
		name: 'defineBy',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Sale Order (JSON)',
		name: 'saleOrderJson',
		type: 'json',
		default:
			'{\n  "references": { "customer": "" },\n  "customer": { "id": "" },\n  "details": { "deliver": { "address": {} } },\n  "items": []\n}',
		description:
			"The outbound order in CartonCloud's JSON shape (references, customer, warehouse, details, items, properties)",
		displayOptions: { show: { defineBy: ['json'] } },
	},
	customerLocator({ required: true, displayOptions: { show: { defineBy: ['fields'] } } }),
	{
		displayName: 'Customer Reference',
		name: 'customerReference',
		type: 'string',
		required: true,
		default: '',
		description: "The customer's order number; CartonCloud rejects duplicates",
		displayOptions: { show: { defineBy: ['fields'] } },
	},
	{
		displayName: 'Delivery Address',
		name: 'deliveryAddress',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		displayOptions: { show: { defineBy: ['fields'] } },
		options: [
			{ displayName: 'Address Line 1', name: 'address1', type: 'string', default: '' },
			{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '' },
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
			{ displayName: 'Contact Name', name: 'contactName', type: 'string', default: '' },
			{
				displayName: 'Country Code',
				name: 'countryCode',
				type: 'string',
				default: '',
				placeholder: 'AU',
				description: 'ISO 3166 two-letter code',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '' },
			{
				displayName: 'State Code',
				name: 'stateCode',
				type: 'string',
				default: '',
				placeholder: 'NSW',
			},
			{ displayName: 'Suburb', name: 'suburb', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		displayOptions: { show: { defineBy: ['fields'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Product Code',
						name: 'productCode',
						type: 'string',
						default: '',
						description: "The warehouse product's code",
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0 },
					},
					{
						displayName: 'Unit of Measure',
						name: 'unitOfMeasure',
						type: 'string',
						default: '',
						placeholder: 'e.g. units, cartons, EA, CT',
						description:
							"Your tenant's code for the unit; empty uses the product's default unit (a code the tenant does not know rejects the line)",
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { defineBy: ['fields'] } },
		options: [
			{
				displayName: 'Allow Splitting',
				name: 'allowSplitting',
				type: 'boolean',
				default: true,
				description: 'Whether the order may be split across shipments',
			},
			{
				displayName: 'Delivery Instructions',
				name: 'deliveryInstructions',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Delivery Method',
				name: 'deliveryMethod',
				type: 'options',
				options: [
					{ name: 'Shipping', value: 'SHIPPING' },
					{ name: 'Pickup', value: 'PICKUP' },
				],
				default: 'SHIPPING',
			},
			{
				displayName: 'Delivery Required Date',
				name: 'deliveryRequiredDate',
				type: 'dateTime',
				default: '',
			},
			{ displayName: 'Packing Instructions', name: 'instructions', type: 'string', default: '' },
			{
				displayName: 'Requested Service',
				name: 'requestedService',
				type: 'string',
				default: '',
				placeholder: 'Express',
			},
			{
				displayName: 'Ship Date',
				name: 'shipDate',
				type: 'dateTime',
				default: '',
				description: 'The date the order should leave the warehouse',
			},
			{
				displayName: 'Urgent',
				name: 'urgent',
				type: 'boolean',
				default: false,
				description: 'Whether the order is urgent',
			},
			{
				displayName: 'Warehouse Name',
				name: 'warehouseName',
				type: 'string',
				default: '',
				description: "Exact warehouse name; the tenant's default warehouse when empty",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['create'] } },
	properties,
);

const dateOnly = (value: unknown): string | null => (value ? String(value).slice(0, 10) : null);
const orNull = (value: unknown): string | null =>
	value === undefined || value === null || String(value).trim() === ''
		? null
		: String(value).trim();

function bodyFromFields(context: IExecuteFunctions, i: number): IDataObject {
	const address = context.getNodeParameter('deliveryAddress', i, {}) as IDataObject;
	const extra = context.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const lines =
		((context.getNodeParameter('items', i, {}) as IDataObject).item as IDataObject[] | undefined) ??
		[];
	const body: IDataObject = {
		type: 'OUTBOUND',
		references: { customer: String(context.getNodeParameter('customerReference', i, '')).trim() },
		customer: { id: locatorValue(context, 'customer', i) },
		details: {
			urgent: extra.urgent ?? false,
			instructions: orNull(extra.instructions),
			collect: { requiredDate: dateOnly(extra.shipDate) },
			deliver: {
				address: {
					companyName: orNull(address.companyName),
					contactName: orNull(address.contactName),
					address1: orNull(address.address1),
					address2: orNull(address.address2),
					suburb: orNull(address.suburb),
					city: orNull(address.city),
					postcode: orNull(address.postcode),
					phone: orNull(address.phone),
					email: orNull(address.email),
					state: orNull(address.stateCode) ? { code: orNull(address.stateCode) } : null,
					country: orNull(address.countryCode) ? { iso2Code: orNull(address.countryCode) } : null,
				},
				method: {
					type: extra.deliveryMethod ?? 'SHIPPING',
					requestedService: orNull(extra.requestedService),
				},
				instructions: orNull(extra.deliveryInstructions),
				requiredDate: dateOnly(extra.deliveryRequiredDate),
			},
			allowSplitting: extra.allowSplitting ?? true,
		},
		items: lines.map((line) => {
			// No unit: CartonCloud uses the product's default ("If not provided the default for the product will be used").
			const unit = String(line.unitOfMeasure ?? '').trim();
			return {
				details: {
					product: { references: { code: String(line.productCode ?? '').trim() } },
					...(unit ? { unitOfMeasure: { type: unit } } : {}),
				},
				measures: { quantity: Number(line.quantity) },
			};
		}),
	};
	if (orNull(extra.warehouseName)) body.warehouse = { name: orNull(extra.warehouseName) };
	return body;
}

function bodyFromJson(context: IExecuteFunctions, i: number): IDataObject {
	const raw = context.getNodeParameter('saleOrderJson', i, '{}') as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch {
			parsed = undefined;
		}
	}
	if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
		// Fields CartonCloud sets itself are left out, so an order read from CartonCloud can be sent back.
		const body: IDataObject = { type: 'OUTBOUND', ...(parsed as IDataObject) };
		for (const key of ['id', 'status', 'version', 'timestamps']) delete body[key];
		return body;
	}
	throw new NodeOperationError(context.getNode(), '"Sale Order (JSON)" is not a JSON object', {
		itemIndex: i,
	});
}

/** Checks what CartonCloud requires before sending, so the error names the sale order and the field. */
function validate(context: IExecuteFunctions, body: IDataObject, i: number): string {
	const reference = String((body.references as IDataObject | undefined)?.customer ?? '').trim();
	const subject = reference ? `Sale order "${reference}"` : `Sale order of item ${i + 1}`;
	const fail = (field: string, message: string): never => {
		throw new NodeOperationError(context.getNode(), `${subject}: ${message}`, {
			itemIndex: i,
			description: `Field: ${field}`,
		});
	};
	if (!reference)
		fail('references.customer (Customer Reference)', 'the customer reference is empty');
	const customer = (body.customer as IDataObject | undefined) ?? {};
	if (
		![customer.id, customer.name, (customer.references as IDataObject | undefined)?.code].some(
			(v) => typeof v === 'string' && v.trim() !== '',
		)
	) {
		fail('customer (Customer)', 'no customer is chosen');
	}
	const address = ((body.details as IDataObject | undefined)?.deliver as IDataObject | undefined)
		?.address as IDataObject | undefined;
	if (!address || (!orNull(address.companyName) && !orNull(address.contactName))) {
		fail(
			'details.deliver.address (Delivery Address)',
			'the delivery address needs a company name or a contact name',
		);
	}
	const lines = body.items;
	if (!Array.isArray(lines) || lines.length === 0) fail('items (Items)', 'the order has no items');
	(lines as IDataObject[]).forEach((line, n) => {
		const product =
			((line.details as IDataObject | undefined)?.product as IDataObject | undefined) ?? {};
		const refs = (product.references as IDataObject | undefined) ?? {};
		if (
			![product.id, product.name, refs.code, refs.barcode].some(
				(v) => typeof v === 'string' && v.trim() !== '',
			)
		) {
			fail(`items[${n}].details.product (Product Code)`, `item ${n + 1} has no product`);
		}
		const quantity = Number((line.measures as IDataObject | undefined)?.quantity);
		if (!Number.isFinite(quantity) || quantity <= 0)
			fail(`items[${n}].measures.quantity (Quantity)`, `item ${n + 1} needs a quantity above 0`);
	});
	return reference;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const defineBy = this.getNodeParameter('defineBy', i, 'fields') as string;
		const body = defineBy === 'json' ? bodyFromJson(this, i) : bodyFromFields(this, i);
		const reference = validate(this, body, i);
		const customer = (body.customer as IDataObject) ?? {};
		const startedAt = Date.now();

		// A create is not idempotent: after a 5xx or a dropped connection, look for the order by its
		// reference (created in the last few minutes, same customer) before sending it again.
		const reconcile = async (): Promise<ApiResponse | undefined> => {
			const conditions = [text('/references/customer', reference)];
			if (typeof customer.id === 'string' && customer.id)
				conditions.push(text('/customer/id', customer.id));
			const found = await search(this, SALE_ORDERS, allOf(conditions), {
				returnAll: false,
				limit: 20,
				itemIndex: i,
			});
			const match = found.find((order) => {
				const created = Date.parse(
					String(
						((order.timestamps as IDataObject | undefined)?.created as IDataObject | undefined)
							?.time ?? '',
					),
				);
				const c = (order.customer as IDataObject | undefined) ?? {};
				const sameCustomer =
					(!customer.id || c.id === customer.id) &&
					(!customer.name || c.name === customer.name) &&
					(!(customer.references as IDataObject | undefined)?.code ||
						(c.references as IDataObject | undefined)?.code ===
							(customer.references as IDataObject).code);
				return sameCustomer && Number.isFinite(created) && created >= startedAt - 5 * 60_000;
			});
			return match
				? { statusCode: match.status === 'REJECTED' ? 228 : 201, headers: {}, body: match }
				: undefined;
		};

		const response = await apiRequest<IDataObject>(this, {
			method: 'POST',
			path: SALE_ORDERS,
			body,
			itemIndex: i,
			reconcile,
			create: true,
		});
		const order = response.body ?? {};
		// 228 "Created with issues": the order exists, in REJECTED, with its problems in details.errors.
		const createdWithIssues = response.statusCode === 228;
		const issues =
			((order.details as IDataObject | undefined)?.errors as IDataObject[] | undefined) ?? [];
		return { ...order, createdWithIssues, ...(createdWithIssues ? { issues } : {}) };
	});
}
