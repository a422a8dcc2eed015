import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { returnAllOrLimit } from '../common.descriptions';
import { forEachItem } from '../../../shared/items';
import { ANSWER_LIMIT, fitAnswer, outputProperties, simplifies } from '../../../shared/output';
import { readLimit } from '../../../shared/values';
import { fetchPages } from '../../transport';
import { simpleCustomer } from '../simplify';

const properties: INodeProperties[] = [...returnAllOrLimit({}), ...outputProperties()];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const limit = readLimit(this, i);
		const customers = await fetchPages(
			this,
			{ method: 'GET', path: '/customers' },
			{ returnAll: limit === undefined, limit, itemIndex: i },
		);
		if (!simplifies(this, i)) return customers;
		return fitAnswer(customers.map(simpleCustomer), {
			cut: (shown, total) =>
				`Showing ${shown} of ${total} customers: an answer stops at about ${ANSWER_LIMIT.toLocaleString('en')} characters.`,
		});
	});
}
