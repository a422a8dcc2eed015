/**
 * The sale order Create sends, read from its parameters (field by field or as JSON, see
 * createFields.ts) and checked for what CartonCloud requires before anything is sent, so an error
 * names the sale order and the field instead of coming back as CartonCloud's 422.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { locatorValue } from '../common.descriptions';

const dateOnly = (value: unknown): string | null => (value ? String(value).slice(0, 10) : null);
const orNull = (value: unknown): string | null =>
	value === undefined || value === null || String(value).trim() === ''
		? null
		: String(value).trim();

export function bodyFromFields(context: IExecuteFunctions, i: number): IDataObject {
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

export function bodyFromJson(context: IExecuteFunctions, i: number): IDataObject {
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
export function validate(context: IExecuteFunctions, body: IDataObject, i: number): string {
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
