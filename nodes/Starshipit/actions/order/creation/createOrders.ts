/**
 * Create and Create Many share one engine, a run read top to bottom (`CreateRun.run`): build and
 * check each item's order (`buildEntries`); with Skip Existing, find the ones Starshipit already
 * holds (`checkExisting`, through `findHeldOrders`, whose cost follows the run's orders, not the
 * account's history); send the rest (`sendOrders`), looking before each batch for copies an
 * overlapping run made meanwhile (`OtherRuns`); settle (remove the surplus copies overlapping runs
 * made, and look again for orders whose create may or may not have landed); hand each result back,
 * led by its outcome, to the input item it came from (`outputItems`). This module holds the run's
 * state and the steps that share it (send, settle); the others live beside it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { StarshipitOrder } from '../../../../shared/mapping/saleOrderToStarshipit';
import { itemParameter } from '../../../../shared/parameters';
import { CLOCK_SKEW_MS, listWorkInFlight, type WorkInFlight } from '../../../transport/heldOrders';
import { lookUpOrder } from '../../../transport/orderLookup';
import { listedFromOrder, type ListedOrder } from '../../../transport/orderListing';
import { orderDateOf } from '../input/buildOrder';
import { buildEntries } from './buildEntries';
import { checkExisting } from './checkExisting';
import {
	listCopiesSince,
	listedOrderData,
	OrderIndex,
	removeSurplusCopies,
} from './existingOrders';
import { outputItems, type About, type Entry, type Result, type RunItems } from './itemResults';
import { OtherRuns, SendQueue } from './otherRuns';
import { sendOrders, type SendResult } from './sendOrders';

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
		await buildEntries(
			this.context,
			this.items,
			{ continueOnFail: this.continueOnFail, skipExisting: this.skipExisting },
			this.perItem,
		);
		const toSend = this.skipExisting ? await this.dropExisting(inFlight) : this.entries;
		await this.send(toSend);
		if (this.index) await this.settle();
		return outputItems(this.context, this.items, this.perItem);
	}

	/** What the steps in the modules beside this one fill and read. */
	private get perItem(): RunItems {
		return { entries: this.entries, results: this.results, about: this.about };
	}

	/** 2. With Skip Existing: the orders Starshipit already holds are not sent (`checkExisting`). */
	private async dropExisting(inFlight: WorkInFlight | undefined): Promise<Entry[]> {
		const { index, toSend } = await checkExisting(
			this.context,
			this.entries,
			{ lookbackDays: this.lookbackDays, inFlight },
			(entry, result) => this.set(entry, result),
		);
		this.index = index;
		return toSend;
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
		// send() always ran first and set firstSendAt.
		if (this.createdIds.size > 0 || this.unknown.size > 0 || this.duplicates.size > 0) {
			try {
				const since = new Date(this.firstSendAt!.getTime() - CLOCK_SKEW_MS);
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
}
