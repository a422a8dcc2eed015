/**
 * Authentication and the checks that run before every API route (reference §1):
 * `Accept-Version: 1` on every call (the token call included, pitfall 1), then a bearer token
 * from the client-credentials token endpoint, then the tenant in the path.
 */
import { randomBytes } from 'node:crypto';
import { HttpError, type SandboxRequest } from '../core/server.mts';
import type { CartonCloudSandbox } from './index.mts';
import { fail } from './util.mts';

export const TOKEN_ENDPOINT = 'POST /uaa/oauth/token';

export interface IssuedToken {
	clientId: string;
	expiresAt: number;
}

function header(req: SandboxRequest, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The OAuth error shape of the token endpoint. */
function oauthError(
	status: number,
	error: string,
	description: string,
	headers: Record<string, string> = {},
): never {
	// UNCONFIRMED: the token endpoint's error body is undocumented; we answer the Spring/UAA OAuth
	// shape {error, error_description} (not the API's error array), as the endpoint lives under /uaa.
	throw new HttpError(status, { error, error_description: description }, headers);
}

export function registerAuth(sb: CartonCloudSandbox): void {
	const server = sb.server;

	server.gate((req) => {
		const version = header(req, 'accept-version');
		if (version === undefined || version.trim() === '')
			fail(400, 'Missing required header: Accept-Version');
		// The docs list 404/400 and, in the status table, 406 for an invalid version; we use 406.
		// Warehouse products also document versions 7 (countryOfOrigin, HS code) and 8 (PATCH; the
		// Create example sends `Accept-Version: 8`).
		const allowed = req.path.includes('/warehouse-products') ? ['1', '7', '8'] : ['1'];
		if (!allowed.includes(version.trim())) fail(406, `Unsupported Accept-Version: ${version}`);
		return undefined;
	});

	server.gate((req) => {
		if (req.endpoint === TOKEN_ENDPOINT) return undefined;
		const auth = header(req, 'authorization') ?? '';
		// The auth scheme is case-insensitive (RFC 7235), so `bearer` as echoed from token_type works.
		const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
		const challenge = { 'WWW-Authenticate': 'Bearer realm="CartonCloud"' };
		if (!m) fail(401, 'Full authentication is required to access this resource', challenge);
		const token = sb.tokens.get(m[1]);
		if (!token) fail(401, 'Invalid access token', challenge);
		if (token.expiresAt <= sb.now().getTime()) fail(401, 'Access token expired', challenge);
		return undefined;
	});

	server.gate((req) => {
		const tenantId = req.params.tenantId;
		// UNCONFIRMED: an unknown or foreign tenant answers 403 ("No permission" in the status
		// table) rather than 404: the path is valid, the caller is not allowed into that tenant.
		if (tenantId !== undefined && tenantId !== sb.tenantId)
			fail(403, `Access denied to tenant ${tenantId}`);
		return undefined;
	});

	server.route('POST', '/uaa/oauth/token', (req) => {
		const auth = header(req, 'authorization') ?? '';
		const m = /^Basic\s+(\S+)\s*$/i.exec(auth);
		const challenge = { 'WWW-Authenticate': 'Basic realm="oauth2/client"' };
		// UNCONFIRMED: only HTTP Basic is documented; client_id/client_secret in the form body are
		// not accepted (strict).
		if (!m)
			oauthError(
				401,
				'unauthorized',
				'Full authentication is required to access this resource',
				challenge,
			);
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const clientId = colon < 0 ? decoded : decoded.slice(0, colon);
		const secret = colon < 0 ? '' : decoded.slice(colon + 1);
		const client = sb.clients.find((c) => c.clientId === clientId && c.clientSecret === secret);
		if (!client) oauthError(401, 'unauthorized', 'Bad credentials', challenge);

		const grantType = req.form().get('grant_type');
		if (!grantType) oauthError(400, 'invalid_request', 'Missing grant type');
		if (grantType !== 'client_credentials')
			oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);

		const accessToken = randomBytes(24).toString('base64url');
		const lifetime = sb.config.tokenLifetimeSeconds;
		sb.tokens.set(accessToken, { clientId, expiresAt: sb.now().getTime() + lifetime * 1000 });
		return {
			status: 200,
			headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
			// No refresh token and no scope are documented, so none are returned.
			body: { access_token: accessToken, token_type: 'bearer', expires_in: lifetime },
		};
	});

	server.route('GET', '/uaa/userinfo', () => ({
		status: 200,
		// `tenants[].slug` is read by one third-party app but undocumented; left out (strict).
		body: {
			id: sb.userId,
			name: 'Sandbox API Client',
			email: 'api-client@sandbox3pl.example',
			tenants: [{ id: sb.tenantId, name: sb.world.tenant.name }],
		},
	}));
}

/** The client id behind the request's bearer token (the gate has already checked it). */
export function clientOf(sb: CartonCloudSandbox, req: SandboxRequest): string {
	const m = /^Bearer\s+(\S+)/i.exec(header(req, 'authorization') ?? '');
	return (m && sb.tokens.get(m[1])?.clientId) || 'unknown';
}
