/**
 * Starshipit's dialect for the shared retry policy (nodes/shared/transport/request.ts): how its
 * errors read (the application's `{success, errors[]}` and the API gateway's
 * `{statusCode, message}`), which of them mean a rejected key, and what counts as a rate limit.
 * Pure reading of replies, apart from the calls themselves (index.ts).
 */
import type { IDataObject } from 'n8n-workflow';
import type { ApiDialect, HttpFailure } from '../../shared/transport/request';
import { CREDENTIAL_TYPE } from './settings';

interface AppError {
	message?: unknown;
	details?: unknown;
}

/** `errors[]` of the application envelope as "message: details" lines. */
export function appErrors(body: unknown): string[] {
	const errors = (body as { errors?: unknown } | undefined)?.errors;
	if (!Array.isArray(errors)) return [];
	return errors.map((e: AppError) => {
		const message = typeof e?.message === 'string' ? e.message : '';
		const details = typeof e?.details === 'string' ? e.details : '';
		return message && details && message !== details
			? `${message}: ${details}`
			: message || details || 'Unknown error';
	});
}

/** The body of a Starshipit error thrown by the transport (a 4xx with `{success:false, errors}`). */
export function errorBody(error: unknown): IDataObject | undefined {
	const body = (error as { errorResponse?: { body?: unknown } }).errorResponse?.body;
	return typeof body === 'object' && body !== null && Array.isArray((body as IDataObject).errors)
		? (body as IDataObject)
		: undefined;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Does an error line name this order number or id as a whole token (so SO-1 is not SO-10, 12 is
 * not 123)?
 */
export function mentions(line: string, name: string): boolean {
	return new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(name)}($|[^A-Za-z0-9_-])`).test(line);
}

/** Reads both envelopes: the application's `{success, errors[]}` and the gateway's `{statusCode, message}`. */
export function describeStarshipitError(failure: HttpFailure): {
	message: string;
	description?: string;
} {
	const body = (failure.body ?? {}) as { message?: unknown; statusCode?: unknown };
	const lines = appErrors(failure.body);
	const gatewayMessage = typeof body.message === 'string' ? body.message : undefined;
	const status =
		failure.status ?? (typeof body.statusCode === 'number' ? body.statusCode : undefined);
	if (status === 401 && /subscription key/i.test(gatewayMessage ?? '')) {
		return {
			message: `Starshipit rejected the subscription key: ${gatewayMessage}`,
			description:
				'Check the Subscription Key (Ocp-Apim-Subscription-Key) in the Starshipit credential.',
		};
	}
	if (status === 403 && lines.length === 0) {
		return {
			message: `Starshipit rejected the API key${gatewayMessage ? `: ${gatewayMessage}` : ''}`,
			description:
				'Check the API Key (StarShipIT-Api-Key) in the Starshipit credential; each child account has its own.',
		};
	}
	if (lines.length)
		return {
			message: `Starshipit: ${lines[0]}`,
			description: lines.length > 1 ? lines.join('\n') : undefined,
		};
	if (gatewayMessage) return { message: `Starshipit: ${gatewayMessage}` };
	if (failure.code) return { message: `Starshipit could not be reached (${failure.code})` };
	return { message: `Starshipit request failed${status ? ` with HTTP ${status}` : ''}` };
}

export const starshipitDialect: ApiDialect = {
	credentialType: CREDENTIAL_TYPE,
	describeError: describeStarshipitError,
	// APIM may also say so in the body (reference §2; ODOO/NET check body.statusCode === 429).
	isRateLimited: (failure) =>
		(failure.body as { statusCode?: unknown } | undefined)?.statusCode === 429,
};
