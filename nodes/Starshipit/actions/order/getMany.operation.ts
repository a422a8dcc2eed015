import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { utcStamp } from '../../transport/orderListing';
import { forEachItem } from '../../../shared/items';
import { starshipitRequestAllItems } from '../../transport';
import { returnAllProperties } from '../common.descriptions';

const show = { resource: ['order'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Unshipped', value: 'unshipped', description: 'Orders waiting to be printed (full orders)' },
			{ name: 'Shipped', value: 'shipped', description: 'Shipped orders (summary rows with tracking, no items)' },
			{ name: 'Search', value: 'search', description: 'Orders matching an order number, tracking number or name' },
		],
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
				description: 'Only orders updated at or after this time. Without any "since" Starshipit may return only the last 24 hours.',
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
				// The search's documented status values (rknell/starshipit_dart orders_api.dart).
				options: [
					{ name: 'All', value: 'All' },
					{ name: 'Unshipped', value: 'Unshipped' },
					{ name: 'Shipped', value: 'Shipped' },
				],
				default: 'All',
				description: 'Only orders in this status',
			},
		],
	},
];

const PATHS: Record<string, string> = { unshipped: '/api/orders/unshipped', shipped: '/api/orders/shipped', search: '/api/orders/search' };

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const source = this.getNodeParameter('source', i) as string;
		const returnAll = this.getNodeParameter('returnAll', i) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (source === 'search') {
			qs.phrase = this.getNodeParameter('phrase', i) as string;
			if (filters.status) qs.status = filters.status;
		} else {
			if (filters.sinceLastUpdated) qs.since_last_updated = utcStamp(new Date(filters.sinceLastUpdated as string));
			if (source === 'unshipped' && filters.sinceOrderDate) qs.since_order_date = utcStamp(new Date(filters.sinceOrderDate as string));
		}
		return await starshipitRequestAllItems(this, { path: PATHS[source], qs, rowsKey: 'orders', limit, itemIndex: i });
	});
}
