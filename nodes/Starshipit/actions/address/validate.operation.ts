import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toCountryName } from '../../../shared/mapping/countries';
import { forEachItem } from '../../../shared/items';
import { starshipitRequest } from '../../transport';

const show = { resource: ['address'], operation: ['validate'] };

const field = (
	displayName: string,
	name: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	displayOptions: { show },
	default: '',
	...extra,
});

export const description: INodeProperties[] = [
	field('Street', 'street'),
	field('Suburb', 'suburb'),
	field('City', 'city'),
	field('State', 'state'),
	field('Post Code', 'postCode'),
	field('Country', 'country', {
		default: 'Australia',
		description: 'Country name or ISO code; sent as the country name',
	}),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (i) => {
		const value = (name: string) => String(this.getNodeParameter(name, i, '') ?? '').trim();
		const countryInput = value('country');
		const country = toCountryName(countryInput);
		if (!country)
			throw new NodeOperationError(
				this.getNode(),
				`country: unknown country "${countryInput}": give the country's name or its ISO code (e.g. Australia, AU or AUS)`,
				{ itemIndex: i },
			);
		const qs: IDataObject = {
			street: value('street'),
			suburb: value('suburb'),
			city: value('city'),
			state: value('state'),
			post_code: value('postCode'),
			country,
		};
		for (const key of Object.keys(qs)) if (qs[key] === '') delete qs[key];
		const reply = await starshipitRequest(this, {
			method: 'GET',
			path: '/api/address/validate',
			qs,
			itemIndex: i,
		});
		return {
			valid: reply.valid,
			suggestions: Array.isArray(reply.suggestions) ? reply.suggestions : [],
			address: qs,
		};
	});
}
