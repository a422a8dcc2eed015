/**
 * What Create and Create Many read from each input item: either fields set in the UI, or a
 * CartonCloud sale order mapped by the shared mapping module. Both end in the same check
 * (`starshipitOrder`).
 * The parameters themselves are described in `orderInput`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { itemParameter } from '../../../../shared/parameters';
import { FIELDS_BY_PATH } from '../../../../shared/mapping/mappingTable';
import { readOverride } from '../../../../shared/mapping/overrides';
import { overridesOf, packagesOptionOf } from './readOverrides';
import {
	mapSaleOrderToStarshipit,
	saleOrderDate,
	toCountryName,
	validateStarshipitOrder,
	type SaleOrderMappingOptions,
	type StarshipitOrder,
} from '../../../../shared/mapping/saleOrderToStarshipit';

/** Drops UI blanks (empty strings, zero numbers where zero means "not set"). */
function compact(values: IDataObject, keepZero: string[] = []): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === '' || value === undefined || value === null) continue;
		if (value === 0 && !keepZero.includes(key)) continue;
		out[key] = typeof value === 'string' ? value.trim() : value;
	}
	return out;
}

/** The order-level fields of the "Order Fields" collection, in Starshipit's names. */
export function readOrderFields(fields: IDataObject): IDataObject {
	const { metadata, order_date: orderDate, ...rest } = fields;
	const out = compact(rest);
	if (typeof orderDate === 'string' && orderDate)
		out.order_date = new Date(orderDate).toISOString();
	const metadataRows = ((metadata as IDataObject | undefined)?.field ?? []) as IDataObject[];
	if (metadataRows.length) {
		out.metadatas = metadataRows
			.filter((m) => m.key)
			.map((m) => ({ metafield_key: String(m.key), value: String(m.value ?? '') }));
	}
	return out;
}

export function readPackages(raw: IDataObject | undefined): IDataObject[] {
	return ((raw?.package ?? []) as IDataObject[]).map((p) => compact(p));
}

/** The CartonCloud sale order an order was mapped from (sale-order mode only). */
export interface SourceSaleOrder {
	id?: string;
	/** `references.customer`. */
	reference?: string;
	customer?: string;
}

export interface BuiltOrder {
	order: StarshipitOrder;
	orderNumber: string;
	saleOrder?: SourceSaleOrder;
}

const ORDER_DATE = FIELDS_BY_PATH.get('order_date')!;

const textOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: undefined;

function sourceOf(saleOrder: unknown): SourceSaleOrder {
	const so = (saleOrder ?? {}) as {
		id?: unknown;
		references?: { customer?: unknown };
		customer?: { name?: unknown; id?: unknown };
	};
	return {
		id: textOf(so.id),
		reference: textOf(so.references?.customer),
		customer: textOf(so.customer?.name) ?? textOf(so.customer?.id),
	};
}

/**
 * The sale order of item `i` (sale-order mode), JSON text parsed. For `={{ $json }}` it is the item
 * itself, not a copy: the mapping only reads the sale order, never changes it.
 */
function readSaleOrder(context: IExecuteFunctions, itemIndex: number): unknown {
	const saleOrder = itemParameter<unknown>(context, 'saleOrder', itemIndex, undefined);
	if (typeof saleOrder !== 'string') return saleOrder;
	try {
		return JSON.parse(saleOrder);
	} catch {
		throw new NodeOperationError(context.getNode(), 'Sale Order is not valid JSON', { itemIndex });
	}
}

const orderDefaults = (context: IExecuteFunctions, itemIndex: number) =>
	readOrderFields(itemParameter(context, 'orderFields', itemIndex, {} as IDataObject));

/** Version 2's sale-order mode: Order Fields override the mapping instead of filling it (saleOrderFields.ts). */
const overridable = (context: IExecuteFunctions) => context.getNode().typeVersion >= 2;

/**
 * The order date item `i`'s order will carry, read without building the order, so the existence
 * check's listing can start before the mapping. Undefined when there is none or it cannot be read:
 * the listing then reaches back the look-back days, and the item's own error comes from `buildOrder`.
 */
export function orderDateOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		if (itemParameter<string>(context, 'inputMode', itemIndex, '') !== 'saleOrder') {
			const date = orderDefaults(context, itemIndex).order_date;
			return typeof date === 'string' ? date : undefined;
		}
		const saleOrder = readSaleOrder(context, itemIndex);
		if (!overridable(context)) return saleOrderDate(saleOrder, orderDefaults(context, itemIndex));
		const override = overridesOf(context, itemIndex, saleOrder, ORDER_DATE.id)?.[ORDER_DATE.id];
		const given = override ? readOverride(ORDER_DATE, override.value, undefined) : undefined;
		return given?.kind === 'value' ? String(given.value) : saleOrderDate(saleOrder);
	} catch {
		return undefined;
	}
}

/** The order of item `i`, validated; throws a NodeOperationError naming the order and field. */
export function buildOrder(
	context: IExecuteFunctions,
	itemIndex: number,
	onOrderNumber: (n: string) => void,
): BuiltOrder {
	const mode = itemParameter<string>(context, 'inputMode', itemIndex, '');
	const fail = (errors: string[]) =>
		new NodeOperationError(context.getNode(), errors[0], {
			itemIndex,
			description: errors.length > 1 ? errors.join('\n') : undefined,
		});

	if (mode === 'saleOrder') {
		const saleOrder = readSaleOrder(context, itemIndex);
		const refs = (saleOrder as { references?: { customer?: unknown } } | null)?.references;
		if (typeof refs?.customer === 'string') onOrderNumber(refs.customer);
		// The one Options collection also holds the look-back (read by createOrders); the mapping ignores it.
		const options = itemParameter(context, 'options', itemIndex, {} as SaleOrderMappingOptions);
		const mapped = mapSaleOrderToStarshipit(
			saleOrder,
			overridable(context)
				? {
						...options,
						overrides: overridesOf(context, itemIndex, saleOrder),
						packages: packagesOptionOf(context, itemIndex),
						explain: true,
					}
				: {
						...options,
						defaults: orderDefaults(context, itemIndex) as SaleOrderMappingOptions['defaults'],
					},
		);
		if (!mapped.ok) throw fail(mapped.errors);
		onOrderNumber(mapped.order.order_number);
		return {
			order: mapped.order,
			orderNumber: mapped.order.order_number,
			saleOrder: sourceOf(saleOrder),
		};
	}

	const defaults = orderDefaults(context, itemIndex);
	const orderNumber = String(context.getNodeParameter('orderNumber', itemIndex, '')).trim();
	onOrderNumber(orderNumber);
	const address = compact(
		((context.getNodeParameter('destination', itemIndex, {}) as IDataObject).address ??
			{}) as IDataObject,
	);
	if (typeof address.country === 'string')
		address.country = toCountryName(address.country) ?? address.country;
	const items = (
		((context.getNodeParameter('items', itemIndex, {}) as IDataObject).item ?? []) as IDataObject[]
	).map((item) => compact(item, ['quantity']));
	const packages = readPackages(context.getNodeParameter('packages', itemIndex, {}) as IDataObject);
	const order: IDataObject = { ...defaults, order_number: orderNumber, destination: address };
	if (items.length) order.items = items;
	if (packages.length) order.packages = packages;
	const checked = validateStarshipitOrder(order);
	if (!checked.ok) throw fail(checked.errors);
	return { order: checked.order, orderNumber };
}
