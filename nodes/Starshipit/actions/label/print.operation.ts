import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ApiResponse } from '../../../shared/transport/request';
import { asItemError, forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { binaryPropertyProperty, orderRefProperties, readOrderRef } from '../common.descriptions';
import { readPackages } from '../order/input/buildOrder';
import { packageFields } from '../order/input/orderFieldGroups';
import { hasLabels, readOrder, shipmentToItem } from './shipment';

const show = { resource: ['label'], operation: ['print'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Printing creates the shipment with the carrier (it may cost a carrier fee and cannot be undone through the API)',
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
			{
				displayName: 'Carrier',
				name: 'carrier',
				type: 'string',
				default: '',
				description: 'Carrier code to use instead of the order’s',
			},
			{
				displayName: 'If Already Printed',
				name: 'ifPrinted',
				type: 'options',
				options: [
					{
						name: 'Return the Existing Labels',
						value: 'reprint',
						description:
							'Reprint: the same labels and tracking numbers, no new shipment and no new charge',
					},
					{ name: 'Fail the Item', value: 'error' },
				],
				default: 'reprint',
			},
			{
				displayName: 'Carrier Service Code',
				name: 'carrier_service_code',
				type: 'string',
				default: '',
			},
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

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i, item) => {
		const asked = readOrderRef(this, i);
		item.details = asked.order_number
			? { order_number: String(asked.order_number) }
			: { order_id: asked.order_id as number };
		const {
			packages,
			ifPrinted = 'reprint',
			...options
		} = this.getNodeParameter('printOptions', i, {}) as IDataObject;

		// Look before printing: nothing documents that Starshipit refuses a second print, and a
		// second print buys a second label (issue 13.9).
		const order = await readOrder(this, asked, i);
		const ref: IDataObject = { order_id: order.order_id, order_number: order.order_number };
		item.details = { order_number: String(order.order_number), order_id: order.order_id as number };
		const reprint = async (): Promise<IDataObject> =>
			await starshipitRequest(this, {
				method: 'POST',
				path: '/api/orders/shipment',
				body: { order_id: order.order_id, reprint: true },
				idempotent: true,
				itemIndex: i,
			});
		if (hasLabels(order)) {
			if (ifPrinted !== 'reprint') {
				throw new NodeOperationError(
					this.getNode(),
					`Order "${order.order_number}" already has labels (status ${String(order.status)}), so it is not printed again: use Reprint to get them (no new charge)`,
					{
						itemIndex: i,
						description:
							'Use Reprint to get its labels, or set "If Already Printed" to return them.',
					},
				);
			}
			return await shipmentToItem(this, await reprint(), ref, i, 'reprinted');
		}

		const body: IDataObject = { order_id: order.order_id, reprint: false };
		for (const [key, value] of Object.entries(options))
			if (value !== '' && value !== undefined) body[key] = value;
		const packageList = readPackages(packages as IDataObject | undefined);
		if (packageList.length) body.packages = packageList;
		// The labels already made, if any: fetched with reprint, which prints (and charges) nothing.
		const existingLabels = async (): Promise<IDataObject | undefined> => {
			const again = await reprint().catch(() => undefined);
			return again && again.success !== false && Array.isArray(again.labels) && again.labels.length
				? again
				: undefined;
		};
		// After a 5xx or a dropped connection the shipment may have been made: never print twice.
		const reconcile = async (): Promise<ApiResponse | undefined> => {
			const labels = await existingLabels();
			return labels ? { statusCode: 200, headers: {}, body: labels } : undefined;
		};
		try {
			const reply = await starshipitRequest(this, {
				method: 'POST',
				path: '/api/orders/shipment',
				body,
				reconcile,
				itemIndex: i,
			});
			return await shipmentToItem(this, reply, ref, i, 'printed');
		} catch (error) {
			// Another run may have printed between the read and this call; if Starshipit refused
			// for that reason, its labels answer (a refusal's wording is not documented).
			const status = Number((error as { httpCode?: unknown }).httpCode);
			const refused = !(status === 429 || status >= 500);
			const labels = refused && ifPrinted === 'reprint' ? await existingLabels() : undefined;
			if (!labels) throw asItemError(this.getNode(), error, i);
			return await shipmentToItem(this, labels, ref, i, 'reprinted');
		}
	});
}
