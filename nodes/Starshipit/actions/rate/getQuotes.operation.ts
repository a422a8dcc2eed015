import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { readShipment, shipmentProperties } from './shipmentInput';

const show = { resource: ['rate'], operation: ['getQuotes'] };

export const description: INodeProperties[] = [
	...shipmentProperties(show),
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'AUD',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const body: IDataObject = { ...readShipment(this, i), include_pricing: true };
		const currency = String(this.getNodeParameter('currency', i, '') ?? '').trim();
		if (currency) body.currency = currency.toUpperCase();
		// A quote changes nothing, so it is safe to send again.
		const reply = await starshipitRequest(this, {
			method: 'POST',
			path: '/api/rates',
			body,
			idempotent: true,
			itemIndex: i,
		});
		const rates = Array.isArray(reply.rates) ? (reply.rates as IDataObject[]) : [];
		return rates;
	});
}
