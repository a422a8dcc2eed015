/**
 * What overlapping runs made while this one sends (issue 25): before an import batch, the run
 * re-lists the unshipped orders updated since its previous look, so the loser of a race skips the
 * orders the other run already created instead of making a second copy of each. The copies two runs
 * can still make of one order then stay under one import batch; the clean-up after the imports
 * (`listCopiesSince`, `removeSurplusCopies`) removes them.
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
	/** Whether a look found copies another run made of this run's orders. */
	sawOtherRuns = false;

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
			await listTab(this.context, 'unshipped', this.since, (page) => {
				for (const row of page.rows) {
					newest = Math.max(newest, Date.parse(row.last_updated ?? '') || Number.NEGATIVE_INFINITY);
					if (this.numbers.has(row.order_number) && !this.ours(row.order_id)) found.push(row);
				}
			}, this.itemIndex);
		} catch {
			return [];
		}
		if (Number.isFinite(newest)) this.since = new Date(Math.max(this.since.getTime(), Math.floor(newest / 1000) * 1000 + 1000));
		if (found.length) this.sawOtherRuns = true;
		this.gap = found.length ? 1 : Math.min(this.gap * 2, MOST_BATCHES_BETWEEN_LOOKS);
		this.nextLook = batch + this.gap;
		return found;
	}
}
