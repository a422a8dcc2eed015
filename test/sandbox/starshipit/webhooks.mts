/**
 * Tracking webhooks (reference §8): a JSON POST to one URL per tracking-status change.
 *
 * Deliveries are fire-and-forget like the real service, but every attempt is recorded and
 * `flush()` awaits the ones still in flight, so tests can assert on them without sleeping.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

export interface WebhookPayload {
	order_number: string;
	/** The order's `reference`: in a saved delivery (GorgonFreeman/bedrock), not in the docs' list. */
	order_reference: string;
	carrier_name: string;
	carrier_service: string;
	shipment_date: string | null;
	tracking_number: string;
	tracking_status: string;
	last_updated_date: string;
}

export interface WebhookDelivery {
	url: string;
	/** HTTP status of the receiver's answer; 0 when the connection failed. */
	status: number;
	/** The exact raw body sent (the signature covers these bytes). */
	body: string;
	signature?: string;
	error?: string;
}

/**
 * Starshipit documents an `X-Starshipit-Signature` header when a secret is set, but not its
 * algorithm. The one public receiver (GorgonFreeman/bedrock, starshipit/starshipit.utils.js)
 * checks the lowercase hex HMAC-SHA256 of the raw body keyed with the secret, so the sandbox signs
 * exactly that way.
 */
export function signWebhook(rawBody: string, secret: string): string {
	return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

export class WebhookDispatcher {
	readonly deliveries: WebhookDelivery[] = [];
	private readonly pending = new Set<Promise<void>>();

	send(url: string, secret: string | undefined, payload: WebhookPayload): void {
		const body = JSON.stringify(payload);
		const delivery: WebhookDelivery = { url, status: 0, body };
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'Content-Length': String(Buffer.byteLength(body)),
			'User-Agent': 'Starshipit-Sandbox-Webhook/1.0',
		};
		if (secret) headers['X-Starshipit-Signature'] = delivery.signature = signWebhook(body, secret);
		this.deliveries.push(delivery);
		// UNCONFIRMED: retry policy is undocumented; the sandbox makes exactly one attempt so a
		// receiver that fails is visible as a non-200 delivery instead of being papered over.
		const promise = post(url, headers, body).then(
			(status) => void (delivery.status = status),
			(error: Error) => void (delivery.error = error.message),
		);
		this.pending.add(promise);
		void promise.finally(() => this.pending.delete(promise));
	}

	/** Resolves when every delivery started so far has finished (successfully or not). */
	async flush(): Promise<void> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
	}

	clear(): void {
		this.deliveries.length = 0;
	}
}

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		// agent:false -> one connection per delivery, closed afterwards, so no pooled socket keeps a
		// test process (or the receiver's close()) waiting.
		const request = client.request(
			target,
			{ method: 'POST', headers, agent: false, timeout: 5000 },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			},
		);
		request.on('timeout', () => request.destroy(new Error('webhook timed out after 5000 ms')));
		request.on('error', reject);
		request.end(body);
	});
}
