/**
 * Overrides in the pure mapping: every field of the mapping table can be overridden, an override
 * that comes out empty keeps the default, and a bad override (wrong type, too long, not a country,
 * not a date) fails the order with a reason naming the field and the override.
 */
import { describe, expect, it } from 'vitest';
import { FIELDS_BY_ID, ORDER_FIELDS } from '../../../nodes/shared/mapping/mappingTable.ts';
import type { OrderField } from '../../../nodes/shared/mapping/orderField.ts';
import {
	mapSaleOrderToStarshipit,
	type Overrides,
} from '../../../nodes/shared/mapping/saleOrderToStarshipit.ts';
import { saleOrder } from '../../starshipit/fixtures.mts';

const override = (value: unknown, from = 'override') => ({
	value,
	from,
	fix: 'change it in Order Fields',
});
const overriding = (values: Record<string, unknown>): Overrides =>
	Object.fromEntries(Object.entries(values).map(([id, value]) => [id, override(value)]));
const at = (order: unknown, path: string) =>
	path
		.split('.')
		.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], order);
const errorsOf = (result: ReturnType<typeof mapSaleOrderToStarshipit>) =>
	result.ok ? [] : result.errors;

/** A good value for each kind of field, and what the order then carries. */
function goodValue(f: OrderField): { given: unknown; sent: unknown } {
	if (f.format === 'country') return { given: 'nz', sent: 'New Zealand' };
	if (f.format === 'currency') return { given: 'NZD', sent: 'NZD' };
	if (f.format === 'metadata')
		return {
			given: 'customerPo, missing',
			sent: [{ metafield_key: 'customerPo', value: 'PO-778' }],
		};
	if (f.type === 'dateTime')
		return { given: '2026-03-01T09:30:00+10:00', sent: '2026-02-28T23:30:00.000Z' };
	if (f.type === 'boolean') return { given: 'yes', sent: true };
	if (f.type === 'number') return { given: '12.5', sent: 12.5 };
	const text = `${f.id}-value`.slice(0, f.max ?? 100);
	return { given: `  ${text}\u0000 `, sent: text };
}

const withPo = () => ({ ...saleOrder('SO-1'), properties: { customerPo: 'PO-778' } });

describe('overrides in the mapping', () => {
	it.each(ORDER_FIELDS.map((f) => [f.path, f] as const))(
		'%s can be overridden, read as its type and cleaned',
		(_path, f) => {
			const { given, sent } = goodValue(f);
			const result = mapSaleOrderToStarshipit(withPo(), {
				overrides: overriding({ [f.id]: given }),
				explain: true,
			});
			expect(errorsOf(result)).toEqual([]);
			expect(result.ok && at(result.order, f.path)).toEqual(sent);
		},
	);

	it('an override that comes out empty keeps the default, for that order only', () => {
		for (const empty of [undefined, null, '', '   ']) {
			const result = mapSaleOrderToStarshipit(saleOrder('SO-2'), {
				overrides: overriding({ reference: empty, destination_street: empty }),
			});
			expect(result.ok && [result.order.reference, result.order.destination.street]).toEqual([
				'Acme Homewares Pty Ltd',
				'1 George St',
			]);
		}
	});

	it('a field left alone keeps its default: sender details are not sent unless one is set', () => {
		const plain = mapSaleOrderToStarshipit(saleOrder('SO-3'));
		expect(plain.ok && plain.order.sender_details).toBeUndefined();
		const sender = mapSaleOrderToStarshipit(saleOrder('SO-3'), {
			overrides: overriding({
				sender_details_name: 'Acme Returns',
				sender_details_street: '5 Dock Rd',
			}),
		});
		expect(sender.ok && sender.order.sender_details).toEqual({
			name: 'Acme Returns',
			street: '5 Dock Rd',
		});
	});

	it('an override of the country replaces the unknown one without reporting it', () => {
		const order = saleOrder('SO-4', { address: { country: { name: 'Atlantis' } } });
		expect(errorsOf(mapSaleOrderToStarshipit(order))[0]).toMatch(/unknown country "Atlantis"/);
		const fixed = mapSaleOrderToStarshipit(order, {
			overrides: overriding({ destination_country: 'Australia' }),
		});
		expect(fixed.ok && fixed.order.destination.country).toBe('Australia');
	});

	it.each(
		ORDER_FIELDS.filter((f) => f.type === 'string' && f.max && !f.format).map(
			(f) => [f.path, f] as const,
		),
	)(
		'%s: an override too long fails the order, naming the field, the override and the length',
		(_path, f) => {
			const long = 'x'.repeat(f.max! + 13);
			const errors = errorsOf(
				mapSaleOrderToStarshipit(saleOrder('SO-5'), {
					overrides: overriding({ [f.id]: long }),
					explain: true,
				}),
			);
			expect(errors).toEqual([
				`Sale order "SO-5": ${f.label} (override): must be at most ${f.max} characters (got ${f.max! + 13}); change it in Order Fields`,
			]);
		},
	);

	it('the Reference example from the issue, word for word', () => {
		const errors = errorsOf(
			mapSaleOrderToStarshipit(saleOrder('SO-6'), {
				overrides: overriding({ reference: 'R'.repeat(63) }),
				explain: true,
			}),
		);
		expect(errors[0]).toContain('Reference (override): must be at most 50 characters (got 63)');
	});

	it.each([
		['declared_value', 'abc', 'Declared Value (override): must be a number (got "abc")'],
		[
			'signature_required',
			'maybe',
			'Signature Required (override): must be true or false (got "maybe")',
		],
		[
			'order_date',
			'31/02/2026',
			'Order Date (override): must be a date and time such as 2026-03-01T09:30:00+10:00 (got "31/02/2026")',
		],
		['reference', { po: 1 }, 'Reference (override): must be text (got an object)'],
		['destination_street', true, 'Destination Street (override): must be text (got true)'],
		[
			'metadatas',
			42,
			'Custom Fields as Metadata (override): must be custom field names separated by commas, or an object of keys and values (got 42)',
		],
		['currency', 'dollars', 'Currency (override): must be a 3-letter currency code such as AUD'],
		[
			'destination_country',
			'Atlantis',
			'Destination Country (override): must be a country name Starshipit knows, such as "Australia" (got "Atlantis")',
		],
	])(
		'%s: a value of the wrong kind (%j) fails the order with a reason naming the field and the override',
		(id, value, reason) => {
			const errors = errorsOf(
				mapSaleOrderToStarshipit(saleOrder('SO-7'), {
					overrides: overriding({ [id]: value }),
					explain: true,
				}),
			);
			expect(errors).toHaveLength(1);
			expect(errors[0]).toBe(`Sale order "SO-7": ${reason}; change it in Order Fields`);
		},
	);

	it('a per-customer value is named as such in its error', () => {
		const errors = errorsOf(
			mapSaleOrderToStarshipit(saleOrder('SO-8'), {
				overrides: {
					shipping_method: {
						value: 'M'.repeat(101),
						from: 'value for customer "Acme Homewares Pty Ltd"',
						fix: 'change it in Values per Customer',
					},
				},
				explain: true,
			}),
		);
		expect(errors).toEqual([
			'Sale order "SO-8": Shipping Method (value for customer "Acme Homewares Pty Ltd"): must be at most 100 characters (got 101); change it in Values per Customer',
		]);
	});

	it('a default that fails says where it came from and what to do (version 2), as version 1 said it without the advice', () => {
		const order = saleOrder('SO-9', { address: { postcode: '4005-QLD-12345' } });
		expect(errorsOf(mapSaleOrderToStarshipit(order, { explain: true }))).toEqual([
			'Sale order "SO-9": details.deliver.address.postcode (Starshipit destination.post_code): must be at most 10 characters (got 14); correct the postcode of the delivery address in CartonCloud, or override Destination Post Code',
		]);
		expect(errorsOf(mapSaleOrderToStarshipit(order))).toEqual([
			'Sale order "SO-9": details.deliver.address.postcode (Starshipit destination.post_code): must be at most 10 characters',
		]);
	});

	it('custom fields become metadata from names or from an object an expression gave', () => {
		const fromObject = mapSaleOrderToStarshipit(withPo(), {
			overrides: overriding({ metadatas: { po: 'PO-9', pallets: 2, none: '' } }),
		});
		expect(fromObject.ok && fromObject.order.metadatas).toEqual([
			{ metafield_key: 'po', value: 'PO-9' },
			{ metafield_key: 'pallets', value: '2' },
		]);
		const noneFound = mapSaleOrderToStarshipit(saleOrder('SO-10'), {
			overrides: overriding({ metadatas: 'customerPo' }),
		});
		expect(noneFound.ok && noneFound.order.metadatas).toBeUndefined();
	});

	it('every overridable field is in the table once, with an id n8n can address and a default in words', () => {
		expect(FIELDS_BY_ID.size).toBe(ORDER_FIELDS.length);
		for (const f of ORDER_FIELDS) {
			expect(f.id).toMatch(/^[a-z_]+$/);
			expect(f.defaultShort.length).toBeGreaterThan(2);
			expect(f.defaultText.length).toBeGreaterThan(5);
		}
	});
});
