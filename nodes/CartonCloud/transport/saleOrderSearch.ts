/**
 * The one sale-order search with a date window, used by Get Many and the polling trigger.
 *
 * CartonCloud's public evidence disagrees on date ranges: the official search example compares
 * `/timestamps/dispatched/time` with GREATER_THAN/LESS_THAN, while a public Zapier app
 * (work-flowers/zapier-cartoncloud `searches/search_outbound_orders.js`) says range operators on
 * timestamps are not supported and ORs one STARTS_WITH `YYYY-MM-DD` per day instead. So the range
 * is tried first and, when CartonCloud refuses it (400/422), the same window is searched as day
 * prefixes and cut to the exact window here.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { readHttpFailure } from '../../shared/transport/request';
import { search } from './index';
import {
	allOf,
	anyOf,
	chunk,
	dateTime,
	oneOf,
	text,
	toApiDateTime,
	type SearchCondition,
} from './conditions';

export const SALE_ORDERS = '/outbound-orders';

/** The documented outbound-order statuses (there is no COMPLETE or CANCELLED). */
export const SALE_ORDER_STATUSES: INodePropertyOptions[] = [
	{ name: 'Awaiting Pick and Pack', value: 'AWAITING_PICK_AND_PACK' },
	{ name: 'Awaiting Stock', value: 'AWAITING_STOCK' },
	{ name: 'Dispatched', value: 'DISPATCHED' },
	{ name: 'Draft', value: 'DRAFT' },
	{ name: 'Packed', value: 'PACKED' },
	{ name: 'Packing in Progress', value: 'PACKING_IN_PROGRESS' },
	{ name: 'Picked', value: 'PICKED' },
	{ name: 'Rejected', value: 'REJECTED' },
];

export interface SaleOrderQuery {
	statuses?: string[];
	customerIds?: string[];
	/** Customers by name (exact), for a customer given by name rather than ID. */
	customerNames?: string[];
	/** timestamp pointer, e.g. '/timestamps/modified/time' */
	timePointer?: string;
	since?: Date;
	until?: Date; // either may be absent
	/** The customer's order number, exact. */
	customerReference?: string;
	/** Further windows on other timestamps, all AND-ed (Get Many's filters). */
	moreWindows?: TimeWindow[];
}

export interface TimeWindow {
	pointer: string;
	since?: Date;
	until?: Date;
}

/** Days per day-prefix search: the Zapier app caps a range at 31 OR-ed days, so do we per call. */
const DAYS_PER_SEARCH = 31;
const DAY_MS = 86_400_000;

/**
 * Every sale order matching, all pages, condition always wrapped; date ranges sent as
 * GREATER_THAN/LESS_THAN and, when CartonCloud refuses a range, as one STARTS_WITH per day.
 * `limit` stops early (Get Many without Return All).
 */
export async function searchSaleOrders(
	context: RequestContext,
	query: SaleOrderQuery,
	itemIndex?: number,
	limit?: number,
): Promise<IDataObject[]> {
	const paging =
		limit === undefined ? { returnAll: true, itemIndex } : { returnAll: false, limit, itemIndex };
	const windows = windowsOf(query);
	if (windows.length === 0)
		return await search(context, SALE_ORDERS, allOf(baseConditions(query, false)), paging);
	const range: SearchCondition[] = [];
	for (const w of windows) {
		if (w.since)
			range.push(dateTime(w.pointer, 'GREATER_THAN_OR_EQUAL_TO', toApiDateTime(w.since)));
		if (w.until) range.push(dateTime(w.pointer, 'LESS_THAN', toApiDateTime(w.until)));
	}
	const ranged = await search(
		context,
		SALE_ORDERS,
		allOf([...baseConditions(query, true), ...range]),
		paging,
	).catch((error: unknown) => {
		if (isRefusal(error)) return undefined;
		throw error;
	});
	if (ranged) return ranged;
	const found = await searchByDayPrefixes(context, query, windows, itemIndex);
	return limit === undefined ? found : found.slice(0, limit);
}

function windowsOf(query: SaleOrderQuery): TimeWindow[] {
	const windows = [...(query.moreWindows ?? [])];
	if (query.timePointer)
		windows.unshift({ pointer: query.timePointer, since: query.since, until: query.until });
	return windows.filter((w) => w.since !== undefined || w.until !== undefined);
}

/**
 * Status, customer (ID or name: both documented search pointers) and reference filters. A
 * search needs a condition, so with none of them and no time condition every status is OR-ed
 * (`/type`, the obvious "match all", is not searchable).
 */
function baseConditions(query: SaleOrderQuery, hasTimeCondition: boolean): SearchCondition[] {
	const conditions: SearchCondition[] = [];
	if (query.statuses?.length) conditions.push(oneOf('/status', query.statuses));
	if (query.customerIds?.length) conditions.push(oneOf('/customer/id', query.customerIds));
	if (query.customerNames?.length) conditions.push(oneOf('/customer/name', query.customerNames));
	if (query.customerReference)
		conditions.push(text('/references/customer', query.customerReference));
	if (conditions.length === 0 && !hasTimeCondition)
		conditions.push(
			oneOf(
				'/status',
				SALE_ORDER_STATUSES.map((s) => String(s.value)),
			),
		);
	return conditions;
}

/** A 400 or 422 answer to the range search: CartonCloud did not accept the request's grammar. */
function isRefusal(error: unknown): boolean {
	const status = readHttpFailure(error).status;
	return status === 400 || status === 422;
}

/**
 * The window with a start (the shortest, if several) as `YYYY-MM-DD` prefixes, every window
 * applied exactly here. CartonCloud may render timestamps in the tenant's offset, so a day
 * either side of the UTC window is searched. With no start at all, the other filters alone.
 */
async function searchByDayPrefixes(
	context: RequestContext,
	query: SaleOrderQuery,
	windows: TimeWindow[],
	itemIndex?: number,
): Promise<IDataObject[]> {
	const now = new Date();
	const span = (w: TimeWindow) => (w.until ?? now).getTime() - (w.since as Date).getTime();
	const driving = windows.filter((w) => w.since !== undefined).sort((a, b) => span(a) - span(b))[0];
	const keep = (order: IDataObject) => windows.every((w) => inWindow(order, w));
	if (!driving) {
		const orders = await search(context, SALE_ORDERS, allOf(baseConditions(query, false)), {
			returnAll: true,
			itemIndex,
		});
		return orders.filter(keep);
	}
	const since = driving.since as Date;
	const until = driving.until ?? now;
	const days: string[] = [];
	const last = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate()) + DAY_MS;
	for (
		let day = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()) - DAY_MS;
		day <= last;
		day += DAY_MS
	) {
		days.push(new Date(day).toISOString().slice(0, 10));
	}
	const found = new Map<string, IDataObject>();
	for (const part of chunk(days, DAYS_PER_SEARCH)) {
		const dayCondition = anyOf(part.map((day) => text(driving.pointer, day, 'STARTS_WITH')));
		const orders = await search(
			context,
			SALE_ORDERS,
			allOf([...baseConditions(query, true), dayCondition]),
			{ returnAll: true, itemIndex },
		);
		for (const order of orders) if (keep(order)) found.set(String(order.id), order);
	}
	return [...found.values()];
}

function inWindow(order: IDataObject, window: TimeWindow): boolean {
	let value: unknown = order;
	for (const key of window.pointer.slice(1).split('/'))
		value = (value as IDataObject | undefined)?.[key];
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(ms)) return false;
	if (window.since && ms < window.since.getTime()) return false;
	if (window.until && ms >= window.until.getTime()) return false;
	return true;
}
