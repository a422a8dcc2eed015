/**
 * Create and Create Many share one engine: build and check each item's order, look once for the
 * order numbers Starshipit already has (Skip Existing, see `existingOrders`), send what is left
 * (`sendOrders`, which takes each batch as soon as it is built), then remove the surplus copies an
 * overlapping run may have made, and hand each result back, led by its outcome, to the input item
 * it came from.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { StarshipitOrder } from '../../../../shared/mapping/saleOrderToStarshipit';
import { asItemError, failItem } from '../../../../shared/items';
import { outcomeItem, type Outcome } from '../../../../shared/outcome';
import { itemParameter } from '../../../../shared/parameters';
import { buildOrderIndex, CLOCK_SKEW_MS, findOrderByNumber, listedOrderData, listingSince, removeSurplusCopies, type OrderIndex } from './existingOrders';
import { listOrdersSince, type ListedOrder } from '../../../transport/orderListing';
import { buildOrder, orderDateOf, type SourceSaleOrder } from '../input/buildOrder';
import { sendOrders, type SendResult } from './sendOrders';

export { IMPORT_BATCH_SIZE, mentions } from './sendOrders';

interface Entry {
	itemIndex: number;
	orderNumber: string;
	order: StarshipitOrder;
	saleOrder?: SourceSaleOrder;
	/** Later input items with the same order number from the same sale order: they share the outcome. */
	twins: number[];
}

type Result =
	| { status: 'created' | 'skipped_existing'; data: IDataObject; warning?: string }
	| { status: 'failed' | 'unknown'; reason: string; description?: string };

const describe = (e: { orderNumber: string; saleOrder?: SourceSaleOrder }) =>
	e.saleOrder ? `sale order "${e.saleOrder.reference ?? e.orderNumber}"${e.saleOrder.customer ? ` of ${e.saleOrder.customer}` : ''}` : `order "${e.orderNumber}"`;

const CLASH_HINT = 'Set Options > Order Number From to "Customer Code + Customer Reference" or "CartonCloud Numeric ID" so numbers cannot clash.';

export async function createOrders(this: IExecuteFunctions, items: INodeExecutionData[], useImport: boolean): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const skipExisting = items.length > 0 && itemParameter(this, 'skipExisting', 0, true);
	const lookbackDays = items.length ? Number(itemParameter(this, 'options', 0, {} as IDataObject).lookbackDays ?? 30) : 30;
	const results = new Map<number, Result>();
	const numbers = new Map<number, { order_number?: string; sale_order_reference?: string }>();
	const entries: Entry[] = [];
	const set = (entry: Entry, result: Result) => results.set(entry.itemIndex, result);

	// 1. Build and check each order; a bad order costs no call.
	// 2. Skip what exists: one listing for the whole run, made when the first good order is built.
	//    It starts at the earliest order date of all items, read without building them (the rest
	//    are built while earlier batches are sent). A copy with another reference is a clash.
	let index: OrderIndex | undefined;
	let listingFailed: string | undefined;
	async function* ordersToCreate(this: IExecuteFunctions): AsyncGenerator<Entry> {
		const byNumber = new Map<string, Entry>();
		for (let i = 0; i < items.length; i++) {
			const entry = buildEntry.call(this, i, byNumber, skipExisting, continueOnFail, results, numbers);
			if (!entry) continue;
			entries.push(entry);
			if (!skipExisting) {
				yield entry;
				continue;
			}
			if (!index && !listingFailed) {
				try {
					index = await buildOrderIndex(this, listingSince(items.map((_, n) => orderDateOf(this, n)), lookbackDays), undefined, entry.itemIndex);
				} catch (error) {
					listingFailed = `could not check which orders Starshipit already has: ${(error as Error).message}`;
				}
			}
			const known = index?.survivor(entry.orderNumber);
			if (listingFailed) set(entry, { status: 'failed', reason: `Order "${entry.orderNumber}" was not created: ${listingFailed}` });
			else if (!known) yield entry;
			else if (known.reference && entry.order.reference && known.reference !== entry.order.reference) set(entry, clash(entry, known));
			else set(entry, { status: 'skipped_existing', data: listedOrderData(known) });
		}
	}

	// 3. Send. Each batch is built while the one before it waits for its slot and its reply, so the
	//    mapping fills the pacing's waits. Without Continue On Fail the first bad item stops the
	//    node: then every order is built before anything is sent.
	const firstSendAt = new Date();
	const createdIds = new Map<Entry, number>();
	const duplicates: Entry[] = [];
	const toCreate = continueOnFail ? ordersToCreate.call(this) : await collect(ordersToCreate.call(this));
	const sent = await sendOrders(this, toCreate, useImport, (sending, result: SendResult) => {
		const entry = sending as Entry;
		// Answered: its built order is not read again (10,000 of them held to the node's end cost 6 MB).
		(entry as { order?: StarshipitOrder }).order = undefined;
		if (result.kind === 'created') {
			set(entry, { status: 'created', data: { ...result.order, ...(result.reconciled ? { reconciled: true } : {}) } });
			const id = Number(result.order.order_id);
			if (Number.isFinite(id)) createdIds.set(entry, id);
		} else if (result.kind === 'duplicate') {
			duplicates.push(entry);
			set(entry, { status: 'failed', reason: `Starshipit did not create order "${entry.orderNumber}": ${result.line}` });
		} else set(entry, { status: result.kind, reason: result.reason, description: result.description });
	});

	// 4. Surplus copies (overlapping runs, late imports) do not survive: the same rule in every run.
	if (index) await settleCopies.call(this, index, entries, createdIds, duplicates, firstSendAt, sent > 0, results);
	return finish.call(this, items, entries, results, numbers);
}

/**
 * Item `i`'s order, built and checked; undefined when it failed (its result is set) or repeats an
 * earlier item of the same sale order (a twin, which shares that item's outcome).
 */
function buildEntry(
	this: IExecuteFunctions,
	i: number,
	byNumber: Map<string, Entry>,
	skipExisting: boolean,
	continueOnFail: boolean,
	results: Map<number, Result>,
	numbers: Map<number, { order_number?: string; sale_order_reference?: string }>,
): Entry | undefined {
	let orderNumber: string | undefined;
	try {
		const built = buildOrder(this, i, (n) => (orderNumber = n));
		numbers.set(i, { order_number: built.orderNumber, sale_order_reference: built.saleOrder?.reference });
		const first = byNumber.get(built.orderNumber);
		if (first) {
			const sameSource = (first.saleOrder?.id ?? '') === (built.saleOrder?.id ?? '');
			if (!sameSource) {
				throw new NodeOperationError(
					this.getNode(),
					`Order number "${built.orderNumber}" of ${describe(built)} is also the order number of ${describe(first)} (input item ${first.itemIndex}): not created, to keep the two apart`,
					{ itemIndex: i, description: CLASH_HINT },
				);
			}
			if (!skipExisting) {
				throw new NodeOperationError(this.getNode(), `Order "${built.orderNumber}": order_number also appears in input item ${first.itemIndex}`, { itemIndex: i });
			}
			first.twins.push(i);
			return undefined;
		}
		const entry: Entry = { itemIndex: i, orderNumber: built.orderNumber, order: built.order, saleOrder: built.saleOrder, twins: [] };
		byNumber.set(entry.orderNumber, entry);
		return entry;
	} catch (error) {
		if (!continueOnFail) throw asItemError(this.getNode(), error, i);
		numbers.set(i, { ...numbers.get(i), order_number: numbers.get(i)?.order_number ?? orderNumber });
		results.set(i, { status: 'failed', reason: (error as Error).message, description: (error as { description?: string }).description });
		return undefined;
	}
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
	const all: T[] = [];
	for await (const value of source) all.push(value);
	return all;
}

function clash(entry: Entry, known: ListedOrder): Result {
	return {
		status: 'failed',
		reason: `Order number "${entry.orderNumber}" of ${describe(entry)} is already used in Starshipit by order ${known.order_id} (reference "${known.reference}"), a different sale order than this one (reference "${entry.order.reference}"): not created`,
		description: CLASH_HINT,
	};
}

async function settleCopies(
	this: IExecuteFunctions,
	index: OrderIndex,
	entries: Entry[],
	createdIds: Map<Entry, number>,
	duplicates: Entry[],
	firstSendAt: Date,
	sentAny: boolean,
	results: Map<number, Result>,
): Promise<void> {
	if (sentAny) {
		try {
			// Unshipped and printed: a copy printed since the import has left the unshipped tab, and its labels decide the survivor.
			index.add(await listOrdersSince(this, new Date(firstSendAt.getTime() - CLOCK_SKEW_MS), ['unshipped', 'printed'], entries[0].itemIndex));
		} catch (error) {
			const warning = `Created, but the check for copies made by an overlapping run failed: ${(error as Error).message}`;
			for (const entry of createdIds.keys()) {
				const result = results.get(entry.itemIndex);
				if (result?.status === 'created') result.warning = warning;
			}
			return;
		}
	}
	const removals = await removeSurplusCopies(this, index, entries.map((e) => e.orderNumber), entries[0].itemIndex);
	const removedBy = new Map(removals.map((r) => [r.orderNumber, r]));
	for (const entry of entries) {
		const result = results.get(entry.itemIndex);
		const kept = index.survivor(entry.orderNumber);
		const removal = removedBy.get(entry.orderNumber);
		const ownId = createdIds.get(entry);
		if (ownId !== undefined && kept && kept.order_id !== ownId && !removal?.notRemoved.some((n) => n.startsWith(`order ${ownId}:`))) {
			// Another run's copy came first: ours was removed (by us or by it).
			results.set(entry.itemIndex, { status: 'skipped_existing', data: { ...listedOrderData(kept), removed_order_id: ownId } });
		} else if (duplicates.includes(entry)) {
			// A strict account refused the number: the copy is the one listed, or older than the listing.
			const found = kept ? listedOrderData(kept) : await findOrderByNumber(this, entry.orderNumber, entry.itemIndex).catch(() => undefined);
			if (found) results.set(entry.itemIndex, { status: 'skipped_existing', data: found });
		} else if (result && 'data' in result && removal) {
			if (removal.removed.length) result.data = { ...result.data, removed_copies: removal.removed };
			if (removal.notRemoved.length) result.warning = `Starshipit holds other copies of this order that could not be removed: ${removal.notRemoved.join('; ')}`;
		}
	}
}

/** Every item led by its outcome; without Continue On Fail the first failure stops the node (`failItem`). */
function finish(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	entries: Entry[],
	results: Map<number, Result>,
	numbers: Map<number, { order_number?: string; sale_order_reference?: string }>,
): INodeExecutionData[] {
	for (const entry of entries) {
		const result = results.get(entry.itemIndex);
		for (const twin of entry.twins) {
			if (result && 'data' in result) results.set(twin, { status: 'skipped_existing', data: { ...result.data, duplicate_of_item: entry.itemIndex } });
			else if (result) results.set(twin, result);
		}
	}
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = results.get(i);
		if (!result) continue;
		const about = numbers.get(i) ?? {};
		if (!('data' in result)) {
			const error = new NodeOperationError(this.getNode(), result.reason, { itemIndex: i, description: result.description });
			output.push(failItem(this, error, i, { ...about, status: result.status }, { order_number: about.order_number }));
			continue;
		}
		const outcome: Outcome = { status: result.status, ...about, warning: result.warning };
		output.push(outcomeItem(outcome, { ...result.data, already_existed: result.status === 'skipped_existing' }, i));
	}
	return output;
}
