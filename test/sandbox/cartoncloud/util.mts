/**
 * Small helpers shared by the CartonCloud simulator: the documented error shapes, JSON parsing
 * that answers in those shapes, tenant-local timestamps and a seeded PRNG.
 */
import { HttpError, type SandboxRequest } from '../core/server.mts';

export type Json = Record<string, unknown>;

/** The general error form is a JSON array of `{message}` (reference §6). */
export function fail(status: number, message: string, headers: Record<string, string> = {}): never {
	throw new HttpError(status, [{ message }], headers);
}

export interface FieldError {
	field: string;
	message: string;
	type?: string;
	details?: Record<string, unknown>;
}

/** 422 carries `[{field: JSON pointer, message, type?, details?}]` (reference §6). */
export function invalid(errors: FieldError | FieldError[]): never {
	throw new HttpError(422, Array.isArray(errors) ? errors : [errors]);
}

export function notFound(what: string): never {
	fail(404, `${what} not found`);
}

/**
 * Parses a JSON body. The core's `req.json()` answers with a bare `{message}` object; CartonCloud
 * answers every error with an array, so we parse here.
 */
export function jsonBody(req: SandboxRequest): unknown {
	const text = req.rawBody.toString('utf8');
	if (!text.trim()) fail(400, 'Required request body is missing');
	try {
		return JSON.parse(text);
	} catch {
		fail(400, 'JSON parse error: request body is not valid JSON');
	}
}

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

export function clone<T>(value: T): T {
	return structuredClone(value);
}

/**
 * The simulated tenant sits in Brisbane (AEST, UTC+10, no daylight saving), so a fixed offset is
 * exact. CartonCloud timestamps carry the tenant's offset, e.g. `2025-07-07T10:06:24+10:00` (§3.2).
 */
export const TENANT_OFFSET_MINUTES = 600;

export function formatTime(date: Date, offsetMinutes = TENANT_OFFSET_MINUTES): string {
	const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${local}${sign}${hh}:${mm}`;
}

/** The tenant-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(date: Date): string {
	return formatTime(date).slice(0, 10);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isDateOnly(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = DATE_ONLY.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Epoch ms of an ISO-8601 date-time that carries an explicit offset or Z; otherwise undefined. */
export function parseDateTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || !DATE_TIME.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/** mulberry32: tiny, fast and deterministic, so the seed is identical on every run. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A version-4-shaped UUID drawn from the given PRNG (deterministic ids for seeded data). */
export function uuidFrom(rand: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
	hex[12] = '4';
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The `Prefer` header's tokens, e.g. `return=minimal` (RFC 7240; several may be comma-separated). */
export function preferences(req: SandboxRequest): Set<string> {
	const raw = req.headers['prefer'];
	const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
	return new Set(
		joined
			.split(',')
			.map((p) => p.trim().toLowerCase().replace(/\s+/g, ''))
			.filter(Boolean),
	);
}
