import { describe, expect, it } from 'vitest';
import {
	check,
	list,
	nullish,
	number,
	object,
	optional,
	partial,
	positive,
	requiredText,
	text,
} from '../../../nodes/shared/mapping/rules';
import { issueText, starshipitOrder } from '../../../nodes/shared/mapping/starshipitOrder';

const line = object({ sku: optional(text(5)), quantity: number(positive) });
const order = object({
	order_number: requiredText(10),
	note: nullish(text()),
	items: optional(list(line)),
});

describe('rules (zod)', () => {
	it('keeps a checked copy: known keys only, required text trimmed', () => {
		const input = {
			order_number: '  SO-1 ',
			extra: 'dropped',
			items: [{ sku: 'A', quantity: 2, colour: 'red' }],
		};
		const { value, issues } = check(order, input);
		expect(issues).toEqual([]);
		expect(value).toEqual({ order_number: 'SO-1', items: [{ sku: 'A', quantity: 2 }] });
		expect(input.order_number).toBe('  SO-1 ');
	});

	it('names each field that fails, by its path, and says what was wrong', () => {
		const { issues } = check(order, {
			order_number: '   ',
			note: 3,
			items: [{ sku: 'TOO-LONG', quantity: 0 }, { quantity: '2' }, 'x'],
		});
		expect(issues.map(issueText)).toEqual([
			'order_number: is required',
			'note: must be text (got number)',
			'items[0].sku: must be at most 5 characters',
			'items[0].quantity: must be greater than 0',
			'items[1].quantity: must be a number (got string)',
			'items[2]: must be an object (got string)',
		]);
	});

	it('tells a missing key from null: optional takes only undefined, nullish takes both', () => {
		expect(check(order, { order_number: 'A', note: null }).issues).toEqual([]);
		expect(check(order, { order_number: 'A', items: null }).issues.map(issueText)).toEqual([
			'items: must be a list (got null)',
		]);
		expect(check(order, {}).issues.map(issueText)).toEqual(['order_number: is required']);
		expect(check(number(), Number.NaN).issues.map(issueText)).toEqual([
			'order: must be a number (got NaN)',
		]);
	});

	it("reads input it only needs to read where it lies ('all' keeps the object itself)", () => {
		const saleOrder = { references: { customer: 'SO-1' }, unread: { deep: true } };
		const read = check(
			object({ references: object({ customer: text() }, 'all') }, 'all'),
			saleOrder,
		);
		expect(read.value).toBe(saleOrder);
		expect(read.issues).toEqual([]);
	});

	it('partial makes every key optional and keeps the rules of those present', () => {
		const update = partial(starshipitOrder);
		expect(check(update, {}).issues).toEqual([]);
		expect(check(update, { order_number: 'N'.repeat(51) }).issues.map(issueText)).toEqual([
			'order_number: must be at most 50 characters',
		]);
	});
});
