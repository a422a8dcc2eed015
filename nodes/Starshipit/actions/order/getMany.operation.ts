import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { utcStamp } from '../../transport/orderListing';
import { readChoice } from '../../../shared/choices';
import { forEachItem } from '../../../shared/items';
import { ANSWER_LIMIT, fitAnswer, outputProperties, simplifies } from '../../../shared/output';
import { readDate, readLimit } from '../../../shared/values';
import { starshipitRequestAllItems } from '../../transport';
import { returnAllProperties } from '../common.descriptions';
import { simpleOrder } from '../simplify';

const show = { resource: ['order'], operation: ['getMany'] };

const SOURCES: INodePropertyOptions[] = [
	{
		name: 'Unshipped',
		value: 'unshipped',
		description: 'Orders waiting to be printed (full orders)',
	},
	{
		name: 'Shipped',
		value: 'shipped',
		description: 'Shipped orders (summary rows with tracking, no items)',
	},
	{
		name: 'Search',
		value: 'search',
		description: 'Orders matching an order number, tracking number or name',
	},
];

// The search's documented status values (rknell/starshipit_dart orders_api.dart).
const SEARCH_STATUSES: INodePropertyOptions[] = [
	{ name: 'All', value: 'All' },
	{ name: 'Unshipped', value: 'Unshipped' },
	{ name: 'Shipped', value: 'Shipped' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		displayOptions: { show },
		options: SOURCES,
		default: 'unshipped',
	},
	{
		displayName: 'Search Phrase',
		name: 'phrase',
		type: 'string',
		required: true,
		displayOptions: { show: { ...show, source: ['search'] } },
		default: '',
		description: 'Order number, tracking number or recipient name',
	},
	...returnAllProperties(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Since Last Updated',
				name: 'sinceLastUpdated',
				type: 'dateTime',
				displayOptions: { show: { '/source': ['unshipped', 'shipped'] } },
				default: '',
				description:
					'Only orders updated at or after this time. Without any "since" Starshipit may return only the last 24 hours.',
			},
			{
				displayName: 'Since Order Date',
				name: 'sinceOrderDate',
				type: 'dateTime',
				displayOptions: { show: { '/source': ['unshipped'] } },
				default: '',
				description: 'Only orders dated at or after this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				displayOptions: { show: { '/source': ['search'] } },
				options: SEARCH_STATUSES,
				default: 'All',
				description: 'Only orders in this status',
			},
		],
	},
	...outputProperties(show),
];

const PATHS: Record<string, string> = {
	unshipped: '/api/orders/unshipped',
	shipped: '/api/orders/shipped',
	search: '/api/orders/search',
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const source = readChoice(
			this,
			this.getNodeParameter('source', i, 'unshipped'),
			SOURCES,
			'Source',
			'unshipped',
			i,
		);
		const limit = readLimit(this, i);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (source === 'search') {
			qs.phrase = String(this.getNodeParameter('phrase', i, '') ?? '').trim();
			const status = readChoice(this, filters.status, SEARCH_STATUSES, 'Status', '', i);
			if (status) qs.status = status;
		} else {
			const sinceLastUpdated = readDate(this, filters.sinceLastUpdated, 'Since Last Updated', i);
			const sinceOrderDate =
				source === 'unshipped'
					? readDate(this, filters.sinceOrderDate, 'Since Order Date', i)
					: undefined;
			if (sinceLastUpdated) qs.since_last_updated = utcStamp(sinceLastUpdated);
			if (sinceOrderDate) qs.since_order_date = utcStamp(sinceOrderDate);
		}
		const rows = await starshipitRequestAllItems(this, {
			path: PATHS[source],
			qs,
			rowsKey: 'orders',
			limit,
			itemIndex: i,
		});
		return simplifies(this, i) ? simplifiedAnswer(rows, source, qs, limit) : rows;
	});
}

/** Simplified rows that fit an answer, with the 24-hour caveat and a note when none or more exist. */
function simplifiedAnswer(
	rows: IDataObject[],
	source: string,
	qs: IDataObject,
	limit: number | undefined,
): IDataObject[] {
	const always: string[] = [];
	const undated =
		source !== 'search' && qs.since_last_updated === undefined && qs.since_order_date === undefined;
	if (rows.length === 0)
		always.push(
			source === 'search'
				? `No order matches the search "${String(qs.phrase)}".`
				: `No ${source} order found.`,
		);
	// Starshipit's default window (reference: unshipped/shipped default to orders updated in the last 24 h).
	if (undated)
		always.push(
			`Without a "since" date Starshipit lists only orders updated in the last 24 hours: give Since Last Updated (e.g. 2026-11-01) to see ${source} orders that have not changed since then.`,
		);
	if (limit !== undefined && rows.length >= limit)
		always.push(
			`The Limit (${limit}) was reached: more orders may match. Narrow the request or raise the Limit to see them.`,
		);
	return fitAnswer(
		rows.map((row) => simpleOrder(row, source === 'shipped' ? 'Shipped' : undefined)),
		{
			always,
			cut: (shown, total) =>
				`Showing ${shown} of the ${total} orders found: an answer stops at about ${ANSWER_LIMIT.toLocaleString('en')} characters. Narrow the request (a later since date, a search phrase) to see the others.`,
		},
	);
}
