/**
 * Calls that do not depend on each other go out a few at a time: one by one, a 10,000-order read
 * or write-back pays 10,000 round trips of the API's latency. CartonCloud documents no limit on
 * searches or consignment updates (only on creates, which stay paced one by one); a few in flight
 * keeps well clear of one, and a 429 still meets the shared retry.
 */
export const CALLS_IN_FLIGHT = 4;

/**
 * Runs `work` for every entry, at most `limit` at once; resolves when all are done. The first
 * entry runs alone: when no token is held yet, its call fetches one, which calls in flight would
 * each fetch. The first `work` that throws stops the others from starting new entries, and its
 * error is thrown once those in flight have settled (nothing is still calling when it is reported).
 */
export async function forEachInFlight<T>(
	entries: readonly T[],
	work: (entry: T, index: number) => Promise<void>,
	limit = CALLS_IN_FLIGHT,
): Promise<void> {
	if (entries.length === 0) return;
	await work(entries[0], 0);
	let next = 1;
	let failure: { error: unknown } | undefined;
	const worker = async (): Promise<void> => {
		while (!failure && next < entries.length) {
			const index = next++;
			try {
				await work(entries[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, entries.length - 1) }, worker));
	if (failure) throw failure.error;
}
