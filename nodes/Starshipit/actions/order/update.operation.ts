import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toCountryName } from '../../../shared/mapping/countries';
import { check, object, optional, partial, text } from '../../../shared/mapping/rules';
import { address, issueText, starshipitOrder } from '../../../shared/mapping/starshipitOrder';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';
import { orderIdProperty, readOrderId } from '../common.descriptions';
import { readOrderFields } from './input/buildOrder';
import { addressFields, orderFieldOptions } from './input/orderFieldGroups';

const show = { resource: ['order'], operation: ['update'] };

export const description: INodeProperties[] = [
	orderIdProperty(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		description: 'Once an order is printed or shipped Starshipit lets only its status change',
		options: [
			...orderFieldOptions(),
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'fixedCollection',
				default: {},
				options: [
					{
						displayName: 'Address',
						name: 'address',
						values: [
							...addressFields.map((f) => ({ ...f, default: '' })),
							{
								displayName: 'Delivery Instructions',
								name: 'delivery_instructions',
								type: 'string',
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Order Number',
				name: 'order_number',
				type: 'string',
				default: '',
				description: 'At most 50 characters',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'Unshipped',
			},
		],
	},
];

/** An update sends only what changes: every field of an order optional, the address's too, plus the status. */
const orderUpdate = object({
	...partial(starshipitOrder).shape,
	destination: optional(partial(address)),
	status: optional(text(50)),
});

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const orderId = readOrderId(this, i);
		const {
			destination,
			status,
			order_number: orderNumber,
			...fields
		} = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const patch: IDataObject = readOrderFields(fields);
		if (typeof orderNumber === 'string' && orderNumber.trim())
			patch.order_number = orderNumber.trim();
		if (typeof status === 'string' && status.trim()) patch.status = status.trim();
		const address = Object.fromEntries(
			Object.entries(
				((destination as IDataObject | undefined)?.address ?? {}) as IDataObject,
			).filter(([, v]) => v !== '' && v !== undefined),
		);
		if (typeof address.country === 'string')
			address.country = toCountryName(address.country) ?? address.country;
		if (Object.keys(address).length) patch.destination = address;
		if (Object.keys(patch).length === 0)
			throw new NodeOperationError(
				this.getNode(),
				`Order ${orderId}: no field to update: add at least one field under "Update Fields" (or the order number, status or destination)`,
				{ itemIndex: i },
			);
		const checked = check(orderUpdate, patch);
		if (checked.issues.length) {
			const errors = checked.issues.map((issue) => `Order ${orderId}: ${issueText(issue)}`);
			throw new NodeOperationError(this.getNode(), errors[0], {
				itemIndex: i,
				description: errors.join('\n'),
			});
		}
		const body = await starshipitRequest(this, {
			method: 'PUT',
			path: '/api/orders',
			body: { order: { order_id: orderId, ...patch } },
			itemIndex: i,
		});
		return (body.order as IDataObject | undefined) ?? { order_id: orderId, success: true };
	});
}
