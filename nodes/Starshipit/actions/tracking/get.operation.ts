import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { readChoice } from '../../../shared/choices';
import { explainNotFound } from '../../../shared/errors';
import { forEachItem } from '../../../shared/items';
import { outputProperties, simplifies } from '../../../shared/output';
import { starshipitRequest } from '../../transport';
import { ORDER_NUMBER_HINT } from '../common.descriptions';
import { simpleTracking } from '../simplify';

const show = { resource: ['tracking'], operation: ['get'] };

const TRACK_BY: INodePropertyOptions[] = [
	{ name: 'Tracking Number', value: 'trackingNumber' },
	{ name: 'Order Number', value: 'orderNumber' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Track By',
		name: 'trackBy',
		type: 'options',
		displayOptions: { show },
		options: TRACK_BY,
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
	// Version 1 reads the item's order number; version 2 starts empty, a parameter an AI agent fills.
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		required: true,
		displayOptions: { show: { ...show, trackBy: ['orderNumber'], '@version': [1] } },
		default: '={{ $json.order_number }}',
	},
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		required: true,
		displayOptions: {
			show: { ...show, trackBy: ['orderNumber'], '@version': [{ _cnd: { gte: 2 } }] },
		},
		default: '',
		placeholder: 'e.g. KOA-10001',
	},
	...outputProperties(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i, item) => {
		const by = readChoice(
			this,
			this.getNodeParameter('trackBy', i, 'trackingNumber'),
			TRACK_BY,
			'Track By',
			'trackingNumber',
			i,
		);
		const value = String(this.getNodeParameter(by, i, '') ?? '').trim();
		const label = by === 'trackingNumber' ? 'Tracking Number' : 'Order Number';
		if (!value) {
			const hint =
				by === 'trackingNumber'
					? 'give the carrier tracking number, or track by order number instead'
					: ORDER_NUMBER_HINT;
			throw new NodeOperationError(this.getNode(), `"${label}" is empty: ${hint}`, {
				itemIndex: i,
			});
		}
		if (by === 'orderNumber') item.details = { order_number: value };
		const qs = by === 'trackingNumber' ? { tracking_number: value } : { order_number: value };
		const body = await starshipitRequest(this, {
			method: 'GET',
			path: '/api/track',
			qs,
			itemIndex: i,
		}).catch((error: unknown) => {
			const what = by === 'trackingNumber' ? `Tracking number "${value}"` : `Order "${value}"`;
			throw explainNotFound(
				this,
				error,
				i,
				`${what} has no shipment in Starshipit: check the ${label.toLowerCase()}; an order that is not printed yet has no tracking (look the order up to see its status)`,
			);
		});
		const results = (body.results ?? body) as IDataObject;
		// tracking_status is the enum (Delivered, InTransit …); tracking_events[].status is free text.
		const tracking = {
			...results,
			tracking_events: Array.isArray(results.tracking_events) ? results.tracking_events : [],
		};
		return simplifies(this, i) ? simpleTracking(tracking) : tracking;
	});
}
