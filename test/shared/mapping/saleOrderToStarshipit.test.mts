/** The one CartonCloud sale order → Starshipit order mapping, exercised directly. */
import { describe, expect, it } from 'vitest';
import {
	mapSaleOrderToStarshipit,
	toCountryCode,
	toCountryName,
	validateStarshipitOrder,
} from '../../../nodes/shared/mapping/saleOrderToStarshipit.ts';
import { cleanStrings } from '../../../nodes/shared/mapping/text.ts';
import { saleOrder } from '../../starshipit/fixtures.mts';

const errorsOf = (result: ReturnType<typeof mapSaleOrderToStarshipit>) =>
	result.ok ? [] : result.errors;

describe('mapSaleOrderToStarshipit', () => {
	it('maps a full sale order', () => {
		const result = mapSaleOrderToStarshipit(saleOrder('SO-1001'));
		expect(result).toEqual({
			ok: true,
			order: {
				order_number: 'SO-1001',
				reference: 'Acme Homewares Pty Ltd',
				order_date: '2025-07-07T00:06:24.000Z',
				shipping_method: 'Standard',
				currency: 'AUD',
				destination: {
					name: 'Jane Citizen',
					company: 'Citizen Enterprises',
					street: '1 George St',
					building: 'Level 2',
					suburb: 'Sydney',
					city: 'Sydney',
					state: 'NSW',
					post_code: '2000',
					country: 'Australia',
					phone: '0400 000 000',
					email: 'jane@example.com',
					delivery_instructions: 'Leave at the front door',
				},
				items: [
					{ sku: 'MUG-01', description: 'Coffee Mug', quantity: 4, weight: 0.5, value: 12.5 },
				],
			},
		});
	});

	it('turns ISO-2, ISO-3 and name country objects into country names', () => {
		for (const [country, name] of [
			[{ iso2Code: 'NZ' }, 'New Zealand'],
			[{ iso3Code: 'USA' }, 'United States'],
			[{ name: 'united kingdom' }, 'United Kingdom'],
			[{ iso2Code: 'gb', name: 'ignored' }, 'United Kingdom'],
		] as const) {
			const result = mapSaleOrderToStarshipit(saleOrder('SO-1', { address: { country } }));
			expect(result.ok && result.order.destination.country).toBe(name);
		}
		expect(toCountryName('AUS')).toBe('Australia');
		expect(toCountryCode('New Zealand')).toBe('NZ');
	});

	it('names the order and the CartonCloud field in every error', () => {
		const errors = errorsOf(
			mapSaleOrderToStarshipit(
				saleOrder('SO-2', {
					address: {
						address1: '  ',
						postcode: '12345678901',
						country: { iso2Code: 'ZZ' },
						contactName: null,
						companyName: null,
					},
				}),
			),
		);
		expect(errors).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^Sale order "SO-2": details\.deliver\.address\.country: unknown country "ZZ"/,
				),
				expect.stringMatching(
					/^Sale order "SO-2": details\.deliver\.address\.address1 \(Starshipit destination\.street\): is required/,
				),
				expect.stringMatching(
					/^Sale order "SO-2": details\.deliver\.address\.postcode \(Starshipit destination\.post_code\): must be at most 10/,
				),
				expect.stringMatching(
					/^Sale order "SO-2": details\.deliver\.address\.contactName \(or companyName\) \(Starshipit destination\.name\): is required/,
				),
			]),
		);
		expect(errors).toHaveLength(4);
	});

	it('refuses a created date it cannot read instead of dating the order today', () => {
		const order = saleOrder('SO-3');
		(order as { timestamps: unknown }).timestamps = { created: { time: '31/02/2026 10:00' } };
		expect(errorsOf(mapSaleOrderToStarshipit(order))).toEqual([
			expect.stringMatching(
				/^Sale order "SO-3": timestamps\.created\.time: "31\/02\/2026 10:00" is not a date/,
			),
		]);
	});

	it('rejects an order number over 50 characters and a missing one', () => {
		expect(errorsOf(mapSaleOrderToStarshipit(saleOrder('N'.repeat(51))))[0]).toMatch(
			/references\.customer \(Starshipit order_number\): must be at most 50/,
		);
		const missing = saleOrder('SO-3');
		(missing.references as Record<string, unknown>).customer = null;
		expect(errorsOf(mapSaleOrderToStarshipit(missing))[0]).toMatch(
			/references\.customer.*is required/,
		);
	});

	it('uses the numeric id when asked', () => {
		const result = mapSaleOrderToStarshipit(saleOrder('SO-77'), {
			orderNumberSource: 'numericId',
			referenceSource: 'none',
		});
		expect(result.ok && result.order.order_number).toBe('77');
		expect(result.ok && result.order.reference).toBeUndefined();
	});

	it('cuts long delivery instructions to 100 characters, or fails when told to', () => {
		const long = 'x'.repeat(150);
		const cut = mapSaleOrderToStarshipit(saleOrder('SO-4', { instructions: long }));
		expect(cut.ok && cut.order.destination.delivery_instructions).toHaveLength(100);
		expect(
			errorsOf(
				mapSaleOrderToStarshipit(saleOrder('SO-4', { instructions: long }), {
					longInstructions: 'error',
				}),
			)[0],
		).toMatch(/SO-4.*details\.deliver\.instructions: must be at most 100 characters/);
	});

	it('checks item lines: a line weight (if a tenant sends one) is the total in kg, quantity must be positive, gram-sized weights are refused', () => {
		const line = (quantity: number, weight: number | null) => ({
			details: {
				product: { references: { code: 'A' }, name: 'A' },
				unitOfMeasure: { type: 'UNITS' },
			},
			measures: { quantity, weight },
		});
		const ok = mapSaleOrderToStarshipit(saleOrder('SO-5', { items: [line(3, 1.5)] }));
		expect(ok.ok && ok.order.items).toEqual([
			{ sku: 'A', description: 'A', quantity: 3, weight: 0.5 },
		]);
		const bad = errorsOf(
			mapSaleOrderToStarshipit(saleOrder('SO-5', { items: [line(0, 1), line(1, 2500)] })),
		);
		expect(bad).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/items\[0\]\.measures\.quantity .*must be greater than 0/),
				expect.stringMatching(/items\[1\]\.measures\.weight .*kg \(not grams\)/),
			]),
		);
	});

	it('takes the weight per unit from the warehouse products, else the default; an item with none fails naming order and item', () => {
		const line = (id: string, code: string, unit = 'UNITS') => ({
			details: { product: { id, references: { code }, name: code }, unitOfMeasure: { type: unit } },
			measures: { quantity: 2 },
		});
		const products = {
			p1: {
				id: 'p1',
				code: 'TENT',
				unitsOfMeasure: { UNITS: { weightKg: 2.4 }, CARTON: { weightKg: 10.5 } },
			},
			'code:MUG': { id: 'p2', code: 'MUG', unitsOfMeasure: { UNITS: { weightKg: 0.4 } } },
		};
		const order = saleOrder('SO-W', {
			items: [
				line('p1', 'TENT'),
				line('p1', 'TENT', 'CARTON'),
				line('', 'MUG'),
				line('p9', 'NOPE'),
			],
		});
		const missing = errorsOf(mapSaleOrderToStarshipit(order, { products }));
		expect(missing).toEqual([
			expect.stringMatching(/^Sale order "SO-W": items\[3\] \(NOPE\): no weight/),
		]);
		const mapped = mapSaleOrderToStarshipit(order, { products, defaultItemWeightKg: 1.25 });
		expect(mapped.ok && mapped.order.items!.map((i) => i.weight)).toEqual([2.4, 10.5, 0.4, 1.25]);
		// The CartonCloud node attaches the products to the sale order itself.
		const attached = mapSaleOrderToStarshipit({
			...saleOrder('SO-W', { items: [line('p1', 'TENT')] }),
			productMeasures: products,
		});
		expect(attached.ok && attached.order.items![0].weight).toBe(2.4);
	});

	it('strips NUL, control and zero-width characters from everything sent, and line breaks from single-line fields', () => {
		const dirty = saleOrder('SO-\u200BCTRL\u0000', {
			address: {
				contactName: 'Jane\r\nCitizen\u0000',
				address1: '1 George\u200D St\u0007',
				suburb: 'Syd\uFEFFney',
			},
			instructions: 'Ring twice\r\nthen leave\u0000 at door\u200B',
		});
		const mapped = mapSaleOrderToStarshipit(dirty, {
			defaults: { reference: 'Ref\u0000\n1' } as never,
		});
		expect(mapped.ok).toBe(true);
		if (!mapped.ok) return;
		expect(mapped.order.order_number).toBe('SO-CTRL');
		expect(mapped.order.destination.name).toBe('Jane Citizen');
		expect(mapped.order.destination.street).toBe('1 George St');
		expect(mapped.order.destination.delivery_instructions).toBe('Ring twice\nthen leave at door');
		const everything = JSON.stringify(mapped.order);
		expect(everything).not.toMatch(/\\u0000|\\r|[\u200B-\u200D\uFEFF\u0000-\u0008]/);
	});

	it('cleans in a copy: the input sale order is left as it came, and clean text is not copied', () => {
		const dirty = saleOrder('SO-CLEAN-1', { address: { contactName: ' Jane  Citizen\u0000' } });
		const before = structuredClone(dirty);
		expect(cleanStrings(dirty)).not.toBe(dirty);
		expect(dirty).toEqual(before);
		const clean = saleOrder('SO-CLEAN-2');
		expect(cleanStrings(clean)).toBe(clean);
		expect((cleanStrings(dirty) as typeof dirty).details).not.toBe(dirty.details);
		expect((cleanStrings(dirty) as typeof dirty).items).toBe(dirty.items);
	});

	it('reports a shape that is not a sale order', () => {
		expect(errorsOf(mapSaleOrderToStarshipit({ foo: 1 }))[0]).toMatch(
			/^Sale order \(no customer reference\): references: is required/,
		);
	});
});

describe('validateStarshipitOrder', () => {
	it('checks UI-built orders with the same limits (country must be a name, metres not centimetres)', () => {
		const result = validateStarshipitOrder({
			order_number: 'UI-1',
			destination: { name: 'A', street: 'B', suburb: 'C', country: 'AU' },
			packages: [{ weight: 1, length: 30 }],
		});
		expect(result.ok ? [] : result.errors).toEqual([
			expect.stringMatching(/^Order "UI-1": destination\.country: must be a country name/),
			expect.stringMatching(/^Order "UI-1": packages\[0\]\.length: .*metres/),
		]);
	});
});
