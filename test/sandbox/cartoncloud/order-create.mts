/**
 * Create Outbound Order (reference §3, §3.2, §6): 422 for invalid content (all problems at once,
 * each with a JSON pointer), 422 DUPLICATE for a repeated customer reference of the same customer,
 * 201 for a good order and 228 "Created with issues" (status REJECTED, `details.errors`) when the
 * structure is fine but products or stock are not.
 */
import { customerRef, productUnit } from './domain.mts';
import type { CartonCloudSandbox } from './index.mts';
import type { OrderItem, OutboundOrder } from './types.mts';
import { clone, formatTime, invalid, isObject, type Json, nonEmptyString } from './util.mts';
import {
	addressQuality,
	collector,
	resolveCustomer,
	resolveWarehouse,
	validateAddress,
	validateBoolean,
	validateDate,
	validateMoney,
} from './validate.mts';

const obj = (v: unknown): Json => (isObject(v) ? v : {});

export function createOutboundOrder(
	sb: CartonCloudSandbox,
	body: unknown,
): { status: 201 | 228; order: OutboundOrder } {
	const world = sb.world;
	if (!isObject(body)) invalid({ field: '/', message: 'Request body must be a JSON object' });
	const { errors, err } = collector();

	// UNCONFIRMED: `type` is required to be "OUTBOUND" and read-only fields are rejected rather than
	// ignored (strict), so a client echoing a fetched order back notices.
	if (body.type !== 'OUTBOUND') err('/type', "type must be 'OUTBOUND'");
	for (const key of ['id', 'status', 'version', 'timestamps']) {
		if (body[key] !== undefined && body[key] !== null) err(`/${key}`, `${key} is read-only`);
	}
	const refs = obj(body.references);
	if (!nonEmptyString(refs.customer)) err('/references/customer', 'Customer reference is required');

	const customer = isObject(body.customer) ? resolveCustomer(world, body.customer) : undefined;
	if (!isObject(body.customer))
		err('/customer', 'customer is required (id, references.code or name)');
	else if (!customer) err('/customer', 'Customer does not exist');
	const warehouse = resolveWarehouse(world, body.warehouse, '/warehouse', err);

	const details = obj(body.details);
	const deliver = obj(details.deliver);
	const address = validateAddress(deliver.address, '/details/deliver/address', err);
	const method = deliver.method;
	if (method !== undefined && method !== null) {
		const type = obj(method).type;
		if (type !== undefined && type !== null && type !== 'SHIPPING' && type !== 'PICKUP') {
			err('/details/deliver/method/type', 'method type must be SHIPPING or PICKUP');
		}
	}
	validateDate(obj(details.collect).requiredDate, '/details/collect/requiredDate', err);
	validateDate(deliver.requiredDate, '/details/deliver/requiredDate', err);
	validateBoolean(details.urgent, '/details/urgent', err);
	validateBoolean(details.allowSplitting, '/details/allowSplitting', err);
	validateMoney(details.invoiceValue, '/details/invoiceValue', err);
	validateMoney(deliver.cashPaymentAmount, '/details/deliver/cashPaymentAmount', err);
	if (body.properties !== undefined && body.properties !== null && !isObject(body.properties))
		err('/properties', 'properties must be an object');

	const items = Array.isArray(body.items) ? body.items : [];
	// UNCONFIRMED: an order without items is rejected with 422 (strict).
	if (items.length === 0) err('/items', 'At least one item is required');
	items.forEach((raw, i) => {
		const at = `/items/${i}`;
		const d = obj(obj(raw).details);
		const p = obj(d.product);
		const refsP = obj(p.references);
		if (![p.id, refsP.code, refsP.barcode, p.name].some(nonEmptyString)) {
			err(
				`${at}/details/product`,
				'Product is required (id, references.code, references.barcode or name)',
			);
		}
		// D: "If not provided the default for the product will be used"; a given one must be a code.
		const uomType = obj(d.unitOfMeasure).type;
		if (uomType !== undefined && uomType !== null && typeof uomType !== 'string')
			err(`${at}/details/unitOfMeasure/type`, 'Unit of measure must be a unit code');
		const qty = obj(obj(raw).measures).quantity;
		if (typeof qty !== 'number' || !Number.isFinite(qty) || qty <= 0)
			err(`${at}/measures/quantity`, 'quantity must be a number > 0');
		if (d.approximateUnitPrice !== undefined && d.approximateUnitPrice !== null) {
			validateMoney(d.approximateUnitPrice, `${at}/details/approximateUnitPrice`, err);
		}
	});
	if (errors.length > 0 || !customer || !address || !warehouse) invalid(errors);

	const reference = refs.customer as string;
	const duplicate = [...world.orders.values()].find(
		(o) => o.customer.id === customer.id && o.references.customer === reference,
	);
	if (duplicate) {
		invalid({
			field: '/references/customer',
			message: `A Sale Order with reference '${reference}' already exists for this customer`,
			type: 'DUPLICATE',
			details: { duplicateId: duplicate.id },
		});
	}
	if (!world.settings.get(customer.id)?.allowInvalidAddresses) {
		addressQuality(address, '/details/deliver/address', err);
		if (errors.length > 0) invalid(errors);
	}

	// Stock and product problems do not fail the request: the order is created REJECTED (228).
	const problems: string[] = [];
	const catalogue = world.products.filter((p) => p.customerId === customer.id);
	const wanted = new Map<string, number>();
	const orderItems: OrderItem[] = items.map((raw) => {
		const d = obj(obj(raw).details);
		const p = obj(d.product);
		const r = obj(p.references);
		const quantity = obj(obj(raw).measures).quantity as number;
		const named = obj(d.unitOfMeasure).type;
		const uom = nonEmptyString(named) ? named.trim() : undefined;
		// One of id, references.code, references.barcode or name; the first supplied wins.
		const product = nonEmptyString(p.id)
			? catalogue.find((c) => c.id === p.id)
			: nonEmptyString(r.code)
				? catalogue.find((c) => c.code === r.code)
				: nonEmptyString(r.barcode)
					? catalogue.find((c) => c.barcode === r.barcode)
					: catalogue.find((c) => c.name === p.name);
		const label = [p.id, r.code, r.barcode, p.name].find(nonEmptyString) as string;
		// UNCONFIRMED: the code is matched without regard to case (the docs' examples name UNITS on a
		// line and key a product's units "units"); an unknown code rejects the order (228, error
		// 10455 "Product error invalid Unit Of Measure" in D's list).
		const unit = product && productUnit(product, uom);
		if (!product) problems.push(`Product '${label}' does not exist for customer ${customer.name}`);
		else if (!unit)
			problems.push(
				`${product.name} (${product.code}) x ${quantity} ${uom} - Product error invalid Unit Of Measure`,
			);
		else wanted.set(product.id, (wanted.get(product.id) ?? 0) + quantity * unit.baseQty);
		return {
			id: sb.newId(),
			details: {
				product: product
					? { id: product.id, references: { code: product.code }, name: product.name }
					: clone(p as OrderItem['details']['product']),
				// A line naming no unit gets the product's default (D); a named one is kept as sent.
				unitOfMeasure: { type: uom ?? product?.defaultUnit ?? '' },
				...(d.approximateUnitPrice
					? {
							approximateUnitPrice: clone(
								d.approximateUnitPrice as { amount: number; currency: string },
							),
						}
					: {}),
			},
			// The documented outbound item has no weight (issue 13, point 4): it is on the product.
			measures: { quantity },
			properties: isObject(obj(raw).properties) ? clone(obj(raw).properties as Json) : {},
		};
	});
	for (const [productId, quantity] of wanted) {
		const product = catalogue.find((p) => p.id === productId)!;
		if (quantity > product.available) {
			problems.push(
				`Insufficient stock for product ${product.code}: requested ${quantity}, available ${product.available}`,
			);
		}
	}
	const rejected = problems.length > 0;
	if (!rejected)
		for (const [productId, quantity] of wanted)
			catalogue.find((p) => p.id === productId)!.available -= quantity;

	const time = formatTime(sb.now());
	const m = obj(method);
	const order: OutboundOrder = {
		id: sb.newId(),
		type: 'OUTBOUND',
		// UNCONFIRMED: a good API-created order starts in AWAITING_PICK_AND_PACK (the usual first
		// working status; DRAFT is for manual entry per KB-so).
		status: rejected ? 'REJECTED' : 'AWAITING_PICK_AND_PACK',
		version: 1,
		references: { ...clone(refs), customer: reference, numericId: String(world.nextNumericId++) },
		customer: customerRef(customer),
		warehouse,
		details: {
			urgent: details.urgent === true,
			instructions: typeof details.instructions === 'string' ? details.instructions : null,
			collect: { requiredDate: (obj(details.collect).requiredDate as string | undefined) ?? null },
			deliver: {
				address,
				method: {
					type: m.type === 'PICKUP' ? 'PICKUP' : 'SHIPPING',
					requestedService: typeof m.requestedService === 'string' ? m.requestedService : null,
				},
				instructions: typeof deliver.instructions === 'string' ? deliver.instructions : null,
				requiredDate: (deliver.requiredDate as string | undefined) ?? null,
			},
			invoiceValue: isObject(details.invoiceValue)
				? (clone(details.invoiceValue) as { amount: number; currency: string })
				: null,
			allowSplitting: details.allowSplitting !== false,
			...(rejected ? { errors: problems.map((message) => ({ message, isResolved: false })) } : {}),
		},
		properties: isObject(body.properties) ? clone(body.properties) : {},
		items: orderItems,
		timestamps: { created: { time }, modified: { time } },
	};
	world.orders.set(order.id, order);
	return { status: rejected ? 228 : 201, order };
}
