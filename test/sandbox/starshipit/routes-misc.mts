/** Rates, delivery services, address validation and the health check (reference §1, §7). */
import type { SandboxServer } from '../core/server.mts';
import { priceFor, type StarshipitState } from './store.mts';
import { COUNTRY_NAMES, ISO2_CODES, validatePackageList } from './validation.mts';

type Obj = Record<string, unknown>;

/** A few real suburbs and their postcodes, enough for deterministic "valid"/"suggestion" answers. */
const AU_SUBURBS: Record<string, { post_code: string; state: string }> = {
	sydney: { post_code: '2000', state: 'NSW' },
	parramatta: { post_code: '2150', state: 'NSW' },
	bondi: { post_code: '2026', state: 'NSW' },
	melbourne: { post_code: '3000', state: 'VIC' },
	richmond: { post_code: '3121', state: 'VIC' },
	brisbane: { post_code: '4000', state: 'QLD' },
	adelaide: { post_code: '5000', state: 'SA' },
	perth: { post_code: '6000', state: 'WA' },
	hobart: { post_code: '7000', state: 'TAS' },
	darwin: { post_code: '0800', state: 'NT' },
	canberra: { post_code: '2600', state: 'ACT' },
};

export function registerMiscRoutes(server: SandboxServer, state: StarshipitState): void {
	/**
	 * Rates & services use ISO-2 `country_code` (pitfall 4), the opposite of orders. A country NAME
	 * here is rejected so a client that mixes the conventions up finds out.
	 */
	function checkedShipment(body: Obj): { from: string; to: string; weight: number } {
		const destination = (
			typeof body.destination === 'object' && body.destination !== null ? body.destination : body
		) as Obj;
		const sender = (
			typeof body.sender === 'object' && body.sender !== null ? body.sender : {}
		) as Obj;
		const problems: string[] = [];
		const code = (addr: Obj, prefix: string, required: boolean): string => {
			const cc = addr.country_code;
			if (cc === undefined || cc === null || cc === '') {
				if (required)
					problems.push(`${prefix}.country_code: is required (ISO 3166-1 alpha-2, e.g. AU)`);
				return 'AU';
			}
			if (typeof cc !== 'string' || !ISO2_CODES.has(cc))
				problems.push(
					`${prefix}.country_code: must be an ISO 3166-1 alpha-2 code such as AU, got '${String(cc)}'`,
				);
			return String(cc);
		};
		const to = code(destination, 'destination', true);
		// UNCONFIRMED: sender defaults to the account's own address; the sandbox's account is in AU.
		const from = code(sender, 'sender', false);
		const pc = destination.post_code;
		if (typeof pc !== 'string' || pc.trim() === '')
			problems.push('destination.post_code: is required');
		else if (pc.length > 10) problems.push('destination.post_code: must be at most 10 characters');
		problems.push(...validatePackageList(body.packages, 'packages', true));
		if (problems.length)
			state.fail(
				400,
				problems.map((details) => ({ message: 'Validation failed', details })),
			);
		// Billable weight: the larger of dead weight and cubic weight (250 kg per m³, a common AU factor).
		const weight = (body.packages as Obj[]).reduce((sum, p) => {
			const cubic = Number(p.height ?? 0) * Number(p.width ?? 0) * Number(p.length ?? 0) * 250;
			return sum + Math.max(Number(p.weight ?? 0), cubic);
		}, 0);
		return { from, to, weight };
	}

	function services(from: string, to: string, weight: number) {
		const intl = from !== to;
		const list = intl
			? [
					{
						carrier: 'AusPost',
						carrier_name: 'Australia Post',
						service_code: 'PTI8',
						service_name: 'International Standard',
						express: false,
					},
					{
						carrier: 'AusPost',
						carrier_name: 'Australia Post',
						service_code: 'PTI7',
						service_name: 'International Express',
						express: true,
					},
				]
			: [
					{
						carrier: 'AusPost',
						carrier_name: 'Australia Post',
						service_code: '7D55',
						service_name: 'Parcel Post',
						express: false,
					},
					{
						carrier: 'AusPost',
						carrier_name: 'Australia Post',
						service_code: '7J55',
						service_name: 'Express Post',
						express: true,
					},
					{
						carrier: 'PlainLabel',
						carrier_name: 'Plain Label',
						service_code: 'PLAIN',
						service_name: 'Plain Label',
						express: false,
					},
				];
		return list.map(({ express, ...s }) => ({
			...s,
			total_price: s.carrier === 'PlainLabel' ? 0 : priceFor(weight, intl, express),
		}));
	}

	server.route('POST', '/api/rates', (req) => {
		const { from, to, weight } = checkedShipment(state.body(req));
		// UNCONFIRMED: fields beyond service_name/service_code/total_price.
		const rates = services(from, to, weight).map((s) => ({
			service_name: s.service_name,
			service_code: s.service_code,
			total_price: s.total_price,
		}));
		return { status: 200, body: { success: true, rates } };
	});

	server.route('POST', '/api/deliveryservices', (req) => {
		const body = state.body(req);
		const { from, to, weight } = checkedShipment(body);
		// UNCONFIRMED: the service object's keys; prices only when include_pricing is true (MC).
		const list = services(from, to, weight).map(({ total_price, ...s }) =>
			body.include_pricing === true ? { ...s, total_price } : s,
		);
		return { status: 200, body: { success: true, services: list } };
	});

	server.route('GET', '/api/address/validate', (req) => {
		const q = (name: string) => (req.query.get(name) ?? '').trim();
		const country = q('country');
		// UNCONFIRMED: whether `country` is a name or a code here; strict: a name, as on orders.
		if (!(country in COUNTRY_NAMES)) {
			state.fail(400, [
				{
					message: 'Validation failed',
					details: `country: must be a country name such as 'Australia', got '${country}'`,
				},
			]);
		}
		const suburb = q('suburb');
		const postCode = q('post_code');
		const base = {
			street: q('street'),
			suburb,
			city: q('city'),
			state: q('state'),
			post_code: postCode,
			country,
			country_code: COUNTRY_NAMES[country],
		};
		let valid = base.street !== '' && suburb !== '' && postCode !== '';
		const suggestions: Obj[] = [];
		if (country === 'Australia' || country === 'New Zealand') {
			valid &&= /^\d{4}$/.test(postCode);
			const known = country === 'Australia' ? AU_SUBURBS[suburb.toLowerCase()] : undefined;
			if (known && known.post_code !== postCode) {
				valid = false;
				suggestions.push({ ...base, post_code: known.post_code, state: known.state });
			}
		}
		return { status: 200, body: { success: true, valid, suggestions } };
	});

	// Undocumented connectivity check (DART2); gated like everything else. UNCONFIRMED reply shape.
	server.route('GET', '/api/health', () => ({
		status: 200,
		body: { success: true, status: 'Healthy' },
	}));
}
