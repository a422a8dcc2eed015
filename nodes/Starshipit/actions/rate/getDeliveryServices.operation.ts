import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { readShipment, shipmentProperties } from './shipmentInput';

const show = { resource: ['rate'], operation: ['getDeliveryServices'] };

export const description: INodeProperties[] = [
	...shipmentProperties(show),
	{
		displayName: 'Include Pricing',
		name: 'includePricing',
		type: 'boolean',
		displayOptions: { show },
		default: true,
		description: 'Whether to include each service’s price',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const body: IDataObject = {
			...readShipment(this, i),
			include_pricing: this.getNodeParameter('includePricing', i, true) as boolean,
		};
		const reply = await starshipitRequest(this, {
			method: 'POST',
			path: '/api/deliveryservices',
			body,
			idempotent: true,
			itemIndex: i,
		});
		return Array.isArray(reply.services) ? (reply.services as IDataObject[]) : [];
	});
}
