/**
 * Packages for a mapped order (issue 24, and issue 21 point 1 on dimensions). By default none are
 * sent and Starshipit's packaging rules decide. A user can choose one box of a fixed size, or one
 * package per unit shipped, sized from the warehouse products. CartonCloud gives a product's length,
 * width and height in no stated unit (public clients store millimetres) and Starshipit wants
 * metres, so product dimensions are only ever sent through the unit the user states (default
 * millimetres), never as they are.
 */
import {
	grams,
	lineLabelOf,
	unitOf,
	type SaleOrderLine,
	type SaleOrderProducts,
} from './saleOrder';

export type DimensionUnit = 'mm' | 'cm' | 'm';

/** Metres in one of each unit. */
export const METRES_PER: Record<DimensionUnit, number> = { mm: 0.001, cm: 0.01, m: 1 };

export type PackagesOption =
	| { from: 'fixedBox'; length: number; width: number; height: number }
	| { from: 'productDimensions'; unit: DimensionUnit };

export interface Package {
	weight?: number;
	length: number;
	width: number;
	height: number;
}

/** What the packages were made from, as errors about them say. */
export function packagesOrigin(option: PackagesOption): string {
	return option.from === 'fixedBox'
		? 'the fixed box of Packages'
		: `product dimensions in ${option.unit}, divided by ${1 / METRES_PER[option.unit]}`;
}

const metres = (value: number, unit: DimensionUnit) =>
	Math.round(value * METRES_PER[unit] * 1e5) / 1e5;

interface MappedItem {
	quantity: number;
	weight?: number;
}

/**
 * The order's packages, or undefined with each problem reported (naming the line and what to do).
 * `items` are the mapped items, in the order of `lines`.
 */
export function packagesFor(
	option: PackagesOption,
	lines: readonly SaleOrderLine[],
	items: readonly MappedItem[],
	products: SaleOrderProducts,
	problem: (message: string) => void,
): Package[] | undefined {
	if (option.from === 'fixedBox') {
		const { length, width, height } = option;
		if (!(length > 0 && width > 0 && height > 0)) {
			problem(
				'Packages: the fixed box needs a length, width and height in metres (e.g. 0.4 x 0.3 x 0.2); set them in the node',
			);
			return undefined;
		}
		const total = items.reduce((sum, item) => sum + (item.weight ?? 0) * item.quantity, 0);
		return [{ ...(total > 0 ? { weight: grams(total) } : {}), length, width, height }];
	}
	const packages: Package[] = [];
	let ok = true;
	lines.forEach((line, n) => {
		const unit = unitOf(line, products);
		const { quantity } = line.measures;
		if (!unit?.length || !unit.width || !unit.height) {
			ok = false;
			problem(
				`items[${n}] (${lineLabelOf(line)}): the warehouse product has no length, width and height for this unit of measure, so no package can be sized from it; set them on the product in CartonCloud, or choose Packages: One Box of Fixed Size`,
			);
			return;
		}
		if (!Number.isInteger(quantity) || quantity <= 0) {
			ok = false;
			problem(
				`items[${n}] (${lineLabelOf(line)}): a quantity of ${quantity} is not a whole number of packages; choose Packages: One Box of Fixed Size for this order`,
			);
			return;
		}
		const sized: Package = {
			length: metres(unit.length, option.unit),
			width: metres(unit.width, option.unit),
			height: metres(unit.height, option.unit),
		};
		const weight = items[n]?.weight;
		for (let k = 0; k < quantity; k++) packages.push(weight ? { weight, ...sized } : { ...sized });
	});
	return ok ? packages : undefined;
}
