/**
 * Receiving CartonCloud's webhook without trusting it.
 *
 * CartonCloud posts every subscribed entity type (sale orders, documents, consignments …) to one
 * URL, one entity per request, with no signature (UNCONFIRMED: nothing public documents one). So:
 * - a shared secret, sent in the URL (`?secret=`) or a header, proves the caller knows it;
 * - the body only names a sale order: the order is read again from CartonCloud by id and only
 *   what CartonCloud returns (status included) is emitted, so a forged or replayed body can at
 *   most make us look at a real order in its real state (and the push skips orders already in
 *   Starshipit);
 * - a body that is not one entity (an array, an oversized body) is refused with a clear answer;
 * - a well-formed body of another entity type is answered 200 and ignored, because an error
 *   answer risks CartonCloud switching the subscription off.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { readHttpFailure } from '../../shared/transport/request';
import { apiRequest } from '../transport';
import { SALE_ORDERS } from '../transport/saleOrderSearch';

/** A sale order with many lines is tens of KB; anything past this is not one entity. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The URL query parameter that carries the shared secret. */
export const SECRET_QUERY = 'secret';
export const DEFAULT_SECRET_HEADER = 'x-webhook-secret';

export interface WebhookSettings {
	/** Empty: every request is refused until a secret is set (version 1: the parameter; 2: the credential). */
	secret: string;
	/** Header that may carry the secret instead of the URL. */
	secretHeader: string;
	/** Empty: every status. */
	statuses: string[];
	customerIds: string[];
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

function first(value: unknown): string {
	return String((Array.isArray(value) ? value[0] : value) ?? '');
}

function bodySize(context: IWebhookFunctions): number {
	const request = context.getRequestObject() as { rawBody?: Buffer };
	if (request.rawBody) return request.rawBody.length;
	const declared = Number(first(context.getHeaderData()['content-length']));
	return Number.isFinite(declared) && declared > 0 ? declared : 0;
}

/** The entity in a body: the entity itself (as observed), or inside an envelope (UNCONFIRMED shape). */
function entityIn(body: IDataObject): IDataObject {
	if (body.id !== undefined) return body;
	for (const key of ['data', 'entity', 'payload', 'outboundOrder', 'saleOrder']) {
		const inner = body[key];
		if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner as IDataObject;
	}
	return body;
}

/** Sale orders are `type: OUTBOUND`; an entity without a type counts when it has a sale order's shape. */
function saleOrderId(entity: IDataObject): string | undefined {
	const isSaleOrder =
		entity.type === 'OUTBOUND' ||
		(entity.type === undefined &&
			typeof entity.status === 'string' &&
			typeof entity.references === 'object' &&
			entity.references !== null);
	return isSaleOrder && typeof entity.id === 'string' && entity.id.trim() !== ''
		? entity.id.trim()
		: undefined;
}

export async function receiveSaleOrderWebhook(
	context: IWebhookFunctions,
	settings: WebhookSettings,
): Promise<IWebhookResponseData> {
	const response = context.getResponseObject();
	const answer = (status: number, body: IDataObject): IWebhookResponseData => {
		response.status(status).json(body);
		return { noWebhookResponse: true };
	};
	const ignored = (reason: string): IWebhookResponseData => ({
		webhookResponse: { received: true, emitted: 0, ignored: reason },
	});

	if (!settings.secret) {
		return answer(401, {
			message:
				'This webhook has no secret set yet: set it on the trigger (from version 2 in its CartonCloud Webhook credential) and add it to the URL CartonCloud calls (?secret=…)',
		});
	}
	const header = settings.secretHeader.trim().toLowerCase() || DEFAULT_SECRET_HEADER;
	const received =
		first((context.getQueryData() as IDataObject)[SECRET_QUERY]) ||
		first(context.getHeaderData()[header]);
	if (!sameSecret(received, settings.secret))
		return answer(401, { message: 'Unauthorized: missing or wrong webhook secret' });

	const size = bodySize(context);
	if (size > MAX_BODY_BYTES) {
		return answer(413, {
			message: `Body of ${size} bytes refused: CartonCloud sends one entity per request, at most ${MAX_BODY_BYTES} bytes`,
		});
	}
	const body = context.getBodyData() as unknown;
	if (Array.isArray(body)) {
		return answer(400, {
			message: `Body is a list of ${body.length} entries: CartonCloud sends one entity per request, so nothing was accepted`,
		});
	}
	if (!body || typeof body !== 'object')
		return answer(400, { message: 'Body is not a JSON object (a CartonCloud entity)' });

	const entity = entityIn(body as IDataObject);
	const id = saleOrderId(entity);
	if (!id) return ignored(`not a sale order (type ${JSON.stringify(entity.type ?? null)})`);

	let order: IDataObject;
	try {
		order = (
			await apiRequest<IDataObject>(context, {
				method: 'GET',
				path: `${SALE_ORDERS}/${encodeURIComponent(id)}`,
			})
		).body;
	} catch (error) {
		const status = readHttpFailure(error).status;
		if (status === 404) return ignored(`sale order ${id} does not exist in CartonCloud`);
		// Nothing unverified is emitted; a 5xx tells the sender to try again, and the scheduled push
		// is the safety net for anything that never arrives.
		return answer(503, {
			message: `Could not read sale order ${id} from CartonCloud (${status ?? 'no answer'}); nothing was emitted, try again`,
		});
	}
	if (!order || typeof order !== 'object' || String(order.id) !== id)
		return ignored(`CartonCloud returned no sale order for ${id}`);

	const status = String(order.status ?? '');
	if (settings.statuses.length > 0 && !settings.statuses.includes(status))
		return ignored(`sale order ${id} is ${status} in CartonCloud`);
	const customerId = String((order.customer as IDataObject | undefined)?.id ?? '');
	if (settings.customerIds.length > 0 && !settings.customerIds.includes(customerId))
		return ignored(`sale order ${id} belongs to another customer`);
	return {
		webhookResponse: { received: true, emitted: 1 },
		workflowData: [context.helpers.returnJsonArray([order])],
	};
}
