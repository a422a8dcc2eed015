/** Choice parameters as the editor, expressions and AI agents fill them (nodes/shared/choices.ts). */
import { describe, expect, it } from 'vitest';
import { ChoiceError, parseChoices } from '../../nodes/shared/choices';
import { SALE_ORDER_STATUSES } from '../../nodes/CartonCloud/transport/saleOrderSearch';
import { CONSIGNMENT_STATUSES } from '../../nodes/CartonCloud/actions/common.descriptions';

const statuses = (raw: unknown) => parseChoices(raw, SALE_ORDER_STATUSES, 'Statuses');

describe('parseChoices', () => {
	it('takes a list as the editor gives it', () => {
		expect(statuses(['PACKED', 'DISPATCHED'])).toEqual(['PACKED', 'DISPATCHED']);
		expect(statuses([])).toEqual([]);
	});

	it('takes what a model sends: comma-separated text, one value, a JSON list in text, names in any case', () => {
		expect(statuses('PACKED, AWAITING_PICK_AND_PACK')).toEqual([
			'PACKED',
			'AWAITING_PICK_AND_PACK',
		]);
		expect(statuses('packed')).toEqual(['PACKED']);
		expect(statuses('["Packed", "Awaiting Pick and Pack"]')).toEqual([
			'PACKED',
			'AWAITING_PICK_AND_PACK',
		]);
		expect(statuses('awaiting pick and pack; dispatched\nrejected')).toEqual([
			'AWAITING_PICK_AND_PACK',
			'DISPATCHED',
			'REJECTED',
		]);
		expect(statuses("'PACKED'")).toEqual(['PACKED']);
	});

	it('reads a missing or empty value as none, and names each value once', () => {
		expect(statuses(undefined)).toEqual([]);
		expect(statuses(null)).toEqual([]);
		expect(statuses('  ')).toEqual([]);
		expect(statuses('PACKED, packed, Packed')).toEqual(['PACKED']);
	});

	it('matches an option by its value or its display name, however they differ', () => {
		const consignment = (raw: unknown) => parseChoices(raw, CONSIGNMENT_STATUSES, 'Statuses');
		expect(consignment('In Transit (Pickup to Warehouse), in_transit_pickup_warehouse')).toEqual([
			'IN_TRANSIT_PICKUP_WAREHOUSE',
		]);
		expect(consignment('With On-Forwarder')).toEqual(['WITH_ON_FORWARDER']);
	});

	it('fails on a value outside the options, naming the field, the value and every allowed value', () => {
		expect(() => statuses('PACKED, SHIPPED')).toThrow(ChoiceError);
		expect(() => statuses('PACKED, SHIPPED')).toThrow(
			'"Statuses": "SHIPPED" is not an allowed value. Use one or more of: AWAITING_PICK_AND_PACK, AWAITING_STOCK, DISPATCHED, DRAFT, PACKED, PACKING_IN_PROGRESS, PICKED, REJECTED (as a list or comma-separated)',
		);
		expect(() => statuses(['SHIPPED', 'DONE'])).toThrow('"SHIPPED", "DONE" are not allowed values');
		expect(() => statuses({ status: 'PACKED' })).toThrow(
			'"Statuses" must be a list of values or a comma-separated text',
		);
	});
});
