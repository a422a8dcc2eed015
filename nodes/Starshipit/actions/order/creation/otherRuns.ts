/**
 * What overlapping runs made while this one sends (issue 25): before an import batch, the run
 * re-lists the unshipped orders updated since its previous look, so the loser of a race skips the
 * orders the other run already created instead of making a second copy of each. The copies two runs
 * can still make of one order then stay under one import batch; the clean-up after the imports
 * (`listCopiesSince`, `removeSurplusCopies`) removes them.
 *
 * Two runs that started together send the same batches at the same moments, so neither is ahead
 * for the other to skip: the run whose copies came second (higher order ids) turns round and sends
 * its remaining orders from the last one back (`SendQueue`), while the first goes on from the
 * front; they meet once, in the middle. The copies both made before the look are removed at once
 * (by the survivor rule every run applies), not at the end.
 *
 * It costs one listing page per look: each look starts just after the newest `last_updated` the
 * last one saw (Starshipit's own clock, in whole seconds as the listing takes it), so it holds only
 * the orders made since. A row stamped within that second, or committed late with an earlier stamp,
 * is missed by the looks (a temporary copy more), never by the clean-up. While the looks find no other run's
 * copies, they space out (every 2nd, then every 4th batch); one that finds some looks before every
 * batch again.
 */
import type { RequestContext } from '../../../../shared/transport/request';
import { CLOCK_SKEW_MS } from '../../../transport/heldOrders';
import { listTab, type ListedOrder } from '../../../transport/orderListing';

const MOST_BATCHES_BETWEEN_LOOKS = 4;

export class OtherRuns {
	private since: Date;
	private nextLook = 1;
	private gap = 1;

	constructor(
		private readonly context: RequestContext,
		/** The order numbers this run sends. */
		private readonly numbers: ReadonlySet<string>,
		/** The order ids this run made so far (not another run's). */
		private readonly ours: (orderId: number) => boolean,
		startedAt: Date,
		private readonly itemIndex?: number,
	) {
		// The first look compares n8n's clock with Starshipit's: hence the margin.
		this.since = new Date(startedAt.getTime() - CLOCK_SKEW_MS);
	}

	/**
	 * Copies of this run's numbers made by others since the last look, before batch `batch` (from
	 * 0); empty when this batch is not one to look before, or the look failed (the clean-up after
	 * the imports still catches every copy).
	 */
	async before(batch: number): Promise<ListedOrder[]> {
		if (batch < this.nextLook) return [];
		const found: ListedOrder[] = [];
		let newest = Number.NEGATIVE_INFINITY;
		try {
			await listTab(
				this.context,
				'unshipped',
				this.since,
				(page) => {
					for (const row of page.rows) {
						newest = Math.max(
							newest,
							Date.parse(row.last_updated ?? '') || Number.NEGATIVE_INFINITY,
						);
						if (this.numbers.has(row.order_number) && !this.ours(row.order_id)) found.push(row);
					}
				},
				this.itemIndex,
			);
		} catch {
			return [];
		}
		if (Number.isFinite(newest))
			this.since = new Date(
				Math.max(this.since.getTime(), Math.floor(newest / 1000) * 1000 + 1000),
			);
		this.gap = found.length ? 1 : Math.min(this.gap * 2, MOST_BATCHES_BETWEEN_LOOKS);
		this.nextLook = batch + this.gap;
		return found;
	}

	/**
	 * Whether this run came second in the race `found` shows: most of the numbers both runs made
	 * have the other run's copy first (a lower order id).
	 */
	static behind(
		found: ListedOrder[],
		ourIdOf: (orderNumber: string) => number | undefined,
	): boolean {
		let behind = 0;
		let ahead = 0;
		for (const row of found) {
			const ours = ourIdOf(row.order_number);
			if (ours === undefined) continue;
			if (row.order_id < ours) behind++;
			else ahead++;
		}
		return behind > ahead;
	}
}

/** What is left to send, taken from the front, or from the back once the run has turned round. */
export class SendQueue<T> implements Iterable<T> {
	private readonly left: T[];
	private fromBack = false;

	constructor(entries: T[]) {
		this.left = [...entries];
	}

	get turned(): boolean {
		return this.fromBack;
	}

	/** Puts a group taken from the front back, and takes as many from the back instead. */
	turnRound(group: T[]): T[] {
		this.left.unshift(...group);
		this.fromBack = true;
		return this.left.splice(Math.max(0, this.left.length - group.length)).reverse();
	}

	*[Symbol.iterator](): Iterator<T> {
		while (this.left.length) yield (this.fromBack ? this.left.pop() : this.left.shift()) as T;
	}
}
