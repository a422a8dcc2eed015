/**
 * Reads version 2's sale-order fields for one item (saleOrderFields.ts): the overrides that apply
 * to its sale order, and the packages to send. The mapping stays a pure function of what is read
 * here. Overrides cost only what they use: which fields Order Fields overrides is read once per
 * run from the saved parameters, a field left alone is never evaluated, a field a customer's own
 * value covers is not evaluated for that customer's orders, and an override that only names a
 * field of the item (`{{ $json.properties.customerPo }}`) or holds a fixed value does not go
 * through n8n's expression engine per item (shared/parameters.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { FIELDS_BY_ID } from '../../../../shared/mapping/mappingTable';
import type { OrderField } from '../../../../shared/mapping/orderField';
import type {
	FieldOverride,
	Overrides,
	PackagesOption,
} from '../../../../shared/mapping/saleOrderToStarshipit';
import type { DimensionUnit } from '../../../../shared/mapping/packages';
import { orderLabelOf } from '../../../../shared/mapping/saleOrder';
import { itemParameter } from '../../../../shared/parameters';
import { OVERRIDES_PARAMETER } from './saleOrderFields';

/** Per customer (name or code, lower-cased), per field id: the override as the mapping takes it, made once per run. */
type CustomerValues = Map<string, Map<string, FieldOverride>>;

/** What to change when an Order Fields override fails, per field id. */
const FIXES = new Map(
	[...FIELDS_BY_ID.values()].map((f) => [f.id, `change ${f.label} in Order Fields`]),
);

/** Per node run: the fields Order Fields overrides, in the mapping table's order. */
const overridden = new WeakMap<IExecuteFunctions, OrderField[]>();
/** Values per Customer as read (the same object for every item unless it holds expressions), by customer. */
const tables = new WeakMap<object, CustomerValues>();

function overriddenFields(context: IExecuteFunctions): OrderField[] {
	let fields = overridden.get(context);
	if (!fields) {
		const saved =
			(
				context.getNode().parameters[OVERRIDES_PARAMETER] as
					| { value?: IDataObject | null }
					| undefined
			)?.value ?? {};
		const set = (id: string) => saved[id] !== null && saved[id] !== undefined && saved[id] !== '';
		fields = [...FIELDS_BY_ID.values()].filter((f) => set(f.id));
		overridden.set(context, fields);
	}
	return fields;
}

const keyOf = (text: unknown) => (typeof text === 'string' ? text.trim().toLowerCase() : '');

function customerValues(context: IExecuteFunctions, itemIndex: number): CustomerValues {
	const rows = itemParameter(context, 'customerValues', itemIndex, {} as IDataObject);
	let table = tables.get(rows);
	if (!table) {
		table = new Map();
		for (const row of ((rows.value ?? []) as IDataObject[]).filter(
			(r) => keyOf(r.customer) && FIELDS_BY_ID.has(String(r.field)),
		)) {
			const key = keyOf(row.customer);
			const customer = String(row.customer).trim();
			const label = FIELDS_BY_ID.get(String(row.field))!.label;
			if (!table.has(key)) table.set(key, new Map());
			table.get(key)!.set(String(row.field), {
				value: String(row.value ?? ''),
				from: `value for customer "${customer}"`,
				fix: `change the ${label} value for "${customer}" in Values per Customer`,
			});
		}
		tables.set(rows, table);
	}
	return table;
}

/** The values set for this sale order's customer, by its code and by its name (the name's win where both set a field). */
function valuesFor(table: CustomerValues, saleOrder: unknown) {
	if (table.size === 0) return undefined;
	const customer = (
		saleOrder as { customer?: { name?: unknown; references?: { code?: unknown } } } | null
	)?.customer;
	const byName = table.get(keyOf(customer?.name));
	const byCode = table.get(keyOf(customer?.references?.code));
	return byName && byCode ? new Map([...byCode, ...byName]) : (byName ?? byCode);
}

/**
 * The overrides for item `itemIndex`'s sale order (only field `only`'s, when given); an expression
 * that fails fails the item, naming the field.
 */
export function overridesOf(
	context: IExecuteFunctions,
	itemIndex: number,
	saleOrder: unknown,
	only?: string,
): Overrides | undefined {
	let overrides: Overrides | undefined;
	const own = valuesFor(customerValues(context, itemIndex), saleOrder);
	for (const [id, override] of own ?? [])
		if (!only || id === only) (overrides ??= {})[id] = override;
	for (const f of overriddenFields(context)) {
		if (overrides?.[f.id] || (only && f.id !== only)) continue;
		let value: unknown;
		try {
			value = itemParameter<unknown>(
				context,
				`${OVERRIDES_PARAMETER}.value.${f.id}`,
				itemIndex,
				null,
			);
		} catch (error) {
			throw new NodeOperationError(
				context.getNode(),
				`${orderLabelOf(saleOrder)}: ${f.label} (override): its expression failed (${(error as Error).message}); correct ${f.label} in Order Fields`,
				{ itemIndex },
			);
		}
		(overrides ??= {})[f.id] = { value, from: 'override', fix: FIXES.get(f.id)! };
	}
	return overrides;
}

/** The packages the node is set to send, if any. */
export function packagesOptionOf(
	context: IExecuteFunctions,
	itemIndex: number,
): PackagesOption | undefined {
	const from = itemParameter<string>(context, 'packagesFrom', itemIndex, 'none');
	if (from === 'fixedBox') {
		const side = (name: string) => Number(itemParameter(context, name, itemIndex, 0));
		return { from, length: side('boxLength'), width: side('boxWidth'), height: side('boxHeight') };
	}
	if (from === 'productDimensions')
		return { from, unit: itemParameter<DimensionUnit>(context, 'dimensionUnit', itemIndex, 'mm') };
	return undefined;
}
