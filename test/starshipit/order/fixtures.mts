/** Shared pieces of the Starshipit order operation tests (create, createMany, getMany …). */

/** Create Many parameters reading each item as a CartonCloud sale order. */
export const createManyFromSaleOrders = (extra = {}) => ({
	resource: 'order',
	operation: 'createMany',
	inputMode: 'saleOrder',
	saleOrder: '={{ $json }}',
	...extra,
});
/** `count` order numbers `prefix-0001`, `prefix-0002` … */
export const numbers = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
