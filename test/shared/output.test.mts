/** Answers sized for a model (nodes/shared/output.ts): what fits, and the notes that say what did not. */
import { describe, expect, it } from 'vitest';
import { ANSWER_LIMIT, fitAnswer, withoutEmpty } from '../../nodes/shared/output';

const rows = (count: number, size = 200) =>
	Array.from({ length: count }, (_, i) => ({ n: i, pad: 'x'.repeat(size - 20) }));
const cut = (shown: number, total: number) => `Showing ${shown} of ${total}`;

describe('fitAnswer', () => {
	it('returns every row, then the notes, when they fit', () => {
		const all = rows(5);
		expect(fitAnswer(all, { cut, always: ['a caveat'] })).toEqual([...all, { note: 'a caveat' }]);
	});

	it('keeps the first rows that fit under the limit, then the notes and the cut note', () => {
		const answer = fitAnswer(rows(100), { cut, always: ['a caveat'] });
		expect(JSON.stringify(answer).length).toBeLessThanOrEqual(ANSWER_LIMIT);
		const shown = answer.length - 2;
		expect(shown).toBeGreaterThan(30);
		expect(answer.slice(-2)).toEqual([{ note: 'a caveat' }, { note: `Showing ${shown} of 100` }]);
		// As many as fit: one more would not.
		const oneMore = [
			...rows(100).slice(0, shown + 1),
			{ note: 'a caveat' },
			{ note: `Showing ${shown + 1} of 100` },
		];
		expect(JSON.stringify(oneMore).length).toBeGreaterThan(ANSWER_LIMIT);
	});

	it('says so when not even one row fits', () => {
		expect(fitAnswer([{ huge: 'x'.repeat(ANSWER_LIMIT) }], { cut })).toEqual([
			{ note: 'Showing 0 of 1' },
		]);
	});
});

describe('withoutEmpty', () => {
	it('drops undefined, null, empty text, lists and objects, and keeps false and 0', () => {
		expect(
			withoutEmpty({ a: undefined, b: null, c: '', d: [], e: {}, f: false, g: 0, h: 'x', i: [1] }),
		).toEqual({ f: false, g: 0, h: 'x', i: [1] });
	});
});
