/**
 * Receiving Starshipit's tracking webhook: one JSON event per request (GorgonFreeman/bedrock's
 * saved delivery), signed with the secret key when one is set.
 *
 * The signature covers the exact bytes received, so it is checked against the raw body only: when
 * n8n does not hand the raw body over, the request is refused (fail closed) rather than checked
 * against a re-serialised body, which would differ in spacing, key order or number format.
 * A request is capped at MAX_EVENTS events, so one request never costs more than that many
 * downstream Starshipit calls.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { verifySignature } from './signature';

const SIGNATURE_HEADER = 'x-starshipit-signature';
/** Starshipit sends one event per request; a small list is tolerated, thousands are refused. */
const MAX_EVENTS = 50;
const MAX_BODY_BYTES = 256 * 1024;

export interface TrackingWebhookSettings {
	secret: string;
	/** Refuse every delivery while no secret is set (version 2); version 1 then checked nothing. */
	requireSecret?: boolean;
	/** Empty: every tracking status. */
	statuses: string[];
}

export async function receiveTrackingWebhook(
	context: IWebhookFunctions,
	settings: TrackingWebhookSettings,
): Promise<IWebhookResponseData> {
	const response = context.getResponseObject();
	const answer = (status: number, body: IDataObject): IWebhookResponseData => {
		response.status(status).json(body);
		return { noWebhookResponse: true };
	};
	const rawBody = (context.getRequestObject() as { rawBody?: Buffer }).rawBody;
	if (rawBody && rawBody.length > MAX_BODY_BYTES) {
		return answer(413, {
			message: `Body of ${rawBody.length} bytes refused: Starshipit sends one tracking event per request (limit ${MAX_BODY_BYTES} bytes)`,
		});
	}
	if (!settings.secret && settings.requireSecret) {
		return answer(401, {
			message:
				'This webhook has no secret key set yet: select a Starshipit Webhook credential holding the secret key set in Starshipit',
		});
	}
	if (settings.secret) {
		if (!rawBody) {
			return answer(500, {
				message:
					'Cannot check X-Starshipit-Signature: n8n did not provide the raw request body, so the request was refused (the parsed body is never re-serialised for a signature check)',
			});
		}
		if (
			!verifySignature(
				rawBody,
				context.getHeaderData()[SIGNATURE_HEADER] as string | undefined,
				settings.secret,
			)
		) {
			return answer(401, { message: 'Invalid or missing X-Starshipit-Signature' });
		}
	}
	const body = context.getBodyData() as unknown;
	const events = (Array.isArray(body) ? body : [body]) as unknown[];
	if (events.length > MAX_EVENTS) {
		return answer(413, {
			message: `${events.length} events in one request refused: at most ${MAX_EVENTS} are accepted (Starshipit sends one per request)`,
		});
	}
	const objects = events.filter(
		(e): e is IDataObject => typeof e === 'object' && e !== null && !Array.isArray(e),
	);
	const wanted = settings.statuses.length
		? objects.filter((e) => settings.statuses.includes(String(e.tracking_status)))
		: objects;
	if (wanted.length === 0) return { webhookResponse: { received: true, emitted: 0 } };
	return { workflowData: [context.helpers.returnJsonArray(wanted)] };
}
