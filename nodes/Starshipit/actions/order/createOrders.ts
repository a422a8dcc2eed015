/**
 * Create and Create Many share one engine: build and check every item's order, drop the order
 * numbers Starshipit already has (Skip Existing), then send what is left — one `POST /api/orders`
 * per order (Create) or `POST /api/orders/import` with up to 50 orders per call (Create Many) — and
 * hand each result back to the input item it came from.
 *
 * A create is never re-sent blindly: after a 5xx or a dropped connection the node first lists the
 * orders created since the call started and re-sends only those that did not land.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { StarshipitOrder } from '../../../shared/mapping/saleOrderToStarshipit';
import type { ApiResponse } from '../../../shared/transport/request';
import { ExistingOrders, findOrderByNumber, recentOrdersByNumber } from '../../helpers/existingOrders';
import { asItemError, failedItem } from '../../../shared/items';
import { appErrors, starshipitRequest } from '../../transport';
import { buildOrder } from './buildOrder';

export const IMPORT_BATCH_SIZE = 50;

interface Entry {
	itemIndex: number;
	orderNumber: string;
	order: StarshipitOrder;
	/** Later input items with the same order number: they get the first one's outcome. */
	twins: number[];
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does an error line name this order number (as a whole token, so SO-1 is not SO-10)? */
export function mentions(line: string, orderNumber: string): boolean {
	return new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(orderNumber)}($|[^A-Za-z0-9_-])`).test(line);
}

const isDuplicateError = (line: string) => /already exists|duplicate|already been (imported|used)/i.test(line);

export async function createOrders(this: IExecuteFunctions, items: INodeExecutionData[], useImport: boolean): Promise<INodeExecutionData[]> {
	const outputs: INodeExecutionData[][] = items.map(() => []);
	const continueOnFail = this.continueOnFail();

	const fail = (itemIndex: number, error: unknown, orderNumber?: string) => {
		if (!continueOnFail) throw asItemError(this.getNode(), error, itemIndex);
		outputs[itemIndex] = [failedItem(error, itemIndex, orderNumber ? { order_number: orderNumber } : {})];
	};
	const succeed = (entry: Entry, order: IDataObject, alreadyExisted: boolean, extra: IDataObject = {}) => {
		outputs[entry.itemIndex] = [{ json: { ...order, already_existed: alreadyExisted, ...extra }, pairedItem: { item: entry.itemIndex } }];
		for (const twin of entry.twins) {
			outputs[twin] = [{ json: { ...order, already_existed: true, duplicate_of_item: entry.itemIndex }, pairedItem: { item: twin } }];
		}
	};
	const failEntry = (entry: Entry, message: string, description?: string) => {
		const error = new NodeOperationError(this.getNode(), message, { itemIndex: entry.itemIndex, description });
		fail(entry.itemIndex, error, entry.orderNumber);
		for (const twin of entry.twins) fail(twin, new NodeOperationError(this.getNode(), message, { itemIndex: twin, description }), entry.orderNumber);
	};

	// 1. Build and check every order before any call, so bad input costs nothing.
	const skipExisting = items.length > 0 && (this.getNodeParameter('skipExisting', 0, true) as boolean);
	const entries: Entry[] = [];
	const byNumber = new Map<string, Entry>();
	for (let i = 0; i < items.length; i++) {
		let orderNumber: string | undefined;
		try {
			const built = buildOrder(this, i, (n) => (orderNumber = n));
			const first = byNumber.get(built.orderNumber);
			if (first) {
				if (!skipExisting) {
					throw new NodeOperationError(this.getNode(), `Order "${built.orderNumber}": order_number also appears in input item ${first.itemIndex}`, { itemIndex: i });
				}
				first.twins.push(i);
				continue;
			}
			const entry: Entry = { itemIndex: i, orderNumber: built.orderNumber, order: built.order, twins: [] };
			entries.push(entry);
			byNumber.set(entry.orderNumber, entry);
		} catch (error) {
			fail(i, error, orderNumber);
		}
	}

	const lookbackDays = skipExisting ? Number((this.getNodeParameter('createOptions', 0, {}) as IDataObject).lookbackDays ?? 30) : 30;
	const existing = skipExisting ? new ExistingOrders(this, lookbackDays) : undefined;

	/** An order Starshipit refused as a duplicate: return the existing one (Skip Existing) or fail. */
	const resolveDuplicate = async (entry: Entry, line: string) => {
		const found = skipExisting ? await findOrderByNumber(this, entry.orderNumber, entry.itemIndex) : undefined;
		if (found) succeed(entry, found, true);
		else failEntry(entry, `Starshipit did not create order "${entry.orderNumber}": ${line}`);
	};

	// 2. Groups of up to 50: refresh the known set, skip what exists, send the rest.
	for (let start = 0; start < entries.length; start += IMPORT_BATCH_SIZE) {
		const group = entries.slice(start, start + IMPORT_BATCH_SIZE);
		let toCreate = group;
		if (existing) {
			await existing.refresh();
			toCreate = [];
			for (const entry of group) {
				const known = existing.get(entry.orderNumber);
				if (known) succeed(entry, known, true);
				else toCreate.push(entry);
			}
		}
		if (toCreate.length === 0) continue;
		if (useImport) await importBatch.call(this, toCreate, { succeed, failEntry, resolveDuplicate, existing });
		else for (const entry of toCreate) await createOne.call(this, entry, { succeed, failEntry, resolveDuplicate, existing });
	}
	return outputs.flat();
}

interface Outcome {
	succeed: (entry: Entry, order: IDataObject, alreadyExisted: boolean, extra?: IDataObject) => void;
	failEntry: (entry: Entry, message: string, description?: string) => void;
	resolveDuplicate: (entry: Entry, line: string) => Promise<void>;
	existing?: ExistingOrders;
}

/** The body of a Starshipit error thrown by the transport (a 4xx with `{success:false, errors}`). */
function errorBody(error: unknown): IDataObject | undefined {
	const body = (error as { errorResponse?: { body?: unknown } }).errorResponse?.body;
	return typeof body === 'object' && body !== null && Array.isArray((body as IDataObject).errors) ? (body as IDataObject) : undefined;
}

async function importBatch(this: IExecuteFunctions, batch: Entry[], outcome: Outcome): Promise<void> {
	const sent: StarshipitOrder[] = batch.map((e) => e.order);
	const body: IDataObject = { orders: sent as unknown as IDataObject[] };
	const landed = new Map<string, IDataObject>();
	const startedAt = new Date();

	// After a 5xx/reset: which orders landed? Drop them from the batch (the retry sends only the
	// rest); when all landed, settle without another import.
	const reconcile = async (): Promise<ApiResponse | undefined> => {
		const recent = await recentOrdersByNumber(this, startedAt, batch[0].itemIndex);
		for (let k = sent.length - 1; k >= 0; k--) {
			const row = recent.get(sent[k].order_number);
			if (row) {
				landed.set(sent[k].order_number, row);
				sent.splice(k, 1);
			}
		}
		return sent.length === 0 ? { statusCode: 200, headers: {}, body: { success: true, orders: [] } } : undefined;
	};

	let reply: IDataObject;
	try {
		reply = await starshipitRequest(this, { method: 'POST', path: '/api/orders/import', body, allowAppErrors: true, reconcile, itemIndex: batch[0].itemIndex });
	} catch (error) {
		const refused = errorBody(error);
		if (!refused) {
			// Not about single orders (auth, retries exhausted): every order of the batch shares it.
			const message = (error as Error).message;
			for (const entry of batch) {
				if (landed.has(entry.orderNumber)) outcome.succeed(entry, landed.get(entry.orderNumber)!, false, { reconciled: true });
				else outcome.failEntry(entry, `Order "${entry.orderNumber}" was not created: ${message}`, (error as { description?: string }).description);
			}
			return;
		}
		reply = refused; // All-or-nothing reply: nothing was created, the errors name the orders.
	}

	const created = Array.isArray(reply.orders) ? (reply.orders as IDataObject[]) : [];
	const createdByNumber = new Map<string, IDataObject>();
	for (const order of created) if (typeof order.order_number === 'string') createdByNumber.set(order.order_number, order);
	const lines = appErrors(reply);
	// UNCONFIRMED reply shape: tolerate replies without order numbers when every order came back.
	const positional = createdByNumber.size === 0 && created.length === sent.length && lines.length === 0;

	for (const entry of batch) {
		const index = sent.indexOf(entry.order);
		const order = createdByNumber.get(entry.orderNumber) ?? (positional && index >= 0 ? created[index] : undefined);
		if (order) {
			outcome.existing?.remember(order);
			outcome.succeed(entry, order, false);
			continue;
		}
		if (landed.has(entry.orderNumber)) {
			outcome.succeed(entry, landed.get(entry.orderNumber)!, false, { reconciled: true });
			continue;
		}
		const own = lines.filter((line) => mentions(line, entry.orderNumber));
		const duplicate = own.find(isDuplicateError);
		if (duplicate) await outcome.resolveDuplicate(entry, duplicate);
		else if (own.length) outcome.failEntry(entry, `Starshipit did not create order "${entry.orderNumber}": ${own[0]}`, own.length > 1 ? own.join('\n') : undefined);
		else
			outcome.failEntry(
				entry,
				`Starshipit did not create order "${entry.orderNumber}"${lines.length ? `: ${lines[0]}` : ' and gave no reason'}`,
				lines.length > 1 ? lines.join('\n') : undefined,
			);
	}
}

async function createOne(this: IExecuteFunctions, entry: Entry, outcome: Outcome): Promise<void> {
	const reconcile = async (): Promise<ApiResponse | undefined> => {
		const found = await findOrderByNumber(this, entry.orderNumber, entry.itemIndex);
		return found ? { statusCode: 200, headers: {}, body: { success: true, order: found } } : undefined;
	};
	try {
		const reply = await starshipitRequest(this, {
			method: 'POST',
			path: '/api/orders',
			body: { order: entry.order as unknown as IDataObject },
			allowAppErrors: true,
			reconcile,
			itemIndex: entry.itemIndex,
		});
		const lines = appErrors(reply);
		if (reply.success === false || !reply.order) {
			const duplicate = lines.find(isDuplicateError);
			if (duplicate) return await outcome.resolveDuplicate(entry, duplicate);
			return outcome.failEntry(entry, `Starshipit did not create order "${entry.orderNumber}": ${lines[0] ?? 'no order in the reply'}`, lines.join('\n') || undefined);
		}
		outcome.existing?.remember(reply.order as IDataObject);
		outcome.succeed(entry, reply.order as IDataObject, false);
	} catch (error) {
		const refused = errorBody(error);
		const lines = refused ? appErrors(refused) : [];
		const duplicate = lines.find(isDuplicateError);
		if (duplicate) return await outcome.resolveDuplicate(entry, duplicate);
		if (refused) return outcome.failEntry(entry, `Starshipit did not create order "${entry.orderNumber}": ${lines[0]}`, lines.length > 1 ? lines.join('\n') : undefined);
		outcome.failEntry(entry, `Order "${entry.orderNumber}" was not created: ${(error as Error).message}`, (error as { description?: string }).description);
	}
}
