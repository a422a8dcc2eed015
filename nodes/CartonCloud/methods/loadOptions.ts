import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { searchCustomers } from './listSearch';

/** Every customer the API client can see, by name, for a multi-choice (Customers Without Consignments). */
export async function getCustomers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchCustomers.call(this);
	return results;
}
