/**
 * Webhook signature check. Starshipit sends `X-Starshipit-Signature` when a secret key is set.
 * The one public implementation of a receiver (GorgonFreeman/bedrock, starshipit/starshipit.utils.js,
 * `verifyStarshipitWebhookRequest`) compares it with the lowercase hex HMAC-SHA256 of the raw
 * request body keyed with the secret: that is the documented scheme here. Base64 of the same HMAC
 * and a `sha256=` prefix are still accepted, as earlier versions of this package assumed them.
 * This is the one function to change if Starshipit's scheme turns out to differ.
 */
import { createHmac, timingSafeEqual } from 'crypto';

function expectedSignature(rawBody: Buffer, secret: string): Buffer {
	return createHmac('sha256', secret).update(rawBody).digest();
}

export function verifySignature(
	rawBody: Buffer,
	header: string | string[] | undefined,
	secret: string,
): boolean {
	const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^sha256=/i, '');
	if (!value) return false;
	const expected = expectedSignature(rawBody, secret);
	const candidates: Buffer[] = [];
	if (/^[0-9a-f]{64}$/i.test(value)) candidates.push(Buffer.from(value, 'hex'));
	if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value))
		candidates.push(Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
	// timingSafeEqual needs equal lengths; comparing lengths leaks nothing about the secret.
	let ok = false;
	for (const candidate of candidates)
		if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) ok = true;
	return ok;
}
