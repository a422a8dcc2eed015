/**
 * One request-and-retry policy for both APIs. Each API's transport module supplies only what
 * differs (how to read its error bodies, what else means "rate limited"); everything here is
 * stateless, so it behaves the same on one machine and on n8n's queue-mode workers.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { lowerCaseHeaders, readHttpFailure, withBodyRead, type HttpFailure } from './failure';
import { pace, pauseBucket } from './pacing';
import { asItemError } from '../items';

export { readHttpFailure, type HttpFailure };

/** Every n8n context that may call an API. */
export type RequestContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
}

export interface ApiErrorDescription {
	message: string;
	description?: string;
}

export interface ApiDialect {
	credentialType: string;
	/** Turns a failed response into a message that carries the API's own words. */
	describeError(failure: HttpFailure): ApiErrorDescription;
	/** A 429 status is always a rate limit; some gateways also say so in the body. */
	isRateLimited?(failure: HttpFailure): boolean;
}

export interface RetryPolicy {
	/** Most attempts for one call, the first included (see `budgeted`). */
	maxAttempts: number;
	/**
	 * Retry a 429, a call that never left (credential or database read, DNS, refused connection)
	 * and a failed read for as long as `maxTotalWaitMs` allows, whatever the number of attempts:
	 * executions sharing one rate limit can meet more 429s than any fixed count, and a database
	 * restart outlasts eight quick retries. Other failures keep `maxAttempts`.
	 */
	budgeted?: boolean;
	/** Most total time spent waiting between attempts of one call. */
	maxTotalWaitMs: number;
	/** First back-off step when the API gives no Retry-After; doubles per attempt, with jitter. */
	baseDelayMs: number;
	/** Longest single wait. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 8,
	maxTotalWaitMs: 120_000,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

export interface CallOptions {
	/**
	 * Safe to send again after a 5xx or a dropped connection (reads, PUT with If-Match, deletes).
	 * A 429 is always retried: the gateway refused the call before the API acted on it.
	 */
	idempotent: boolean;
	/**
	 * For calls that are not idempotent (creates): after a 5xx or a dropped connection the call
	 * may or may not have taken effect. `reconcile` looks; it returns the response to use, or
	 * undefined when the call did not take effect and may be sent again. Without it such a call
	 * is never re-sent.
	 */
	reconcile?: () => Promise<ApiResponse | undefined>;
	itemIndex?: number;
	policy?: Partial<RetryPolicy>;
	/** Space every attempt (retries included) within the execution: see `pace`. */
	pacing?: { bucket: string; requestsPerSecond: number };
	/**
	 * For a request made with `encoding: 'stream'`: reads the reply's body as it arrives. It is
	 * part of the attempt, so a connection dropped mid-body is retried like any other.
	 */
	readBody?: (body: NodeJS.ReadableStream) => Promise<unknown>;
}

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);

/** Sends one API call with the credential's authentication, retrying per the policy. */
export async function sendWithRetry<T = unknown>(
	context: RequestContext,
	dialect: ApiDialect,
	request: IHttpRequestOptions,
	options: CallOptions,
): Promise<ApiResponse<T>> {
	const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
	const started = Date.now();
	for (let attempt = 1; ; attempt++) {
		let failure: HttpFailure;
		const answered = options.pacing
			? await pace(options.pacing.bucket, options.pacing.requestsPerSecond)
			: undefined;
		let response: { statusCode: number; headers: IDataObject; body: T } | undefined;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				dialect.credentialType,
				{
					...request,
					returnFullResponse: true,
				},
			)) as { statusCode: number; headers: IDataObject; body: T };
			const body = options.readBody
				? ((await options.readBody(response.body as NodeJS.ReadableStream)) as T)
				: response.body;
			return { statusCode: response.statusCode, headers: lowerCaseHeaders(response.headers), body };
		} catch (error) {
			failure = readHttpFailure(await withBodyRead(error));
			// A reply that arrived and broke off while being read was sent, whatever the error says.
			if (response) failure.notSent = false;
		} finally {
			answered?.();
		}

		const rateLimited = failure.status === 429 || (dialect.isRateLimited?.(failure) ?? false);
		const uncertain = !rateLimited && !failure.notSent && isTransient(failure);
		if (!rateLimited && !uncertain && !failure.notSent)
			throw toNodeApiError(context, dialect, failure, options.itemIndex);

		if (uncertain && !options.idempotent) {
			if (!options.reconcile) throw toNodeApiError(context, dialect, failure, options.itemIndex);
			const settled = await options.reconcile();
			if (settled) return settled as ApiResponse<T>;
		}

		// Retry-After is the server's word on when to come back, on a 429 and on a 503 alike (RFC 9110 §10.2.3).
		const retryAfter = retryAfterMs(failure);
		const delayMs = retryAfter ?? backoffMs(policy, attempt);
		const budgeted =
			policy.budgeted === true && (rateLimited || failure.notSent === true || options.idempotent);
		const waited = Date.now() - started;
		if ((!budgeted && attempt >= policy.maxAttempts) || waited + delayMs > policy.maxTotalWaitMs) {
			throw toNodeApiError(context, dialect, failure, options.itemIndex, attempt);
		}
		// Every call of this process in the same bucket backs off with this one (see `pauseBucket`).
		if (rateLimited && options.pacing) pauseBucket(options.pacing.bucket, delayMs);
		// Paced calls wait for the lane's pause in `pace`; an unpaced one waits here.
		if (!(rateLimited && options.pacing)) await sleep(delayMs);
		else if (retryAfter === 0) await sleep(backoffMs(policy, 1) / 5);
	}
}

/**
 * Runs a step that comes before any request (reading the credential, which in n8n is a database
 * read), retrying it with back-off within the policy's time budget: nothing has been sent yet, so
 * nothing can be doubled. n8n's own configuration errors (a node without its credential) are
 * thrown at once.
 */
export async function beforeSending<T>(
	context: RequestContext,
	step: () => Promise<T>,
	policy: Partial<RetryPolicy> = {},
): Promise<T> {
	const full = { ...DEFAULT_RETRY_POLICY, ...policy };
	const started = Date.now();
	for (let attempt = 1; ; attempt++) {
		try {
			return await step();
		} catch (error) {
			const delayMs = backoffMs(full, attempt);
			// Also n8n's own copy of n8n-workflow, whose classes are not ours.
			const configuration =
				error instanceof NodeOperationError ||
				(error as { name?: unknown })?.name === 'NodeOperationError';
			if (configuration || Date.now() - started + delayMs > full.maxTotalWaitMs)
				throw asItemError(context.getNode(), error);
			await sleep(delayMs);
		}
	}
}

function isTransient(failure: HttpFailure): boolean {
	if (failure.status === undefined)
		return failure.code === undefined || RETRYABLE_NETWORK_CODES.has(failure.code);
	return RETRYABLE_STATUSES.has(failure.status);
}

/** Retry-After in seconds or as an HTTP date; APIM also writes "Try again in N seconds." in the body. */
export function retryAfterMs(failure: HttpFailure): number | undefined {
	const header = failure.headers['retry-after'];
	if (header !== undefined) {
		const seconds = Number(header);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(header);
		if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
	}
	const message = (failure.body as { message?: unknown } | undefined)?.message;
	const match = typeof message === 'string' ? /try again in (\d+) seconds?/i.exec(message) : null;
	return match ? Number(match[1]) * 1000 : undefined;
}

/** Exponential back-off with full jitter, so parallel workers do not retry in lock-step. */
function backoffMs(policy: RetryPolicy, attempt: number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A NodeApiError built only from status and body: nothing of the request (headers, keys) goes in. */
export function toNodeApiError(
	context: RequestContext,
	dialect: ApiDialect,
	failure: HttpFailure,
	itemIndex?: number,
	attempts?: number,
): NodeApiError {
	const { message, description } = dialect.describeError(failure);
	const status = failure.status ?? failure.code ?? 'no response';
	const tried = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
	return new NodeApiError(
		context.getNode(),
		{ status: failure.status, body: failure.body } as unknown as JsonObject,
		{
			message: `${message} [${status}${tried}]`,
			description,
			httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			itemIndex,
		},
	);
}
