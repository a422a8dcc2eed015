/**
 * PROVISIONAL (owner: cc-conformance, SHARED-DESIGN §4): the sale-order search with exactly the
 * shared signature, so the reconciliation report can depend on it before cc-conformance's version
 * lands. The lead keeps cc-conformance's file at merge; nothing else here may be relied on.
 */
import type { IDataObject } from 'n8n-workflow';
import { asItemError } from '../../shared/items';
import type { RequestContext } from '../../shared/transport/request';
import { SALE_ORDERS } from '../actions/saleOrder/common';
import { search } from '../transport';
import { dateTime, oneOf, text, toApiDateTime, type SearchCondition } from './conditions';

export interface SaleOrderQuery {
	statuses?: string[];
	customerIds?: string[];
	/** timestamp pointer, e.g. '/timestamps/modified/time' */ timePointer?: string;
	since?: Date;
	until?: Date; // either may be absent
}

const DAY_MS = 24 * 3600 * 1000;

/** The top-level condition is always an And (a bare leaf is refused: "Missing field: conditions"). */
function wrapped(conditions: SearchCondition[]): SearchCondition {
	return { type: 'AndCondition', conditions };
}

function isRefusal(error: unknown): boolean {
	return [400, 422].includes(Number((error as { httpCode?: unknown }).httpCode));
}

/** Every sale order matching, all pages, condition always wrapped; date ranges sent as
 *  GREATER_THAN/LESS_THAN and, when CartonCloud refuses a range, as one STARTS_WITH per day. */
export async function searchSaleOrders(context: RequestContext, query: SaleOrderQuery, itemIndex?: number): Promise<IDataObject[]> {
	const base: SearchCondition[] = [];
	if (query.statuses?.length) base.push(oneOf('/status', query.statuses));
	if (query.customerIds?.length) base.push(oneOf('/customer/id', query.customerIds));
	const pointer = query.timePointer ?? '/timestamps/modified/time';
	const range: SearchCondition[] = [];
	if (query.since) range.push(dateTime(pointer, 'GREATER_THAN', toApiDateTime(new Date(query.since.getTime() - 1000))));
	if (query.until) range.push(dateTime(pointer, 'LESS_THAN', toApiDateTime(query.until)));
	if (base.length + range.length === 0) throw new Error('searchSaleOrders needs at least one condition');
	const run = (conditions: SearchCondition[]) => search(context, SALE_ORDERS, wrapped(conditions), { returnAll: true, itemIndex });
	if (range.length === 0) return await run(base);
	try {
		return await run([...base, ...range]);
	} catch (error) {
		if (!isRefusal(error) || !query.since) throw asItemError(context.getNode(), error, itemIndex);
	}
	// Range refused: one STARTS_WITH per UTC day, the edges filtered here.
	const from = query.since.getTime();
	const to = (query.until ?? new Date()).getTime();
	const found = new Map<string, IDataObject>();
	for (let day = Math.floor(from / DAY_MS) * DAY_MS; day <= to; day += DAY_MS) {
		for (const order of await run([...base, text(pointer, new Date(day).toISOString().slice(0, 10), 'STARTS_WITH')])) {
			const stamp = Date.parse(String(pointer.split('/').filter(Boolean).reduce<unknown>((o, k) => (o as IDataObject | undefined)?.[k], order) ?? ''));
			if (!Number.isNaN(stamp) && (stamp < from || stamp >= to)) continue;
			found.set(String(order.id), order);
		}
	}
	return [...found.values()];
}
