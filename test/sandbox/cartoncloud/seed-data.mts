/**
 * Static tables for the realistic seed: real AU/NZ suburbs with matching postcodes and
 * state/region codes, names, streets and a per-customer product catalogue with units of measure.
 */
import type { ProductUnit } from './types.mts';

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
	{
		suburb: 'Ponsonby',
		city: 'Auckland',
		postcode: '1011',
		state: { code: 'AUK', name: 'Auckland' },
	},
	{
		suburb: 'Mount Eden',
		city: 'Auckland',
		postcode: '1024',
		state: { code: 'AUK', name: 'Auckland' },
	},
	{
		suburb: 'Takapuna',
		city: 'Auckland',
		postcode: '0622',
		state: { code: 'AUK', name: 'Auckland' },
	},
	{
		suburb: 'Te Aro',
		city: 'Wellington',
		postcode: '6011',
		state: { code: 'WGN', name: 'Wellington' },
	},
	{
		suburb: 'Petone',
		city: 'Lower Hutt',
		postcode: '5012',
		state: { code: 'WGN', name: 'Wellington' },
	},
	{
		suburb: 'Riccarton',
		city: 'Christchurch',
		postcode: '8011',
		state: { code: 'CAN', name: 'Canterbury' },
	},
	{
		suburb: 'Sumner',
		city: 'Christchurch',
		postcode: '8081',
		state: { code: 'CAN', name: 'Canterbury' },
	},
	{
		suburb: 'Frankton',
		city: 'Hamilton',
		postcode: '3204',
		state: { code: 'WKO', name: 'Waikato' },
	},
	{
		suburb: 'North Dunedin',
		city: 'Dunedin',
		postcode: '9016',
		state: { code: 'OTA', name: 'Otago' },
	},
	{
		suburb: 'Mount Maunganui',
		city: 'Tauranga',
		postcode: '3116',
		state: { code: 'BOP', name: 'Bay of Plenty' },
	},
	{
		suburb: 'Havelock North',
		city: 'Hastings',
		postcode: '4130',
		state: { code: 'HKB', name: "Hawke's Bay" },
	},
	{ suburb: 'The Wood', city: 'Nelson', postcode: '7010', state: { code: 'NSN', name: 'Nelson' } },
];

export const AUSTRALIA = { iso2Code: 'AU', iso3Code: 'AUS', name: 'Australia' };
export const NEW_ZEALAND = { iso2Code: 'NZ', iso3Code: 'NZL', name: 'New Zealand' };

export const FIRST_NAMES = [
	'Olivia',
	'Jack',
	'Charlotte',
	'William',
	'Amelia',
	'Noah',
	'Isla',
	'Oliver',
	'Mia',
	'Lachlan',
	'Ruby',
	'Tama',
	'Aroha',
	'Liam',
	'Grace',
	'Harrison',
	'Zoe',
	'Mitchell',
	'Chloe',
	'Wiremu',
];
export const LAST_NAMES = [
	'Smith',
	'Nguyen',
	'Williams',
	'Brown',
	'Wilson',
	'Taylor',
	'Anderson',
	'Thompson',
	'Walker',
	'Ngata',
	'Kelly',
	'Campbell',
	'Murphy',
	'Chen',
	'Robinson',
	'Parata',
	'Harris',
	"O'Brien",
];
export const STREETS = [
	'George St',
	'Queen St',
	'Oxford St',
	'King St',
	'Church St',
	'Victoria Rd',
	'Beach Rd',
	'High St',
	'Station St',
	'Park Ave',
	'Bay View Tce',
	'Railway Pde',
	'Marine Pde',
	'Elizabeth St',
];
export const COMPANIES = [
	'Summit Adventure Supplies',
	'The Cook Shop',
	'Harbour Pharmacy',
	'Alpine Outfitters',
	'Little Kitchen Co',
	'Glow Skin Studio',
	'Trailhead Camping',
	'Corner Store Collective',
];

/**
 * A product as the tenant set it up: its units keyed by the tenant's own codes (D, Create
 * Warehouse Product). Tenants differ: Koala Outdoor uses the docs' own `units`/`cartons`/`pallets`
 * (lower case, while its sale-order lines say UNITS/CARTONS as in the docs' outbound example);
 * Kiwi Kitchenware uses EA/CT/PLT and Bondi Beauty EACH/CTN/PLT, the codes public clients tested
 * against live tenants show (a third-party Python client: CT, CTN, PLT, EA; work-flowers/
 * zapier-cartoncloud: "CTN", "EACH"). Weights are kg, dimensions millimetres (public clients
 * store mm; the docs name no unit). A carton often has only `baseQty`: its weight is baseQty x
 * the base unit's.
 */
export interface ProductSeed {
	code: string;
	name: string;
	type: string;
	defaultUnit: string;
	units: ProductUnit[];
	/** The unit the customer's sale-order lines name, spelled as its integration sends it. */
	saleUnit: string;
	unitCubicM3: number;
	unitPrice: number;
	/** In base units. */
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

const unit = (
	code: string,
	baseQty: number,
	more: Omit<ProductUnit, 'code' | 'baseQty'> = {},
): ProductUnit => ({ code, baseQty, ...more });

export const CUSTOMER_SEEDS: CustomerSeed[] = [
	{
		name: 'Koala Outdoor Co',
		code: 'KOA',
		country: 'AU',
		currency: 'AUD',
		autoGenerateConsignment: 'WHEN_PACKED',
		// Allows invalid addresses: that is how the deliberately bad PACKED orders got in.
		allowInvalidAddresses: true,
		email: 'orders@koalaoutdoor.com.au',
		telephone: '07 3216 4400',
		products: [
			{
				code: 'KOA-TENT-2P',
				name: 'Bush Hiker 2-Person Tent',
				type: 'General',
				defaultUnit: 'units',
				saleUnit: 'UNITS',
				units: [
					unit('units', 1, {
						weight: 2.4,
						length: 500,
						width: 160,
						height: 150,
						isDirectlyShippable: true,
					}),
					unit('cartons', 4),
					unit('pallets', 80, {
						length: 1165,
						width: 1165,
						height: 1400,
						isDirectlyShippable: false,
					}),
				],
				unitCubicM3: 0.012,
				unitPrice: 289,
				available: 400,
			},
			{
				code: 'KOA-SBAG-M5',
				name: 'Mallee -5C Sleeping Bag',
				type: 'General',
				defaultUnit: 'units',
				saleUnit: 'UNITS',
				units: [unit('units', 1, { weight: 1.6 }), unit('cartons', 6)],
				unitCubicM3: 0.009,
				unitPrice: 179,
				available: 600,
			},
			{
				code: 'KOA-PACK-45',
				name: 'Overland 45L Hiking Pack',
				type: 'General',
				defaultUnit: 'units',
				saleUnit: 'UNITS',
				units: [unit('units', 1, { weight: 1.9 })],
				unitCubicM3: 0.02,
				unitPrice: 219,
				available: 500,
			},
			{
				// The docs' own example, shape for shape: sold by the carton, which has a baseQty only.
				code: 'KOA-STOVE-GAS',
				name: 'Billy Compact Gas Stove (carton of 12)',
				type: 'Dangerous Goods',
				defaultUnit: 'cartons',
				saleUnit: 'CARTONS',
				units: [
					unit('units', 1, {
						weight: 0.45,
						length: 160,
						width: 110,
						height: 90,
						isDirectlyShippable: true,
					}),
					unit('cartons', 12),
					unit('pallets', 480, {
						length: 1165,
						width: 1165,
						height: 1200,
						isDirectlyShippable: false,
					}),
				],
				unitCubicM3: 0.002,
				unitPrice: 69,
				available: 2400,
			},
			{
				code: 'KOA-MAT-SI',
				name: 'Self-Inflating Sleeping Mat',
				type: 'General',
				defaultUnit: 'units',
				saleUnit: 'Units',
				units: [unit('units', 1, { weight: 1.1 }), unit('cartons', 8)],
				unitCubicM3: 0.006,
				unitPrice: 99,
				available: 700,
			},
			{
				// A carton weighed with its packaging: its own weight, not 24 x 0.09.
				code: 'KOA-HEAD-300',
				name: 'Glowworm 300lm Head Torch',
				type: 'General',
				defaultUnit: 'units',
				saleUnit: 'UNITS',
				units: [unit('units', 1, { weight: 0.09 }), unit('cartons', 24, { weight: 2.5 })],
				unitCubicM3: 0.0005,
				unitPrice: 39,
				available: 2000,
			},
			{
				code: 'KOA-BOTTLE-1L',
				name: 'Insulated Drink Bottle 1L',
				type: 'General',
				defaultUnit: 'units',
				saleUnit: 'UNITS',
				units: [unit('units', 1, { weight: 0.42 }), unit('cartons', 6)],
				unitCubicM3: 0.0015,
				unitPrice: 34.95,
				available: 1500,
			},
		],
	},
	{
		name: 'Kiwi Kitchenware',
		code: 'KIW',
		country: 'NZ',
		currency: 'NZD',
		autoGenerateConsignment: 'WHEN_PACKED',
		allowInvalidAddresses: false,
		email: 'dispatch@kiwikitchenware.co.nz',
		telephone: '09 376 2210',
		products: [
			{
				code: 'KIW-POT-24',
				name: 'Kauri Cast Iron Pot 24cm',
				type: 'General',
				defaultUnit: 'EA',
				saleUnit: 'EA',
				units: [
					unit('EA', 1, {
						weight: 4.2,
						length: 320,
						width: 250,
						height: 100,
						isDirectlyShippable: true,
					}),
					unit('CT', 4, { weight: 17.6 }),
					unit('PLT', 96),
				],
				unitCubicM3: 0.008,
				unitPrice: 189,
				available: 300,
			},
			// Sold by the carton, which has a baseQty only: 12 x 0.25 kg.
			{
				code: 'KIW-KNIFE-CH',
				name: "Chef's Knife 20cm (carton of 12)",
				type: 'General',
				defaultUnit: 'EA',
				saleUnit: 'CT',
				units: [unit('EA', 1, { weight: 0.25 }), unit('CT', 12)],
				unitCubicM3: 0.001,
				unitPrice: 119,
				available: 2400,
			},
			{
				code: 'KIW-BOARD-L',
				name: 'Rimu Chopping Board Large',
				type: 'General',
				defaultUnit: 'EA',
				saleUnit: 'EA',
				units: [unit('EA', 1, { weight: 1.8 })],
				unitCubicM3: 0.004,
				unitPrice: 79,
				available: 500,
			},
			// The integration sends the code in lower case: "ct" for the key "CT".
			{
				code: 'KIW-PAN-28',
				name: 'Tui Non-Stick Frypan 28cm (carton of 6)',
				type: 'General',
				defaultUnit: 'EA',
				saleUnit: 'ct',
				units: [unit('EA', 1, { weight: 1.3 }), unit('CT', 6, { weight: 8.1 })],
				unitCubicM3: 0.006,
				unitPrice: 95,
				available: 1200,
			},
			{
				code: 'KIW-MUG-SET4',
				name: 'Pohutukawa Mug Set (4)',
				type: 'Fragile',
				defaultUnit: 'EA',
				saleUnit: 'EA',
				units: [unit('EA', 1, { weight: 1.6 }), unit('CT', 6)],
				unitCubicM3: 0.007,
				unitPrice: 59,
				available: 700,
			},
			{
				code: 'KIW-TOWEL-3',
				name: 'Linen Tea Towels (3 pack)',
				type: 'General',
				defaultUnit: 'EA',
				saleUnit: 'EA',
				units: [unit('EA', 1, { weight: 0.3 }), unit('CT', 20)],
				unitCubicM3: 0.001,
				unitPrice: 36,
				available: 1200,
			},
		],
	},
	{
		name: 'Bondi Beauty',
		code: 'BON',
		country: 'AU',
		currency: 'AUD',
		autoGenerateConsignment: 'NO',
		allowInvalidAddresses: false,
		email: 'hello@bondibeauty.com.au',
		telephone: '02 9130 5521',
		products: [
			{
				code: 'BON-SPF50-200',
				name: 'Bondi Daily SPF50+ 200ml',
				type: 'General',
				defaultUnit: 'EACH',
				saleUnit: 'EACH',
				units: [unit('EACH', 1, { weight: 0.24 }), unit('CTN', 24)],
				unitCubicM3: 0.0004,
				unitPrice: 29.95,
				available: 3000,
			},
			{
				code: 'BON-SERUM-30',
				name: 'Vitamin C Serum 30ml',
				type: 'General',
				defaultUnit: 'EACH',
				saleUnit: 'EACH',
				units: [unit('EACH', 1, { weight: 0.11 })],
				unitCubicM3: 0.0002,
				unitPrice: 54,
				available: 1500,
			},
			// A carton-only product (no EA): its base unit is the carton, weighed as a whole.
			{
				code: 'BON-CLEANSE-150',
				name: 'Sea Salt Cleanser 150ml (carton of 12)',
				type: 'General',
				defaultUnit: 'CTN',
				saleUnit: 'CTN',
				units: [unit('CTN', 1, { weight: 2.46 }), unit('PLT', 60)],
				unitCubicM3: 0.0036,
				unitPrice: 384,
				available: 160,
			},
			{
				code: 'BON-MOIST-50',
				name: 'Hydrating Moisturiser 50ml',
				type: 'General',
				defaultUnit: 'EACH',
				saleUnit: 'each',
				units: [unit('EACH', 1, { weight: 0.14 }), unit('CTN', 36)],
				unitCubicM3: 0.0002,
				unitPrice: 45,
				available: 1800,
			},
			// Its default unit is its only unit.
			{
				code: 'BON-LIP-TRIO',
				name: 'Lip Balm Trio',
				type: 'General',
				defaultUnit: 'EACH',
				saleUnit: 'EACH',
				units: [unit('EACH', 1, { weight: 0.05 })],
				unitCubicM3: 0.0001,
				unitPrice: 19,
				available: 2500,
			},
			{
				code: 'BON-GIFT-BOX',
				name: 'Summer Gift Box',
				type: 'General',
				defaultUnit: 'EACH',
				saleUnit: 'EACH',
				units: [unit('EACH', 1, { weight: 0.85 })],
				unitCubicM3: 0.004,
				unitPrice: 99,
				available: 400,
			},
		],
	},
];
