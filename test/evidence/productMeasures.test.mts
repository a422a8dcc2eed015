/**
 * The CartonCloud node reads warehouse products exactly as CartonCloud's docs show them (Create
 * Warehouse Product, api-docs.cartoncloud.com) and the mapping picks the unit a sale-order line
 * names, whatever its case, falling back to the product's default unit.
 */
import { describe, expect, it } from 'vitest';
import { measuresOf } from '../../nodes/CartonCloud/actions/saleOrder/productMeasures.ts';
import { mapSaleOrderToStarshipit } from '../../nodes/shared/mapping/saleOrderToStarshipit.ts';

/** The docs' example, field for field (Accept-Version 8, so it has dimensions). */
const DOCS_EXAMPLE = {
	id: '318782ea-75b1-11e8-adc0-fa7ae01b9ebc',
	scope: 'WAREHOUSE',
	references: { code: 'IC-123' },
	type: 'FROZEN',
	name: 'Ice Cream',
	defaultUnitOfMeasure: 'cartons',
	unitOfMeasures: {
		units: {
			baseQty: 1,
			weight: 1.2,
			barcode: 'BARCODEUNITS',
			length: 10.234,
			width: 3.98,
			height: 5.1,
			isDirectlyShippable: true,
		},
		cartons: { baseQty: 10 },
		pallets: {
			baseQty: 100,
			barcode: 'BARCODEPALLETS',
			length: 9.01,
			width: 7.62,
			height: 8.0,
			isDirectlyShippable: false,
		},
	},
};

const saleOrder = (items: Array<{ unit?: string | null; quantity?: number }>) => ({
	references: { customer: 'SO-UOM' },
	customer: { name: 'Ice Cream Co' },
	details: {
		deliver: {
			address: {
				contactName: 'A',
				address1: '1 St',
				suburb: 'Bondi',
				postcode: '2026',
				state: { code: 'NSW' },
				country: { iso2Code: 'AU' },
			},
		},
	},
	items: items.map(({ unit, quantity }) => ({
		details: {
			product: { id: DOCS_EXAMPLE.id, references: { code: 'IC-123' }, name: 'Ice Cream' },
			unitOfMeasure: unit === undefined ? undefined : unit === null ? null : { type: unit },
		},
		measures: { quantity: quantity ?? 1 },
	})),
	timestamps: { created: { time: '2025-07-07T10:06:24+10:00' } },
});

describe('measuresOf', () => {
	it('reads the documented map: lower-cased codes, the default unit, a carton weighing baseQty x the base unit, raw dimensions', () => {
		const m = measuresOf(DOCS_EXAMPLE);
		expect(m).toEqual({
			id: DOCS_EXAMPLE.id,
			code: 'IC-123',
			defaultUnit: 'cartons',
			unitsOfMeasure: {
				units: { weightKg: 1.2, baseQty: 1, length: 10.234, width: 3.98, height: 5.1 },
				cartons: {
					weightKg: 12,
					baseQty: 10,
					length: undefined,
					width: undefined,
					height: undefined,
				},
				pallets: { weightKg: 120, baseQty: 100, length: 9.01, width: 7.62, height: 8 },
			},
		});
	});

	it('keeps a unit weight the tenant entered, honours an entry code over its key, and still reads the old list', () => {
		const own = measuresOf({
			id: 'p',
			references: { code: 'P' },
			defaultUnitOfMeasure: 'EA',
			unitOfMeasures: {
				EA: { baseQty: 1, weight: 0.25 },
				b1c2: { code: 'CT', baseQty: 12, weight: 3.4 },
			},
		});
		expect(own.unitsOfMeasure.ct.weightKg).toBe(3.4);
		expect(own.defaultUnit).toBe('ea');
		const list = measuresOf({
			id: 'q',
			code: 'Q',
			unitOfMeasures: [
				{ type: 'UNITS', quantity: 1, weight: 2 },
				{ type: 'CARTON', quantity: 6 },
			],
		});
		expect(list).toMatchObject({
			code: 'Q',
			unitsOfMeasure: { units: { weightKg: 2 }, carton: { weightKg: 12 } },
		});
		expect(list).not.toHaveProperty('defaultUnit');
	});
});

describe('the mapping picks the unit the line names', () => {
	const products = { [DOCS_EXAMPLE.id]: measuresOf(DOCS_EXAMPLE) };
	const weights = (items: Parameters<typeof saleOrder>[0]) => {
		const mapped = mapSaleOrderToStarshipit(saleOrder(items), { products });
		expect(mapped.ok).toBe(true);
		return mapped.ok ? mapped.order.items!.map((i) => i.weight) : [];
	};

	it('matches the code whatever its case', () => {
		expect(weights([{ unit: 'UNITS' }, { unit: 'Cartons' }, { unit: 'PALLETS' }])).toEqual([
			1.2, 12, 120,
		]);
	});

	it('takes the default unit for a line naming none or a code the product does not have', () => {
		expect(weights([{ unit: undefined }, { unit: null }, { unit: '' }, { unit: 'BOX' }])).toEqual([
			12, 12, 12, 12,
		]);
	});
});
