/**
 * Outgoing status-change webhooks. CartonCloud staff configure webhooks per tenant (§5), so the
 * sandbox takes the target URL and extra headers from its config.
 *
 * UNCONFIRMED: the payload is the entity JSON itself (as TP-wh treats it), with no envelope,
 * event name, signature or retries. Deliveries are recorded so tests can assert on them.
 */

export interface WebhookDelivery {
	seq: number;
	time: string;
	url: string;
	headers: Record<string, string>;
	body: unknown;
	/** HTTP status of the receiver, once answered. */
	status?: number;
	/** Network error, if the POST failed. */
	error?: string;
}

export class WebhookDispatcher {
	readonly deliveries: WebhookDelivery[] = [];
	private readonly pending = new Set<Promise<void>>();
	private seq = 0;

	constructor(private readonly target: () => { url?: string; headers: Record<string, string> }) {}

	/** Fire-and-forget POST of `entity` (deep-copied now, so later changes do not leak in). */
	emit(entity: unknown): void {
		const { url, headers } = this.target();
		if (!url) return;
		const delivery: WebhookDelivery = {
			seq: ++this.seq,
			time: new Date().toISOString(),
			url,
			headers: { 'Content-Type': 'application/json', ...headers },
			body: structuredClone(entity),
		};
		this.deliveries.push(delivery);
		const sending = fetch(url, {
			method: 'POST',
			headers: delivery.headers,
			body: JSON.stringify(delivery.body),
			signal: AbortSignal.timeout(10_000),
		})
			.then(async (res) => {
				delivery.status = res.status;
				await res.arrayBuffer();
			})
			.catch((error: unknown) => {
				delivery.error = (error as Error).message;
			})
			.finally(() => this.pending.delete(sending));
		this.pending.add(sending);
	}

	/** Resolves once every delivery started so far (and any started meanwhile) has finished. */
	async flush(): Promise<WebhookDelivery[]> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
		return this.deliveries;
	}

	clear(): void {
		this.deliveries.length = 0;
	}
}
