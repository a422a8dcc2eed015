/**
 * Where from, where to and what: the input of Get Quotes and Delivery Services. Unlike orders,
 * these endpoints want an ISO-2 `country_code` (pitfall 4), so names and ISO-3 codes are converted.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toCountryCode } from '../../../shared/mapping/countries';
import { check } from '../../../shared/mapping/rules';
import { issueText, packageRule } from '../../../shared/mapping/starshipitOrder';
import { readPackages } from '../order/input/buildOrder';
import { packageFields } from '../order/input/orderFieldGroups';

const place = (who: string): INodeProperties[] => [
	{ displayName: 'Street', name: 'street', type: 'string', default: '' },
	{ displayName: 'Suburb', name: 'suburb', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Post Code', name: 'post_code', type: 'string', default: '' },
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: 'AU',
		description: `${who} country: ISO code or name (sent as the ISO-2 code)`,
	},
];

export function shipmentProperties(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Destination',
			name: 'destination',
			type: 'fixedCollection',
			placeholder: 'Add Destination',
			required: true,
			displayOptions: { show },
			default: {},
			options: [{ displayName: 'Address', name: 'address', values: place('Destination') }],
		},
		{
			displayName: 'Packages',
			name: 'packages',
			type: 'fixedCollection',
			placeholder: 'Add Package',
			typeOptions: { multipleValues: true },
			required: true,
			displayOptions: { show },
			default: {},
			options: [{ displayName: 'Package', name: 'package', values: packageFields() }],
		},
		{
			displayName: 'Sender',
			name: 'sender',
			type: 'fixedCollection',
			placeholder: 'Add Sender',
			displayOptions: { show },
			default: {},
			description: "Leave empty to use the account's own address",
			options: [{ displayName: 'Address', name: 'address', values: place('Sender') }],
		},
	];
}

function address(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	required: boolean,
): IDataObject | undefined {
	const raw = ((context.getNodeParameter(name, itemIndex, {}) as IDataObject).address ??
		undefined) as IDataObject | undefined;
	if (!raw) {
		if (required)
			throw new NodeOperationError(
				context.getNode(),
				`${name}: is required: give the ${name} address (at least its country and post code)`,
				{ itemIndex },
			);
		return undefined;
	}
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(raw))
		if (typeof value === 'string' && value.trim()) out[key] = value.trim();
	const country = out.country as string | undefined;
	delete out.country;
	if (country) {
		const code = toCountryCode(country);
		if (!code)
			throw new NodeOperationError(
				context.getNode(),
				`${name}.country: unknown country "${country}": give the country's name or its ISO code (e.g. Australia, AU or AUS)`,
				{ itemIndex },
			);
		out.country_code = code;
	} else if (required) {
		throw new NodeOperationError(
			context.getNode(),
			`${name}.country: is required: give the country's name or its ISO code (e.g. Australia, AU or AUS)`,
			{ itemIndex },
		);
	}
	if (required && !out.post_code)
		throw new NodeOperationError(
			context.getNode(),
			`${name}.post_code: is required: give the post code`,
			{ itemIndex },
		);
	if (typeof out.post_code === 'string' && out.post_code.length > 10) {
		throw new NodeOperationError(
			context.getNode(),
			`${name}.post_code: must be at most 10 characters: give the post code alone`,
			{ itemIndex },
		);
	}
	return out;
}

export function readShipment(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const destination = address(context, 'destination', itemIndex, true)!;
	const sender = address(context, 'sender', itemIndex, false);
	const packages = readPackages(context.getNodeParameter('packages', itemIndex, {}) as IDataObject);
	if (packages.length === 0)
		throw new NodeOperationError(
			context.getNode(),
			'packages: add at least one package (its weight in kg, and its size for a better quote)',
			{ itemIndex },
		);
	packages.forEach((p, index) => {
		const checked = check(packageRule, p);
		if (checked.issues.length) {
			const issue = checked.issues[0];
			throw new NodeOperationError(context.getNode(), `packages[${index}].${issueText(issue)}`, {
				itemIndex,
			});
		}
	});
	return { destination, ...(sender && Object.keys(sender).length ? { sender } : {}), packages };
}
