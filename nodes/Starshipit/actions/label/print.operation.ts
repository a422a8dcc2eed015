import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ApiResponse } from '../../../shared/transport/request';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { binaryPropertyProperty, orderRefProperties, readOrderRef } from '../common.descriptions';
import { packageFields, readPackages } from '../order/orderInput';
import { shipmentToItem } from './shipment';

const show = { resource: ['label'], operation: ['print'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Printing creates the shipment with the carrier (it may cost a carrier fee and cannot be undone through the API)',
		name: 'printNotice',
		type: 'notice',
		displayOptions: { show },
		default: '',
	},
	...orderRefProperties(show),
	binaryPropertyProperty(show, 'label'),
	{
		displayName: 'Options',
		name: 'printOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{ displayName: 'Carrier', name: 'carrier', type: 'string', default: '', description: 'Carrier code to use instead of the order’s' },
			{ displayName: 'Carrier Service Code', name: 'carrier_service_code', type: 'string', default: '' },
			{
				displayName: 'Packages',
				name: 'packages',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Replace the order’s packages (one label per package)',
				options: [{ displayName: 'Package', name: 'package', values: packageFields() }],
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i, item) => {
		const ref = readOrderRef(this, i);
		if (ref.order_number) item.details = { order_number: String(ref.order_number) };
		const { packages, ...options } = this.getNodeParameter('printOptions', i, {}) as IDataObject;
		const body: IDataObject = { ...ref, reprint: false };
		for (const [key, value] of Object.entries(options)) if (value !== '' && value !== undefined) body[key] = value;
		const packageList = readPackages(packages as IDataObject | undefined);
		if (packageList.length) body.packages = packageList;
		// After a 5xx or a dropped connection: if the labels were made, fetch them with reprint
		// rather than printing (and paying for) a second shipment.
		const reconcile = async (): Promise<ApiResponse | undefined> => {
			const again = await starshipitRequest(this, { method: 'POST', path: '/api/orders/shipment', body: { ...ref, reprint: true }, allowAppErrors: true, idempotent: true, itemIndex: i }).catch(
				() => undefined,
			);
			return again && again.success !== false && Array.isArray(again.labels) && again.labels.length ? { statusCode: 200, headers: {}, body: again } : undefined;
		};
		const reply = await starshipitRequest(this, { method: 'POST', path: '/api/orders/shipment', body, reconcile, itemIndex: i });
		return await shipmentToItem(this, reply, ref, i);
	});
}
