/**
 * Packages of a mapped order: none by default, one box of a fixed size, or one package per unit
 * sized from the warehouse products through the unit the user states (issue 21 point 1: a product
 * dimension never reaches Starshipit without a conversion the user can see and change).
 */
import { describe, expect, it } from 'vitest';
import { mapSaleOrderToStarshipit } from '../../../nodes/shared/mapping/saleOrderToStarshipit.ts';
import { saleOrder } from '../../starshipit/fixtures.mts';

const line = (id: string, quantity: number, unit = 'UNITS') => ({
	details: {
		product: { id, references: { code: id.toUpperCase() }, name: id },
		unitOfMeasure: { type: unit },
	},
	measures: { quantity },
});

/** As the CartonCloud node attaches them: units keyed lower-case, dimensions as CartonCloud gives them (millimetres here). */
const products = {
	tent: {
		id: 'tent',
		code: 'TENT',
		defaultUnit: 'units',
		unitsOfMeasure: {
			units: { weightKg: 2.4, baseQty: 1, length: 500, width: 160, height: 150 },
			cartons: { weightKg: 9.6, baseQty: 4 },
		},
	},
	mug: {
		id: 'mug',
		code: 'MUG',
		defaultUnit: 'units',
		unitsOfMeasure: { units: { weightKg: 0.35, baseQty: 1, length: 120, width: 90, height: 100 } },
	},
};

const order = (...lines: ReturnType<typeof line>[]) => ({
	...saleOrder('SO-P', { items: lines }),
	productMeasures: products,
});
const errorsOf = (result: ReturnType<typeof mapSaleOrderToStarshipit>) =>
	result.ok ? [] : result.errors;

describe('packages', () => {
	it('are not sent by default: Starshipit decides', () => {
		const result = mapSaleOrderToStarshipit(order(line('tent', 1)));
		expect(result.ok && result.order.packages).toBeUndefined();
	});

	it('one box of a fixed size weighs what the items weigh', () => {
		const result = mapSaleOrderToStarshipit(order(line('tent', 2), line('mug', 3)), {
			packages: { from: 'fixedBox', length: 0.6, width: 0.4, height: 0.3 },
		});
		expect(result.ok && result.order.packages).toEqual([
			{ weight: 5.85, length: 0.6, width: 0.4, height: 0.3 },
		]);
	});

	it('a fixed box without a size fails the order and says what to set', () => {
		const errors = errorsOf(
			mapSaleOrderToStarshipit(order(line('tent', 1)), {
				packages: { from: 'fixedBox', length: 0.6, width: 0, height: 0.3 },
			}),
		);
		expect(errors).toEqual([
			expect.stringMatching(
				/^Sale order "SO-P": Packages: the fixed box needs a length, width and height in metres/,
			),
		]);
	});

	it('product dimensions: one package per unit, millimetres divided by 1,000 as stated', () => {
		const result = mapSaleOrderToStarshipit(order(line('tent', 2), line('mug', 1)), {
			packages: { from: 'productDimensions', unit: 'mm' },
		});
		expect(result.ok && result.order.packages).toEqual([
			{ weight: 2.4, length: 0.5, width: 0.16, height: 0.15 },
			{ weight: 2.4, length: 0.5, width: 0.16, height: 0.15 },
			{ weight: 0.35, length: 0.12, width: 0.09, height: 0.1 },
		]);
	});

	it('the stated unit is what converts: centimetres divide by 100, and metres taken as they are trip the unit guard', () => {
		const cm = mapSaleOrderToStarshipit(order(line('mug', 1)), {
			packages: { from: 'productDimensions', unit: 'cm' },
		});
		expect(cm.ok && cm.order.packages).toEqual([
			{ weight: 0.35, length: 1.2, width: 0.9, height: 1 },
		]);
		const metres = errorsOf(
			mapSaleOrderToStarshipit(order(line('mug', 1)), {
				packages: { from: 'productDimensions', unit: 'm' },
				explain: true,
			}),
		);
		expect(metres).toContain(
			'Sale order "SO-P": packages[0].length (from product dimensions in m, divided by 1): must be at most 10; dimensions are in metres (e.g. 0.25), not centimetres; check the Packages option',
		);
	});

	it('a unit without dimensions fails the order, naming the line and what to do; nothing is guessed', () => {
		const errors = errorsOf(
			mapSaleOrderToStarshipit(order(line('tent', 1, 'CARTONS')), {
				packages: { from: 'productDimensions', unit: 'mm' },
			}),
		);
		expect(errors).toEqual([
			'Sale order "SO-P": items[0] (TENT): the warehouse product has no length, width and height for this unit of measure, so no package can be sized from it; set them on the product in CartonCloud, or choose Packages: One Box of Fixed Size',
		]);
	});
});
