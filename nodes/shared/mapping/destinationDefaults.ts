/**
 * Where each Starshipit destination field comes from by default in a CartonCloud sale order (its
 * delivery address and instructions), what a user should fix when that default fails the order,
 * and the country read as CartonCloud reads it. The mapping table (mappingTable.ts) lays these
 * over the destination's address fields.
 */
import { toCountryName } from './countries';
import type { Extra } from './orderField';
import { clean, textOf, type SaleOrder } from './saleOrder';

const address = (so: SaleOrder) => so.details.deliver.address;
const COUNTRY = 'details.deliver.address.country';

/** The destination's country as CartonCloud reads it: the first of iso2Code, iso3Code, name that is given. */
const countryGiven = (so: SaleOrder) =>
	clean(address(so).country?.iso2Code) ??
	clean(address(so).country?.iso3Code) ??
	clean(address(so).country?.name);

/** Where each destination field comes from by default. */
export const DESTINATION: Record<string, Extra> = {
	name: {
		required: true,
		source: 'details.deliver.address.contactName (or companyName)',
		defaultShort: 'Contact/Company',
		defaultText: '`details.deliver.address.contactName`, else `companyName`',
		fix: 'give the delivery address a contact or company name in CartonCloud',
		from: (so) => clean(address(so).contactName) ?? clean(address(so).companyName),
	},
	company: {
		source: 'details.deliver.address.companyName',
		defaultShort: 'Company Name',
		defaultText:
			'`details.deliver.address.companyName` when the address also has a contact name (else the company is the name)',
		from: (so) => (clean(address(so).contactName) ? clean(address(so).companyName) : undefined),
	},
	email: {
		source: 'details.deliver.address.email',
		defaultShort: 'Email',
		defaultText: '`details.deliver.address.email`',
		from: (so) => clean(address(so).email),
	},
	phone: {
		source: 'details.deliver.address.phone',
		defaultShort: 'Phone',
		defaultText: '`details.deliver.address.phone`',
		from: (so) => clean(address(so).phone),
	},
	building: {
		source: 'details.deliver.address.address2',
		defaultShort: 'Address 2',
		defaultText: '`details.deliver.address.address2`',
		from: (so) => clean(address(so).address2),
	},
	street: {
		required: true,
		source: 'details.deliver.address.address1',
		defaultShort: 'Address 1',
		defaultText: '`details.deliver.address.address1`',
		fix: 'fill in the first line of the delivery address in CartonCloud',
		from: (so) => clean(address(so).address1),
	},
	suburb: {
		required: true,
		source: 'details.deliver.address.suburb (or city)',
		defaultShort: 'Suburb or City',
		defaultText: '`details.deliver.address.suburb`, else `city`',
		fix: 'fill in the suburb of the delivery address in CartonCloud',
		from: (so) => clean(address(so).suburb) ?? clean(address(so).city),
	},
	city: {
		source: 'details.deliver.address.city',
		defaultShort: 'City',
		defaultText: '`details.deliver.address.city`',
		from: (so) => clean(address(so).city),
	},
	state: {
		source: 'details.deliver.address.state',
		defaultShort: 'State Code/Name',
		defaultText: '`details.deliver.address.state.code`, else `state.name`',
		from: (so) => clean(address(so).state?.code) ?? clean(address(so).state?.name),
	},
	post_code: {
		source: 'details.deliver.address.postcode',
		defaultShort: 'Postcode',
		defaultText: '`details.deliver.address.postcode` (text or a number)',
		fix: 'correct the postcode of the delivery address in CartonCloud',
		from: (so) => textOf(address(so).postcode),
	},
	country: {
		required: true,
		source: COUNTRY,
		defaultShort: 'Country',
		defaultText:
			'`details.deliver.address.country`: its `iso2Code`, `iso3Code` or `name` (the first one given, as CartonCloud reads it) turned into the country name Starshipit wants; an unknown country fails the order',
		fix: 'correct the country of the delivery address in CartonCloud',
		from: (so, context) => {
			const given = countryGiven(so);
			const name = toCountryName(given);
			if (!given) context.problem(`${COUNTRY}: is required`);
			else if (!name)
				context.problem(
					`${COUNTRY}: unknown country "${given}" (use an ISO code or a country name)`,
				);
			return name ?? given ?? '';
		},
	},
	delivery_instructions: {
		label: 'Delivery Instructions',
		cleaning: 'multi-line',
		source: 'details.deliver.instructions',
		defaultShort: 'Instructions',
		defaultText:
			'`details.deliver.instructions`, line breaks kept; over 100 characters cut to 100 (Options > Long Delivery Instructions can fail the order instead)',
		fix: 'shorten the delivery instructions in CartonCloud, or set Options > Long Delivery Instructions to cut them',
		from: (so, context) => {
			const instructions = clean(so.details.deliver.instructions);
			if (!instructions || instructions.length <= 100) return instructions;
			if (context.longInstructions !== 'error') return instructions.slice(0, 100);
			context.problem(
				`details.deliver.instructions: must be at most 100 characters for Starshipit (got ${instructions.length})`,
			);
			return instructions;
		},
	},
	tax_number: { defaultText: 'not sent' },
};
