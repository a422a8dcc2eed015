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
import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../../shared/transport/request';
import { readHttpFailure } from '../../shared/transport/request';
import { search } from '../transport';
import { allOf, anyOf, chunk, dateTime, oneOf, text, toApiDateTime, type SearchCondition } from './conditions';
import { SALE_ORDER_STATUSES } from './descriptions';

export const SALE_ORDERS = '/outbound-orders';

export interface SaleOrderQuery {
	statuses?: string[];
	customerIds?: string[];
	/** timestamp pointer, e.g. '/timestamps/modified/time' */
	timePointer?: string;
	since?: Date;
	until?: Date; // either may be absent
}

/** Days per day-prefix search: the Zapier app caps a range at 31 OR-ed days, so do we per call. */
const DAYS_PER_SEARCH = 31;
const DAY_MS = 86_400_000;

/**
 * Every sale order matching, all pages, condition always wrapped; date ranges sent as
 * GREATER_THAN/LESS_THAN and, when CartonCloud refuses a range, as one STARTS_WITH per day.
 */
export async function searchSaleOrders(context: RequestContext, query: SaleOrderQuery, itemIndex?: number): Promise<IDataObject[]> {
	const base = baseConditions(query);
	const pointer = query.timePointer;
	if (pointer === undefined || (query.since === undefined && query.until === undefined)) {
		return await search(context, SALE_ORDERS, allOf(base), { returnAll: true, itemIndex });
	}
	const range: SearchCondition[] = [];
	if (query.since) range.push(dateTime(pointer, 'GREATER_THAN_OR_EQUAL_TO', toApiDateTime(query.since)));
	if (query.until) range.push(dateTime(pointer, 'LESS_THAN', toApiDateTime(query.until)));
	const ranged = await search(context, SALE_ORDERS, allOf([...base, ...range]), { returnAll: true, itemIndex }).catch((error: unknown) => {
		if (isRefusal(error)) return undefined;
		throw error;
	});
	return ranged ?? (await searchByDayPrefixes(context, base, pointer, query, itemIndex));
}

/** Status and customer filters; with neither, every status OR-ed (a search needs a condition). */
function baseConditions(query: SaleOrderQuery): SearchCondition[] {
	const conditions: SearchCondition[] = [];
	const statuses = query.statuses?.length ? query.statuses : query.timePointer ? [] : SALE_ORDER_STATUSES.map((s) => String(s.value));
	if (statuses.length > 0) conditions.push(oneOf('/status', statuses));
	if (query.customerIds?.length) conditions.push(oneOf('/customer/id', query.customerIds));
	return conditions;
}

/** A 400 or 422 answer to the range search: CartonCloud did not accept the request's grammar. */
function isRefusal(error: unknown): boolean {
	const status = readHttpFailure(error).status;
	return status === 400 || status === 422;
}

/**
 * The window as `YYYY-MM-DD` prefixes. CartonCloud may render timestamps in the tenant's offset,
 * so a day either side of the UTC window is included and the exact window is applied here.
 */
async function searchByDayPrefixes(
	context: RequestContext,
	base: SearchCondition[],
	pointer: string,
	query: SaleOrderQuery,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const until = query.until ?? new Date();
	const since = query.since ?? until;
	const days: string[] = [];
	const last = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate()) + DAY_MS;
	for (let day = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()) - DAY_MS; day <= last; day += DAY_MS) {
		days.push(new Date(day).toISOString().slice(0, 10));
	}
	const found = new Map<string, IDataObject>();
	for (const part of chunk(days, DAYS_PER_SEARCH)) {
		const dayCondition = anyOf(part.map((day) => text(pointer, day, 'STARTS_WITH')));
		const orders = await search(context, SALE_ORDERS, allOf([...base, dayCondition]), { returnAll: true, itemIndex });
		for (const order of orders) if (inWindow(order, pointer, query)) found.set(String(order.id), order);
	}
	return [...found.values()];
}

function inWindow(order: IDataObject, pointer: string, query: SaleOrderQuery): boolean {
	let value: unknown = order;
	for (const key of pointer.slice(1).split('/')) value = (value as IDataObject | undefined)?.[key];
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(ms)) return false;
	if (query.since && ms < query.since.getTime()) return false;
	if (query.until && ms >= query.until.getTime()) return false;
	return true;
}
