import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';

const show = { resource: ['tracking'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Track By',
		name: 'trackBy',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Tracking Number', value: 'trackingNumber' },
			{ name: 'Order Number', value: 'orderNumber' },
		],
		default: 'trackingNumber',
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		displayOptions: { show: { ...show, trackBy: ['trackingNumber'] } },
		default: '',
	},
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		required: true,
		displayOptions: { show: { ...show, trackBy: ['orderNumber'] } },
		default: '={{ $json.order_number }}',
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i, item) => {
		const by = this.getNodeParameter('trackBy', i) as string;
		const value = String(this.getNodeParameter(by, i, '') ?? '').trim();
		if (!value) throw new NodeOperationError(this.getNode(), `${by === 'trackingNumber' ? 'Tracking Number' : 'Order Number'} is empty`, { itemIndex: i });
		if (by === 'orderNumber') item.details = { order_number: value };
		const qs = by === 'trackingNumber' ? { tracking_number: value } : { order_number: value };
		const body = await starshipitRequest(this, { method: 'GET', path: '/api/track', qs, itemIndex: i });
		const results = (body.results ?? body) as IDataObject;
		// tracking_status is the enum (Delivered, InTransit …); tracking_events[].status is free text.
		return { ...results, tracking_events: Array.isArray(results.tracking_events) ? results.tracking_events : [] };
	});
}
