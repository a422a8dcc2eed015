/**
 * Starshipit wants `destination.country` as a country NAME ("Australia"), while CartonCloud and
 * most shops send ISO codes. This table turns ISO-2, ISO-3 and common aliases into the English
 * short name Starshipit shows in its UI. Names not in the table are an error (never guessed):
 * a wrong country sends a parcel abroad.
 */
const COUNTRIES: ReadonlyArray<
	readonly [iso2: string, iso3: string, name: string, ...aliases: string[]]
> = [
	['AU', 'AUS', 'Australia'],
	['NZ', 'NZL', 'New Zealand', 'Aotearoa'],
	['US', 'USA', 'United States', 'United States of America', 'America'],
	[
		'GB',
		'GBR',
		'United Kingdom',
		'UK',
		'Great Britain',
		'England',
		'Scotland',
		'Wales',
		'Northern Ireland',
	],
	['CA', 'CAN', 'Canada'],
	['SG', 'SGP', 'Singapore'],
	['IE', 'IRL', 'Ireland', 'Republic of Ireland'],
	['DE', 'DEU', 'Germany', 'Deutschland'],
	['FR', 'FRA', 'France'],
	['IT', 'ITA', 'Italy'],
	['ES', 'ESP', 'Spain'],
	['NL', 'NLD', 'Netherlands', 'The Netherlands', 'Holland'],
	['BE', 'BEL', 'Belgium'],
	['CH', 'CHE', 'Switzerland'],
	['AT', 'AUT', 'Austria'],
	['SE', 'SWE', 'Sweden'],
	['NO', 'NOR', 'Norway'],
	['DK', 'DNK', 'Denmark'],
	['FI', 'FIN', 'Finland'],
	['IS', 'ISL', 'Iceland'],
	['PL', 'POL', 'Poland'],
	['PT', 'PRT', 'Portugal'],
	['GR', 'GRC', 'Greece'],
	['CZ', 'CZE', 'Czech Republic', 'Czechia'],
	['SK', 'SVK', 'Slovakia'],
	['HU', 'HUN', 'Hungary'],
	['RO', 'ROU', 'Romania'],
	['BG', 'BGR', 'Bulgaria'],
	['HR', 'HRV', 'Croatia'],
	['SI', 'SVN', 'Slovenia'],
	['EE', 'EST', 'Estonia'],
	['LV', 'LVA', 'Latvia'],
	['LT', 'LTU', 'Lithuania'],
	['LU', 'LUX', 'Luxembourg'],
	['MT', 'MLT', 'Malta'],
	['CY', 'CYP', 'Cyprus'],
	['TR', 'TUR', 'Turkey', 'Türkiye'],
	['IL', 'ISR', 'Israel'],
	['JP', 'JPN', 'Japan'],
	['CN', 'CHN', 'China', "People's Republic of China"],
	['HK', 'HKG', 'Hong Kong'],
	['MO', 'MAC', 'Macau', 'Macao'],
	['TW', 'TWN', 'Taiwan'],
	['KR', 'KOR', 'South Korea', 'Korea', 'Republic of Korea'],
	['IN', 'IND', 'India'],
	['LK', 'LKA', 'Sri Lanka'],
	['BD', 'BGD', 'Bangladesh'],
	['PK', 'PAK', 'Pakistan'],
	['NP', 'NPL', 'Nepal'],
	['ID', 'IDN', 'Indonesia'],
	['MY', 'MYS', 'Malaysia'],
	['TH', 'THA', 'Thailand'],
	['PH', 'PHL', 'Philippines'],
	['VN', 'VNM', 'Vietnam', 'Viet Nam'],
	['KH', 'KHM', 'Cambodia'],
	['BN', 'BRN', 'Brunei'],
	['AE', 'ARE', 'United Arab Emirates', 'UAE'],
	['SA', 'SAU', 'Saudi Arabia'],
	['QA', 'QAT', 'Qatar'],
	['KW', 'KWT', 'Kuwait'],
	['BH', 'BHR', 'Bahrain'],
	['OM', 'OMN', 'Oman'],
	['EG', 'EGY', 'Egypt'],
	['ZA', 'ZAF', 'South Africa'],
	['KE', 'KEN', 'Kenya'],
	['NG', 'NGA', 'Nigeria'],
	['MA', 'MAR', 'Morocco'],
	['BR', 'BRA', 'Brazil'],
	['MX', 'MEX', 'Mexico'],
	['AR', 'ARG', 'Argentina'],
	['CL', 'CHL', 'Chile'],
	['CO', 'COL', 'Colombia'],
	['PE', 'PER', 'Peru'],
	['UY', 'URY', 'Uruguay'],
	['FJ', 'FJI', 'Fiji'],
	['PG', 'PNG', 'Papua New Guinea'],
	['WS', 'WSM', 'Samoa'],
	['TO', 'TON', 'Tonga'],
	['VU', 'VUT', 'Vanuatu'],
	['SB', 'SLB', 'Solomon Islands'],
	['NC', 'NCL', 'New Caledonia'],
	['PF', 'PYF', 'French Polynesia'],
	['CK', 'COK', 'Cook Islands'],
	['NU', 'NIU', 'Niue'],
	['KI', 'KIR', 'Kiribati'],
	['NR', 'NRU', 'Nauru'],
	['TV', 'TUV', 'Tuvalu'],
	['NF', 'NFK', 'Norfolk Island'],
	['GU', 'GUM', 'Guam'],
	['TL', 'TLS', 'Timor-Leste', 'East Timor'],
];

const BY_KEY = new Map<string, string>();
for (const [iso2, iso3, name, ...aliases] of COUNTRIES) {
	for (const key of [iso2, iso3, name, ...aliases]) BY_KEY.set(key.toLowerCase(), name);
}

/** The country name Starshipit expects for an ISO-2/ISO-3 code or a known name; undefined when unknown. */
export function toCountryName(value: string | undefined | null): string | undefined {
	if (typeof value !== 'string') return undefined;
	return BY_KEY.get(value.trim().toLowerCase());
}

/** ISO-2 code for a code or name (rates and delivery services want `country_code`). */
export function toCountryCode(value: string | undefined | null): string | undefined {
	const name = toCountryName(value);
	return name === undefined ? undefined : COUNTRIES.find((c) => c[2] === name)?.[0];
}
