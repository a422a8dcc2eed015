import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { explainNotFound } from '../../../shared/errors';
import { forEachItem } from '../../../shared/items';
import { outputProperties, simplifies } from '../../../shared/output';
import { apiRequest } from '../../transport';
import { simpleConsignment } from '../simplify';
import { CONSIGNMENT_ID_HINT, CONSIGNMENTS } from './common';
import { requireText } from '../common.descriptions';

export const consignmentIdField: INodeProperties = {
	displayName: 'Consignment ID',
	name: 'consignmentId',
	type: 'string',
	required: true,
	default: '',
	description: 'The ID (UUID) of the consignment',
};

const properties: INodeProperties[] = [
	consignmentIdField,
	{
		displayName: 'Include Items',
		name: 'includeItems',
		type: 'boolean',
		default: true,
		description: 'Whether to include the consignment items (off sends Prefer: return=no-items)',
		displayOptions: { hide: { output: ['simple'] } },
	},
	...outputProperties(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['consignment'], operation: ['get'] } },
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
		const simple = simplifies(this, i);
		// A simplified answer lists no items: none are asked for.
		const includeItems = !simple && (this.getNodeParameter('includeItems', i, true) as boolean);
		const response = await apiRequest<IDataObject>(this, {
			method: 'GET',
			path: `${CONSIGNMENTS}/${encodeURIComponent(id)}`,
			headers: includeItems ? {} : { Prefer: 'return=no-items' },
			itemIndex: i,
		}).catch((error: unknown) => {
			throw explainNotFound(
				this,
				error,
				i,
				`Consignment "${id}" is not in CartonCloud: ${CONSIGNMENT_ID_HINT}`,
			);
		});
		return simple ? simpleConsignment(response.body ?? {}) : (response.body ?? {});
	});
}
