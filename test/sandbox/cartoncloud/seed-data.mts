/**
 * Static tables for the realistic seed: real AU/NZ suburbs with matching postcodes and
 * state/region codes, names, streets and a per-customer product catalogue with unit weights.
 */

export interface Locality {
	suburb: string;
	city: string;
	postcode: string;
	state: { code: string; name: string };
}

const NSW = { code: 'NSW', name: 'New South Wales' };
const VIC = { code: 'VIC', name: 'Victoria' };
const QLD = { code: 'QLD', name: 'Queensland' };
const WA = { code: 'WA', name: 'Western Australia' };
const SA = { code: 'SA', name: 'South Australia' };
const TAS = { code: 'TAS', name: 'Tasmania' };
const ACT = { code: 'ACT', name: 'Australian Capital Territory' };
const NT = { code: 'NT', name: 'Northern Territory' };

export const AU_LOCALITIES: Locality[] = [
	{ suburb: 'Paddington', city: 'Sydney', postcode: '2021', state: NSW },
	{ suburb: 'Surry Hills', city: 'Sydney', postcode: '2010', state: NSW },
	{ suburb: 'Newtown', city: 'Sydney', postcode: '2042', state: NSW },
	{ suburb: 'Manly', city: 'Sydney', postcode: '2095', state: NSW },
	{ suburb: 'Merewether', city: 'Newcastle', postcode: '2291', state: NSW },
	{ suburb: 'Fitzroy', city: 'Melbourne', postcode: '3065', state: VIC },
	{ suburb: 'Brunswick', city: 'Melbourne', postcode: '3056', state: VIC },
	{ suburb: 'St Kilda', city: 'Melbourne', postcode: '3182', state: VIC },
	{ suburb: 'Newtown', city: 'Geelong', postcode: '3220', state: VIC },
	{ suburb: 'New Farm', city: 'Brisbane', postcode: '4005', state: QLD },
	{ suburb: 'Toowong', city: 'Brisbane', postcode: '4066', state: QLD },
	{ suburb: 'Southport', city: 'Gold Coast', postcode: '4215', state: QLD },
	{ suburb: 'Maroochydore', city: 'Sunshine Coast', postcode: '4558', state: QLD },
	{ suburb: 'Subiaco', city: 'Perth', postcode: '6008', state: WA },
	{ suburb: 'Fremantle', city: 'Perth', postcode: '6160', state: WA },
	{ suburb: 'Norwood', city: 'Adelaide', postcode: '5067', state: SA },
	{ suburb: 'Glenelg', city: 'Adelaide', postcode: '5045', state: SA },
	{ suburb: 'Sandy Bay', city: 'Hobart', postcode: '7005', state: TAS },
	{ suburb: 'Braddon', city: 'Canberra', postcode: '2612', state: ACT },
	{ suburb: 'Parap', city: 'Darwin', postcode: '0820', state: NT },
];

export const NZ_LOCALITIES: Locality[] = [
	{ suburb: 'Ponsonby', city: 'Auckland', postcode: '1011', state: { code: 'AUK', name: 'Auckland' } },
	{ suburb: 'Mount Eden', city: 'Auckland', postcode: '1024', state: { code: 'AUK', name: 'Auckland' } },
	{ suburb: 'Takapuna', city: 'Auckland', postcode: '0622', state: { code: 'AUK', name: 'Auckland' } },
	{ suburb: 'Te Aro', city: 'Wellington', postcode: '6011', state: { code: 'WGN', name: 'Wellington' } },
	{ suburb: 'Petone', city: 'Lower Hutt', postcode: '5012', state: { code: 'WGN', name: 'Wellington' } },
	{ suburb: 'Riccarton', city: 'Christchurch', postcode: '8011', state: { code: 'CAN', name: 'Canterbury' } },
	{ suburb: 'Sumner', city: 'Christchurch', postcode: '8081', state: { code: 'CAN', name: 'Canterbury' } },
	{ suburb: 'Frankton', city: 'Hamilton', postcode: '3204', state: { code: 'WKO', name: 'Waikato' } },
	{ suburb: 'North Dunedin', city: 'Dunedin', postcode: '9016', state: { code: 'OTA', name: 'Otago' } },
	{ suburb: 'Mount Maunganui', city: 'Tauranga', postcode: '3116', state: { code: 'BOP', name: 'Bay of Plenty' } },
	{ suburb: 'Havelock North', city: 'Hastings', postcode: '4130', state: { code: 'HKB', name: "Hawke's Bay" } },
	{ suburb: 'The Wood', city: 'Nelson', postcode: '7010', state: { code: 'NSN', name: 'Nelson' } },
];

export const AUSTRALIA = { iso2Code: 'AU', iso3Code: 'AUS', name: 'Australia' };
export const NEW_ZEALAND = { iso2Code: 'NZ', iso3Code: 'NZL', name: 'New Zealand' };

export const FIRST_NAMES = ['Olivia', 'Jack', 'Charlotte', 'William', 'Amelia', 'Noah', 'Isla', 'Oliver', 'Mia', 'Lachlan', 'Ruby', 'Tama', 'Aroha', 'Liam', 'Grace', 'Harrison', 'Zoe', 'Mitchell', 'Chloe', 'Wiremu'];
export const LAST_NAMES = ['Smith', 'Nguyen', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Anderson', 'Thompson', 'Walker', 'Ngata', 'Kelly', 'Campbell', 'Murphy', 'Chen', 'Robinson', 'Parata', 'Harris', "O'Brien"];
export const STREETS = ['George St', 'Queen St', 'Oxford St', 'King St', 'Church St', 'Victoria Rd', 'Beach Rd', 'High St', 'Station St', 'Park Ave', 'Bay View Tce', 'Railway Pde', 'Marine Pde', 'Elizabeth St'];
export const COMPANIES = ['Summit Adventure Supplies', 'The Cook Shop', 'Harbour Pharmacy', 'Alpine Outfitters', 'Little Kitchen Co', 'Glow Skin Studio', 'Trailhead Camping', 'Corner Store Collective'];

export interface ProductSeed {
	code: string;
	name: string;
	unitWeightKg: number;
	unitCubicM3: number;
	dimensionsM?: { length: number; width: number; height: number };
	unitPrice: number;
	available: number;
}

export interface CustomerSeed {
	name: string;
	code: string;
	country: 'AU' | 'NZ';
	currency: string;
	autoGenerateConsignment: 'NO' | 'WHEN_PACKED';
	allowInvalidAddresses: boolean;
	email: string;
	telephone: string;
	products: ProductSeed[];
}

export const CUSTOMER_SEEDS: CustomerSeed[] = [
	{
		name: 'Koala Outdoor Co', code: 'KOA', country: 'AU', currency: 'AUD', autoGenerateConsignment: 'WHEN_PACKED',
		// Allows invalid addresses: that is how the deliberately bad PACKED orders got in.
		allowInvalidAddresses: true, email: 'orders@koalaoutdoor.com.au', telephone: '07 3216 4400',
		products: [
			{ code: 'KOA-TENT-2P', name: 'Bush Hiker 2-Person Tent', unitWeightKg: 2.4, unitCubicM3: 0.012, dimensionsM: { length: 0.5, width: 0.16, height: 0.15 }, unitPrice: 289, available: 400 },
			{ code: 'KOA-SBAG-M5', name: 'Mallee -5C Sleeping Bag', unitWeightKg: 1.6, unitCubicM3: 0.009, unitPrice: 179, available: 600 },
			{ code: 'KOA-PACK-45', name: 'Overland 45L Hiking Pack', unitWeightKg: 1.9, unitCubicM3: 0.02, unitPrice: 219, available: 500 },
			{ code: 'KOA-STOVE-GAS', name: 'Billy Compact Gas Stove', unitWeightKg: 0.45, unitCubicM3: 0.002, unitPrice: 69, available: 900 },
			{ code: 'KOA-MAT-SI', name: 'Self-Inflating Sleeping Mat', unitWeightKg: 1.1, unitCubicM3: 0.006, unitPrice: 99, available: 700 },
			{ code: 'KOA-HEAD-300', name: 'Glowworm 300lm Head Torch', unitWeightKg: 0.09, unitCubicM3: 0.0005, unitPrice: 39, available: 2000 },
			{ code: 'KOA-BOTTLE-1L', name: 'Insulated Drink Bottle 1L', unitWeightKg: 0.42, unitCubicM3: 0.0015, unitPrice: 34.95, available: 1500 },
		],
	},
	{
		name: 'Kiwi Kitchenware', code: 'KIW', country: 'NZ', currency: 'NZD', autoGenerateConsignment: 'WHEN_PACKED',
		allowInvalidAddresses: false, email: 'dispatch@kiwikitchenware.co.nz', telephone: '09 376 2210',
		products: [
			{ code: 'KIW-POT-24', name: 'Kauri Cast Iron Pot 24cm', unitWeightKg: 4.2, unitCubicM3: 0.008, dimensionsM: { length: 0.32, width: 0.25, height: 0.1 }, unitPrice: 189, available: 300 },
			{ code: 'KIW-KNIFE-CH', name: "Chef's Knife 20cm", unitWeightKg: 0.25, unitCubicM3: 0.001, unitPrice: 119, available: 800 },
			{ code: 'KIW-BOARD-L', name: 'Rimu Chopping Board Large', unitWeightKg: 1.8, unitCubicM3: 0.004, unitPrice: 79, available: 500 },
			{ code: 'KIW-PAN-28', name: 'Tui Non-Stick Frypan 28cm', unitWeightKg: 1.3, unitCubicM3: 0.006, unitPrice: 95, available: 600 },
			{ code: 'KIW-MUG-SET4', name: 'Pohutukawa Mug Set (4)', unitWeightKg: 1.6, unitCubicM3: 0.007, unitPrice: 59, available: 700 },
			{ code: 'KIW-TOWEL-3', name: 'Linen Tea Towels (3 pack)', unitWeightKg: 0.3, unitCubicM3: 0.001, unitPrice: 36, available: 1200 },
		],
	},
	{
		name: 'Bondi Beauty', code: 'BON', country: 'AU', currency: 'AUD', autoGenerateConsignment: 'NO',
		allowInvalidAddresses: false, email: 'hello@bondibeauty.com.au', telephone: '02 9130 5521',
		products: [
			{ code: 'BON-SPF50-200', name: 'Bondi Daily SPF50+ 200ml', unitWeightKg: 0.24, unitCubicM3: 0.0004, unitPrice: 29.95, available: 3000 },
			{ code: 'BON-SERUM-30', name: 'Vitamin C Serum 30ml', unitWeightKg: 0.11, unitCubicM3: 0.0002, unitPrice: 54, available: 1500 },
			{ code: 'BON-CLEANSE-150', name: 'Sea Salt Cleanser 150ml', unitWeightKg: 0.19, unitCubicM3: 0.0003, unitPrice: 32, available: 2000 },
			{ code: 'BON-MOIST-50', name: 'Hydrating Moisturiser 50ml', unitWeightKg: 0.14, unitCubicM3: 0.0002, unitPrice: 45, available: 1800 },
			{ code: 'BON-LIP-TRIO', name: 'Lip Balm Trio', unitWeightKg: 0.05, unitCubicM3: 0.0001, unitPrice: 19, available: 2500 },
			{ code: 'BON-GIFT-BOX', name: 'Summer Gift Box', unitWeightKg: 0.85, unitCubicM3: 0.004, unitPrice: 99, available: 400 },
		],
	},
];
