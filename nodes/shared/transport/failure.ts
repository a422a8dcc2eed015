/**
 * What went wrong with one attempt of a request, read from whatever n8n's HTTP helper threw: status,
 * headers and body only (never the request, which holds the credential), and whether the request
 * left at all. sendWithRetry (request.ts) decides from it whether and when to try again.
 */
import type { IDataObject } from 'n8n-workflow';

/** What went wrong with one attempt, read from whatever n8n's HTTP helper threw. */
export interface HttpFailure {
	/** HTTP status, or undefined when no response came back (reset, timeout, DNS). */
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	/** Network error code such as ECONNRESET, when there was no response. */
	code?: string;
	/**
	 * The request never left: the failure came before a connection was made (the credential or
	 * the database behind it could not be read, DNS failed, the connection was refused). Sending
	 * it again cannot make a second copy of anything.
	 */
	notSent?: boolean;
}

const BODY_LIMIT_BYTES = 1 << 20;

/** A streamed reply's error body, read (up to 1 MB) so the failure can quote the API's words. */
export async function withBodyRead(error: unknown): Promise<unknown> {
	for (const candidate of [
		error,
		(error as { cause?: unknown })?.cause,
		(error as { errorResponse?: unknown })?.errorResponse,
	]) {
		const response = (candidate as { response?: { data?: unknown } })?.response;
		const data = response?.data as NodeJS.ReadableStream | undefined;
		if (!data || typeof (data as { pipe?: unknown }).pipe !== 'function') continue;
		const chunks: Buffer[] = [];
		let size = 0;
		try {
			for await (const chunk of data as AsyncIterable<Buffer | string>) {
				const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				if (size < BODY_LIMIT_BYTES) chunks.push(bytes);
				size += bytes.length;
			}
		} catch {
			// What arrived is what there is to quote.
		}
		response!.data = Buffer.concat(chunks);
	}
	return error;
}

/**
 * n8n's helper throws a NodeApiError whose `cause` is the HTTP client's error (with `response`),
 * or the client's error itself when it fails before wrapping. Read only status, headers and body:
 * the client error also holds the request config, credentials included, which must never leak.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const candidates = [
		error,
		(error as { cause?: unknown })?.cause,
		(error as { errorResponse?: unknown })?.errorResponse,
	];
	for (const candidate of candidates) {
		const response = (
			candidate as { response?: { status?: number; headers?: IDataObject; data?: unknown } }
		)?.response;
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				headers: lowerCaseHeaders(response.headers ?? {}),
				body: parseBody(response.data),
			};
		}
	}
	const code = candidates
		.map((c) => (c as { code?: unknown })?.code)
		.find((c): c is string => typeof c === 'string');
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	const status = Number.isFinite(httpCode) && httpCode > 0 ? httpCode : undefined;
	// The HTTP client marks every error of a request it started; an error without that mark came
	// before it (n8n reads the credential, from its database, inside the request helper).
	const fromClient = candidates.some(
		(c) =>
			typeof c === 'object' &&
			c !== null &&
			('isAxiosError' in c || 'config' in c || 'request' in c),
	);
	const notSent =
		status === undefined && ((code !== undefined && NOT_SENT_CODES.has(code)) || !fromClient);
	return {
		status,
		headers: {},
		body: { message: (error as Error)?.message ?? String(error) },
		code,
		notSent,
	};
}

/** Connection failures that come before a request is written: it cannot have arrived. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function parseBody(data: unknown): unknown {
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (data instanceof ArrayBuffer) data = Buffer.from(data).toString('utf8');
	if (typeof data !== 'string') return data;
	try {
		return JSON.parse(data);
	} catch {
		return { message: data };
	}
}

export function lowerCaseHeaders(headers: IDataObject): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value !== undefined && value !== null)
			result[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}
