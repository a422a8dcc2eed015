import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { CONSIGNMENT_STATUSES, requireText } from '../common.descriptions';
import { readChoice } from '../../../shared/choices';
import { forEachItem } from '../../../shared/items';
import { CONSIGNMENT_ID_HINT, type ConsignmentChanges, updateConsignment } from './common';
import { consignmentIdField } from './get.operation';

const properties: INodeProperties[] = [
	consignmentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Carrier Name',
				name: 'carrierName',
				type: 'string',
				default: '',
				description: 'Stored in details.tracking.companyName',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CONSIGNMENT_STATUSES,
				default: 'IN_WAREHOUSE',
			},
			{
				displayName: 'Tracking Number',
				name: 'trackingNumber',
				type: 'string',
				default: '',
				description: 'Stored in references.tracking',
			},
			{
				displayName: 'Tracking URL',
				name: 'trackingUrl',
				type: 'string',
				default: '',
				description: "The carrier's tracking page, stored in the consignment's details.tracking",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['consignment'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const id = requireText(
			this,
			'consignmentId',
			'Consignment ID',
			i,
			undefined,
			CONSIGNMENT_ID_HINT,
		);
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const changes: ConsignmentChanges = {};
		for (const key of ['trackingNumber', 'carrierName', 'trackingUrl', 'status'] as const) {
			if (fields[key] !== undefined)
				changes[key] =
					key === 'status'
						? readChoice(this, fields.status, CONSIGNMENT_STATUSES, 'Status', '', i)
						: String(fields[key]).trim();
		}
		if (Object.keys(changes).length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Consignment ${id}: no field to update: set at least one of Carrier Name, Status, Tracking Number or Tracking URL`,
				{
					itemIndex: i,
					description: 'Add at least one field under "Update Fields"',
				},
			);
		}
		const result = await updateConsignment(this, id, changes, i);
		return { ...result.consignment, unchanged: result.unchanged };
	});
}
