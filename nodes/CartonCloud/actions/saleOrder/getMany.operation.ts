import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { customerLocator, returnAllOrLimit, SALE_ORDER_STATUSES } from '../common.descriptions';
import { readChoices } from '../../../shared/choices';
import { forEachItem } from '../../../shared/items';
import { ANSWER_LIMIT, fitAnswer, outputProperties, simplifies } from '../../../shared/output';
import { readLimit } from '../../../shared/values';
import { searchSaleOrders, type SaleOrderQuery } from '../../transport/saleOrderSearch';
import { simpleSaleOrder } from '../simplify';
import { dateRangeFields, PACKED_CAVEAT, PACKED_NOTICE, saleOrderQuery } from './common';
import { addProductMeasures, addProductWeightsField } from './productMeasures';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	addProductWeightsField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: SALE_ORDER_STATUSES,
				default: [],
				description:
					'Only sale orders in one of these statuses (an expression may give a list or comma-separated text)',
			},
			customerLocator({
				description:
					'Only sale orders of this customer (by ID, or by its exact name when the value is not an ID)',
			}),
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				description: "The customer's order number (exact match)",
			},
			...dateRangeFields(),
		],
	},
	...outputProperties(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['saleOrder'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const found = await forEachItem(this, items, async (i) => {
		const limit = readLimit(this, i);
		const query = saleOrderQuery(this, this.getNodeParameter('filters', i, {}) as IDataObject, i);
		const orders = await searchSaleOrders(this, query, i, limit);
		return simplifies(this, i) ? simplifiedAnswer(orders, query, limit) : orders;
	});
	// Simplified rows carry no items, so their product weights are not looked up.
	if (!simplifies(this, 0) && (this.getNodeParameter('addProductWeights', 0, true) as boolean))
		await addProductMeasures(this, found);
	if (found.length === 0) explainNothingFound(this);
	return found;
}

/** Simplified rows that fit an answer, with a note when none matched or more may exist. */
function simplifiedAnswer(
	orders: IDataObject[],
	query: SaleOrderQuery,
	limit: number | undefined,
): IDataObject[] {
	const always: string[] = [];
	if (orders.length === 0) always.push(nothingMatched(query));
	if (limit !== undefined && orders.length >= limit)
		always.push(
			`The Limit (${limit}) was reached: more sale orders may match. Narrow the filters or raise the Limit to see them.`,
		);
	return fitAnswer(orders.map(simpleSaleOrder), {
		always,
		cut: (shown, total) =>
			`Showing ${shown} of the ${total} sale orders found: an answer stops at about ${ANSWER_LIMIT.toLocaleString('en')} characters. Narrow the search (statuses, customer, customer reference, dates) to see the others.`,
	});
}

/** "No sale order matches statuses PACKED, customer reference KOA-1.", with the Packed caveat when it applies. */
function nothingMatched(query: SaleOrderQuery): string {
	const criteria = [
		query.statuses && `statuses ${query.statuses.join(', ')}`,
		query.customerIds && `customer ${query.customerIds.join(', ')}`,
		query.customerNames && `customer ${query.customerNames.join(', ')}`,
		query.customerReference && `customer reference ${query.customerReference}`,
		query.moreWindows?.length && 'the dates given',
	].filter(Boolean);
	const sentence = `No sale order matches ${criteria.length ? criteria.join(', ') : 'the search'}.`;
	return query.statuses?.includes('PACKED') ? `${sentence} ${PACKED_CAVEAT}` : sentence;
}

/**
 * Packed is off by default in CartonCloud (help centre, sale-order statuses): a tenant without it
 * never has a PACKED order, and a search for them finds nothing, run after run. Say so where the
 * user looks, above the (empty) output.
 */
function explainNothingFound(context: IExecuteFunctions): void {
	const filters = context.getNodeParameter('filters', 0, {}) as IDataObject;
	// The statuses as saleOrderQuery reads them; the rest of the query does not matter here.
	const statuses = readChoices(context, filters.statuses, SALE_ORDER_STATUSES, 'Statuses', 0);
	if (!statuses.includes('PACKED')) return;
	context.addExecutionHints({
		message: PACKED_NOTICE,
		type: 'info',
		location: 'outputPane',
	});
}
