/**
 * Sends new orders: `POST /api/orders/import` with up to 50 orders per call (Create Many) or one
 * `POST /api/orders` per order (Create), and says per order what happened.
 *
 * A create is never re-sent blindly: after a 5xx or a dropped connection the node lists the
 * unshipped orders updated since the call started (the same listing the existence check uses) and
 * re-sends only those that did not land. If that listing fails too, the orders' state is unknown,
 * and they say so (the run settles them with the listing it makes after its imports). A call that
 * never left (the credential could not be read, a refused connection) is simply sent again: see
 * `sendWithRetry`. A failure that is not about single orders (a revoked key, retries exhausted on
 * 429) fails the whole batch, and after a refused key nothing more is sent. Before each batch the
 * caller may drop orders (`beforeGroup`: those another run made meanwhile).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { asItemError } from '../../../../shared/items';
import type { StarshipitOrder } from '../../../../shared/mapping/saleOrderToStarshipit';
import type { ApiResponse } from '../../../../shared/transport/request';
import { CLOCK_SKEW_MS } from '../../../transport/heldOrders';
import { listOrdersSince, type ListedOrder } from '../../../transport/orderListing';
import { appErrors, errorBody, mentions, starshipitRequest } from '../../../transport';

export const IMPORT_BATCH_SIZE = 50;

export interface Sendable {
	itemIndex: number;
	orderNumber: string;
	order: StarshipitOrder;
}

export type SendResult =
	| { kind: 'created'; order: IDataObject; reconciled?: boolean }
	/** Starshipit refused it as a duplicate (a strict account): the caller looks for the copy. */
	| { kind: 'duplicate'; line: string }
	| { kind: 'failed' | 'unknown'; reason: string; description?: string };

const isDuplicateError = (line: string) =>
	/already exists|duplicate|already been (imported|used)/i.test(line);

const httpCode = (error: unknown) => String((error as { httpCode?: unknown }).httpCode ?? '');
/** Failures no later call can get past in this run. */
const isFatal = (error: unknown) => ['401', '403'].includes(httpCode(error));

/** Landed copies of these order numbers among unshipped orders updated since `startedAt` (minus the margin). */
async function landedSince(
	context: IExecuteFunctions,
	startedAt: Date,
	numbers: Set<string>,
	itemIndex: number,
): Promise<Map<string, ListedOrder>> {
	const rows = await listOrdersSince(
		context,
		new Date(startedAt.getTime() - CLOCK_SKEW_MS),
		['unshipped'],
		itemIndex,
	);
	const landed = new Map<string, ListedOrder>();
	for (const row of rows)
		if (numbers.has(row.order_number) && !landed.has(row.order_number))
			landed.set(row.order_number, row);
	return landed;
}

/**
 * Sends every order; `report` is called once per order. Returns how many were sent. Orders may
 * still be in the making (an async iterable): the next group is taken while the one before it
 * waits for its slot and its reply.
 */
export async function sendOrders<T extends Sendable>(
	context: IExecuteFunctions,
	orders: AsyncIterable<T> | Iterable<T>,
	useImport: boolean,
	report: (entry: T, result: SendResult) => void,
	/** Called before each group leaves (with its number, from 0); returns what is still to send. */
	beforeGroup?: (group: T[], groupNumber: number) => Promise<T[]>,
): Promise<number> {
	const size = useImport ? IMPORT_BATCH_SIZE : 1;
	const source =
		Symbol.asyncIterator in orders ? orders[Symbol.asyncIterator]() : orders[Symbol.iterator]();
	const nextGroup = async (): Promise<T[]> => {
		const group: T[] = [];
		while (group.length < size) {
			const next = await source.next();
			if (next.done) break;
			group.push(next.value);
		}
		return group;
	};
	let sent = 0;
	let fatal: string | undefined;
	for (let group = await nextGroup(), number = 0; group.length; number++) {
		if (fatal) {
			for (const entry of group)
				report(entry, {
					kind: 'failed',
					reason: `Order "${entry.orderNumber}" was not created: ${fatal}`,
				});
			group = await nextGroup();
			continue;
		}
		const toSend = beforeGroup ? await beforeGroup(group, number) : group;
		sent += toSend.length;
		const sending = toSend.length
			? sendGroup(
					context,
					toSend,
					useImport,
					report as (entry: Sendable, result: SendResult) => void,
				)
			: Promise.resolve(undefined);
		[fatal, group] = await Promise.all([sending, nextGroup()]);
	}
	return sent;
}

/** One import (or one create); returns the reason when nothing more can be sent. */
async function sendGroup(
	context: IExecuteFunctions,
	group: Sendable[],
	useImport: boolean,
	report: (entry: Sendable, result: SendResult) => void,
): Promise<string | undefined> {
	const pending = [...group];
	// The body holds this very array: what reconcile drops here is not sent again on the retry.
	const sent = pending.map((e) => e.order);
	const landed = new Map<string, ListedOrder>();
	const startedAt = new Date();
	let checkFailed: Error | undefined;

	// After a 5xx/reset: which orders landed? Drop them from what is sent again; when all landed, settle.
	const reconcile = async (): Promise<ApiResponse | undefined> => {
		try {
			const found = await landedSince(
				context,
				startedAt,
				new Set(pending.map((e) => e.orderNumber)),
				group[0].itemIndex,
			);
			for (let k = pending.length - 1; k >= 0; k--) {
				const row = found.get(pending[k].orderNumber);
				if (row) {
					landed.set(pending[k].orderNumber, row);
					pending.splice(k, 1);
					sent.splice(k, 1);
				}
			}
		} catch (error) {
			checkFailed = error as Error;
			throw asItemError(context.getNode(), error, group[0].itemIndex);
		}
		if (pending.length > 0) return undefined;
		return {
			statusCode: 200,
			headers: {},
			body: useImport ? { success: true, orders: [] } : { success: true, landed: true },
		};
	};
	const body: IDataObject = useImport
		? { orders: sent as unknown as IDataObject[] }
		: { order: group[0].order as unknown as IDataObject };

	let reply: IDataObject;
	try {
		reply = await starshipitRequest(context, {
			method: 'POST',
			path: useImport ? '/api/orders/import' : '/api/orders',
			body,
			allowAppErrors: true,
			reconcile,
			itemIndex: group[0].itemIndex,
		});
	} catch (error) {
		const refused = errorBody(error);
		if (!refused) {
			const message = (error as Error).message;
			for (const entry of group) {
				const row = landed.get(entry.orderNumber);
				if (row)
					report(entry, {
						kind: 'created',
						order: row as unknown as IDataObject,
						reconciled: true,
					});
				else if (checkFailed) {
					report(entry, {
						kind: 'unknown',
						reason: `Order "${entry.orderNumber}" may or may not have been created: the call failed and the check afterwards failed too (${checkFailed.message}). Look in Starshipit before sending it again.`,
					});
				} else
					report(entry, {
						kind: 'failed',
						reason: `Order "${entry.orderNumber}" was not created: ${message}`,
						description: (error as { description?: string }).description,
					});
			}
			return isFatal(error) ? message : undefined;
		}
		reply = refused; // All-or-nothing reply: nothing was created, the errors name the orders.
	}
	readReply(reply, group, pending, landed, useImport, report);
	return undefined;
}

/** Reads an import (or create) reply: created orders by number, per-order refusals by the number they name. */
function readReply(
	reply: IDataObject,
	group: Sendable[],
	pending: Sendable[],
	landed: Map<string, ListedOrder>,
	useImport: boolean,
	report: (entry: Sendable, result: SendResult) => void,
): void {
	const created = useImport
		? Array.isArray(reply.orders)
			? (reply.orders as IDataObject[])
			: []
		: reply.order
			? [reply.order as IDataObject]
			: [];
	const createdByNumber = new Map<string, IDataObject>();
	for (const order of created)
		if (order.order_number !== undefined) createdByNumber.set(String(order.order_number), order);
	const lines = appErrors(reply);
	// UNCONFIRMED reply shape: tolerate replies without order numbers when every order came back.
	const positional =
		createdByNumber.size === 0 && created.length === pending.length && lines.length === 0;

	for (const entry of group) {
		const index = pending.indexOf(entry);
		const order =
			createdByNumber.get(entry.orderNumber) ??
			(positional && index >= 0 ? created[index] : undefined);
		if (order) {
			report(entry, { kind: 'created', order });
			continue;
		}
		const row = landed.get(entry.orderNumber);
		if (row) {
			report(entry, { kind: 'created', order: row as unknown as IDataObject, reconciled: true });
			continue;
		}
		const own = useImport ? lines.filter((line) => mentions(line, entry.orderNumber)) : lines;
		const duplicate = own.find(isDuplicateError);
		if (duplicate) report(entry, { kind: 'duplicate', line: duplicate });
		else {
			const shown = own.length ? own : lines;
			report(entry, {
				kind: 'failed',
				reason: `Starshipit did not create order "${entry.orderNumber}"${shown.length ? `: ${shown[0]}` : ' and gave no reason'}`,
				description: shown.length > 1 ? shown.join('\n') : undefined,
			});
		}
	}
}
