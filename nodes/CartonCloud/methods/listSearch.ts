import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { fetchPages } from '../transport';

/** Most customers read for a picker; a 3PL rarely has more. */
const PICKER_LIMIT = 1000;

/** The customer picker: every customer the API client can see, filtered by name or ID. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const customers = await fetchPages<IDataObject>(
		this,
		{ method: 'GET', path: '/customers' },
		{ returnAll: false, limit: PICKER_LIMIT },
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = customers
		.map((c) => ({ name: String(c.name ?? c.id), value: String(c.id) }))
		.filter(
			(c) => !needle || c.name.toLowerCase().includes(needle) || c.value.toLowerCase() === needle,
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
