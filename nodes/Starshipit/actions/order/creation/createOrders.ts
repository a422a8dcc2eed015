/**
 * Create and Create Many share one engine, a run read top to bottom (`CreateRun.run`): build and
 * check each item's order; with Skip Existing, find the ones Starshipit already holds
 * (`findHeldOrders`, whose cost follows the run's orders, not the account's history); send the
 * rest (`sendOrders`), looking before each batch for copies an overlapping run made meanwhile
 * (`OtherRuns`); settle (remove the surplus copies overlapping runs made, and look again for orders
 * whose create may or may not have landed); hand each result back, led by its outcome, to the
 * input item it came from.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { StarshipitOrder } from '../../../../shared/mapping/saleOrderToStarshipit';
import { asItemError, failItem } from '../../../../shared/items';
import { outcomeItem, type Outcome } from '../../../../shared/outcome';
import { itemParameter } from '../../../../shared/parameters';
import {
	CLOCK_SKEW_MS,
	findHeldOrders,
	listWorkInFlight,
	type WorkInFlight,
} from '../../../transport/heldOrders';
import { lookUpOrder } from '../../../transport/orderLookup';
import { listedFromOrder, type ListedOrder } from '../../../transport/orderListing';
import { buildOrder, orderDateOf, type SourceSaleOrder } from '../input/buildOrder';
import {
	listCopiesSince,
	listedOrderData,
	OrderIndex,
	otherSaleOrder,
	removeSurplusCopies,
} from './existingOrders';
import { OtherRuns, SendQueue } from './otherRuns';
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

type About = { order_number?: string; sale_order_reference?: string };

const describe = (e: { orderNumber: string; saleOrder?: SourceSaleOrder }) =>
	e.saleOrder
		? `sale order "${e.saleOrder.reference ?? e.orderNumber}"${e.saleOrder.customer ? ` of ${e.saleOrder.customer}` : ''}`
		: `order "${e.orderNumber}"`;

const CLASH_HINT =
	'Set Options > Order Number From to "Customer Code + Customer Reference" or "CartonCloud Numeric ID" so numbers cannot clash.';

export async function createOrders(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	useImport: boolean,
): Promise<INodeExecutionData[]> {
	return await new CreateRun(this, items, useImport).run();
}

class CreateRun {
	private readonly continueOnFail: boolean;
	private readonly skipExisting: boolean;
	private readonly lookbackDays: number;
	private readonly results = new Map<number, Result>();
	private readonly about = new Map<number, About>();
	private readonly entries: Entry[] = [];
	/** Every copy of this run's numbers seen in Starshipit (Skip Existing only). */
	private index?: OrderIndex;
	private readonly createdIds = new Map<Entry, number>();
	private readonly duplicates = new Set<Entry>();
	private readonly unknown = new Set<Entry>();
	private firstSendAt?: Date;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
		private readonly useImport: boolean,
	) {
		this.continueOnFail = context.continueOnFail();
		this.skipExisting = items.length > 0 && itemParameter(context, 'skipExisting', 0, true);
		this.lookbackDays = items.length
			? Number(itemParameter(context, 'options', 0, {} as IDataObject).lookbackDays ?? 30)
			: 30;
	}

	async run(): Promise<INodeExecutionData[]> {
		// The unshipped and printed tabs are listed while the orders are built: their dates are read first.
		const dates = this.skipExisting ? this.items.map((_, i) => orderDateOf(this.context, i)) : [];
		const inFlight = this.skipExisting
			? listWorkInFlight(this.context, dates, { lookbackDays: this.lookbackDays, itemIndex: 0 })
			: undefined;
		await this.build();
		const toSend = this.skipExisting ? await this.checkExisting(inFlight) : this.entries;
		await this.send(toSend);
		if (this.index) await this.settle();
		return this.finish();
	}

	/** 1. Every item's order, built and checked: a bad order costs no call. Without Continue On Fail the first bad one stops the node. */
	private async build(): Promise<void> {
		const byNumber = new Map<string, Entry>();
		for (let i = 0; i < this.items.length; i++) {
			// Now and then the listing's replies are read (a listing started before the build).
			if (i % 200 === 199) await sleep(0);
			let orderNumber: string | undefined;
			try {
				const built = buildOrder(this.context, i, (n) => (orderNumber = n));
				this.about.set(i, {
					order_number: built.orderNumber,
					sale_order_reference: built.saleOrder?.reference,
				});
				const first = byNumber.get(built.orderNumber);
				if (first) {
					this.twinOf(first, built, i);
					continue;
				}
				const entry: Entry = {
					itemIndex: i,
					orderNumber: built.orderNumber,
					order: built.order,
					saleOrder: built.saleOrder,
					twins: [],
				};
				byNumber.set(entry.orderNumber, entry);
				this.entries.push(entry);
			} catch (error) {
				if (!this.continueOnFail) throw asItemError(this.context.getNode(), error, i);
				this.about.set(i, {
					...this.about.get(i),
					order_number: this.about.get(i)?.order_number ?? orderNumber,
				});
				this.results.set(i, {
					status: 'failed',
					reason: (error as Error).message,
					description: (error as { description?: string }).description,
				});
			}
		}
	}

	/** Item `i` repeats `first`'s order number: the same sale order shares its outcome; another one is kept apart. */
	private twinOf(
		first: Entry,
		built: { orderNumber: string; saleOrder?: SourceSaleOrder },
		i: number,
	): void {
		const node = this.context.getNode();
		if ((first.saleOrder?.id ?? '') !== (built.saleOrder?.id ?? '')) {
			throw new NodeOperationError(
				node,
				`Order number "${built.orderNumber}" of ${describe(built)} is also the order number of ${describe(first)} (input item ${first.itemIndex}): not created, to keep the two apart`,
				{ itemIndex: i, description: CLASH_HINT },
			);
		}
		if (!this.skipExisting)
			throw new NodeOperationError(
				node,
				`Order "${built.orderNumber}": order_number also appears in input item ${first.itemIndex}`,
				{ itemIndex: i },
			);
		first.twins.push(i);
	}

	/** 2. What Starshipit already holds is skipped; a number another sale order holds is a clash. Returns what is left to send. */
	private async checkExisting(inFlight: WorkInFlight | undefined): Promise<Entry[]> {
		if (this.entries.length === 0) return [];
		this.index = new OrderIndex();
		try {
			const wanted = this.entries.map((e) => ({
				orderNumber: e.orderNumber,
				orderDate: e.order.order_date,
			}));
			this.index.add(
				(
					await findHeldOrders(this.context, wanted, {
						lookbackDays: this.lookbackDays,
						inFlight,
						itemIndex: this.entries[0].itemIndex,
					})
				).rows,
			);
		} catch (error) {
			const reason = `could not check which orders Starshipit already has: ${(error as Error).message}`;
			for (const entry of this.entries)
				this.set(entry, {
					status: 'failed',
					reason: `Order "${entry.orderNumber}" was not created: ${reason}`,
				});
			this.index = undefined;
			return [];
		}
		const references = new Set(
			this.entries.map((e) => e.order.reference).filter((r): r is string => !!r),
		);
		return this.entries.filter((entry) => {
			const known = this.index!.survivor(entry.orderNumber);
			if (!known) return true;
			if (otherSaleOrder(entry.order, known, references)) this.set(entry, this.clash(entry, known));
			else this.set(entry, this.existing(entry, known));
			return false;
		});
	}

	private existing(entry: Entry, known: ListedOrder): Result {
		const elsewhere =
			known.reference && entry.order.reference && known.reference !== entry.order.reference;
		return {
			status: 'skipped_existing',
			data: listedOrderData(known),
			// Issue 21: an order made by another connector or by hand is the same order, said so.
			warning: elsewhere
				? `Starshipit already holds order "${entry.orderNumber}" (order ${known.order_id}), made elsewhere with reference "${known.reference}": not created again`
				: undefined,
		};
	}

	private clash(entry: Entry, known: ListedOrder): Result {
		return {
			status: 'failed',
			reason: `Order number "${entry.orderNumber}" of ${describe(entry)} is already used in Starshipit by order ${known.order_id} (reference "${known.reference}"${known.destination_name ? `, for ${known.destination_name}` : ''}), a different sale order than this one (reference "${entry.order.reference}"): not created`,
			description: CLASH_HINT,
		};
	}

	/**
	 * 3. Send, batch by batch. Before a batch, orders an overlapping run made meanwhile are skipped,
	 * copies both runs made are removed at once, and the run that came second turns round (`OtherRuns`).
	 */
	private async send(toSend: Entry[]): Promise<void> {
		this.firstSendAt = new Date();
		const ids = new Map<string, number>();
		const idSet = new Set<number>();
		const queue = new SendQueue(toSend);
		const others =
			this.index && this.useImport
				? new OtherRuns(
						this.context,
						new Set(toSend.map((e) => e.orderNumber)),
						(id) => idSet.has(id),
						this.firstSendAt,
						toSend[0]?.itemIndex,
					)
				: undefined;
		const record = (entry: Entry, result: SendResult) => {
			this.record(entry, result);
			const id = this.createdIds.get(entry);
			if (id === undefined) return;
			ids.set(entry.orderNumber, id);
			idSet.add(id);
			// Ours, as listed rows: the survivor rule can then run on them before the end.
			const row = result.kind === 'created' ? listedFromOrder(result.order) : undefined;
			if (row) this.index?.add([row]);
		};
		await sendOrders(this.context, queue, this.useImport, record, async (group, batch) => {
			if (!others || !this.index) return group;
			const found = await others.before(batch);
			this.index.add(found);
			// Copies both runs made: each removes its own where the other's came first (never both the same one).
			const raced = [
				...new Set(found.filter((row) => ids.has(row.order_number)).map((row) => row.order_number)),
			];
			const oursToGo = raced.filter((n) => this.index!.survivor(n)?.order_id !== ids.get(n));
			if (oursToGo.length)
				await removeSurplusCopies(this.context, this.index, oursToGo, group[0].itemIndex).catch(
					() => undefined,
				);
			const sending =
				!queue.turned && OtherRuns.behind(found, (n) => ids.get(n))
					? queue.turnRound(group)
					: group;
			return sending.filter((entry) => {
				const known = this.index!.survivor(entry.orderNumber);
				if (known) this.set(entry, { status: 'skipped_existing', data: listedOrderData(known) });
				return !known;
			});
		});
	}

	private record(entry: Entry, result: SendResult): void {
		// Answered: its built order is not read again (10,000 of them held to the node's end cost 6 MB).
		(entry as { order?: StarshipitOrder }).order = undefined;
		if (result.kind === 'created') {
			this.set(entry, {
				status: 'created',
				data: { ...result.order, ...(result.reconciled ? { reconciled: true } : {}) },
			});
			const id = Number(result.order.order_id);
			if (Number.isFinite(id)) this.createdIds.set(entry, id);
		} else if (result.kind === 'duplicate') {
			this.duplicates.add(entry);
			this.set(entry, {
				status: 'failed',
				reason: `Starshipit did not create order "${entry.orderNumber}": ${result.line}`,
			});
		} else {
			if (result.kind === 'unknown') this.unknown.add(entry);
			this.set(entry, {
				status: result.kind,
				reason: result.reason,
				description: result.description,
			});
		}
	}

	/**
	 * 4. Surplus copies (overlapping runs, late imports) do not survive, by the same rule in every
	 * run; an order whose create may or may not have landed is settled by the same listing.
	 */
	private async settle(): Promise<void> {
		const index = this.index!;
		if (
			this.firstSendAt &&
			(this.createdIds.size > 0 || this.unknown.size > 0 || this.duplicates.size > 0)
		) {
			try {
				const since = new Date(this.firstSendAt.getTime() - CLOCK_SKEW_MS);
				index.add(
					await listCopiesSince(
						this.context,
						since,
						new Set(this.entries.map((e) => e.orderNumber)),
						this.entries[0].itemIndex,
					),
				);
			} catch (error) {
				const warning = `Created, but the check for copies made by an overlapping run failed: ${(error as Error).message}`;
				for (const entry of this.createdIds.keys()) {
					const result = this.results.get(entry.itemIndex);
					if (result?.status === 'created') result.warning = warning;
				}
				return;
			}
		}
		const removals = await removeSurplusCopies(
			this.context,
			index,
			this.entries.map((e) => e.orderNumber),
			this.entries[0]?.itemIndex,
		);
		const removedBy = new Map(removals.map((r) => [r.orderNumber, r]));
		for (const entry of this.entries) {
			const result = this.results.get(entry.itemIndex);
			const kept = index.survivor(entry.orderNumber);
			const removal = removedBy.get(entry.orderNumber);
			const ownId = this.createdIds.get(entry);
			if (
				ownId !== undefined &&
				kept &&
				kept.order_id !== ownId &&
				!removal?.notRemoved.some((n) => n.startsWith(`order ${ownId}:`))
			) {
				// Another run's copy came first: ours was removed (by us or by it).
				this.set(entry, {
					status: 'skipped_existing',
					data: { ...listedOrderData(kept), removed_order_id: ownId },
				});
			} else if (this.duplicates.has(entry)) {
				// A strict account refused the number: the copy is the one listed, or older than the listing.
				const found = kept
					? listedOrderData(kept)
					: await lookUpOrder(
							this.context,
							{ orderNumber: entry.orderNumber },
							entry.itemIndex,
						).catch(() => undefined);
				if (found) this.set(entry, { status: 'skipped_existing', data: found });
			} else if (this.unknown.has(entry)) {
				this.settleUnknown(entry, kept);
			} else if (result && 'data' in result && removal) {
				if (removal.removed.length)
					result.data = { ...result.data, removed_copies: removal.removed };
				if (removal.notRemoved.length)
					result.warning = `Starshipit holds other copies of this order that could not be removed: ${removal.notRemoved.join('; ')}`;
			}
		}
	}

	/** A create whose reply was lost and whose check failed: the listing after the imports shows whether it landed. */
	private settleUnknown(entry: Entry, kept: ListedOrder | undefined): void {
		if (kept) {
			this.set(entry, { status: 'created', data: { ...listedOrderData(kept), reconciled: true } });
			return;
		}
		this.set(entry, {
			status: 'unknown',
			reason: `Order "${entry.orderNumber}" may or may not have been created: the call failed, and Starshipit did not show it in the listing made at the end of the run (an import can land late). Do not create it by hand: the next run with Skip Existing creates it if it is still missing.`,
		});
	}

	private set(entry: Entry, result: Result): void {
		this.results.set(entry.itemIndex, result);
	}

	/** 5. Every item led by its outcome; without Continue On Fail the first failure stops the node (`failItem`). */
	private finish(): INodeExecutionData[] {
		for (const entry of this.entries) {
			const result = this.results.get(entry.itemIndex);
			for (const twin of entry.twins) {
				if (result && 'data' in result)
					this.results.set(twin, {
						status: 'skipped_existing',
						data: { ...result.data, duplicate_of_item: entry.itemIndex },
					});
				else if (result) this.results.set(twin, result);
			}
		}
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < this.items.length; i++) {
			const result = this.results.get(i);
			if (!result) continue;
			const about = this.about.get(i) ?? {};
			if (!('data' in result)) {
				const error = new NodeOperationError(this.context.getNode(), result.reason, {
					itemIndex: i,
					description: result.description,
				});
				output.push(
					failItem(
						this.context,
						error,
						i,
						{ ...about, status: result.status },
						{ order_number: about.order_number },
					),
				);
				continue;
			}
			const outcome: Outcome = { status: result.status, ...about, warning: result.warning };
			output.push(
				outcomeItem(
					outcome,
					{ ...result.data, already_existed: result.status === 'skipped_existing' },
					i,
				),
			);
		}
		return output;
	}
}
