/**
 * Times as the people reading the report live them: in the workflow's time zone (n8n's
 * `getTimezone()`: the workflow setting, else the instance's GENERIC_TIMEZONE), to the minute in
 * the e-mail and to the second with the zone's offset in the items, never raw UTC with
 * milliseconds.
 */

function parts(date: Date, timeZone: string): Record<string, string> {
	const format = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZoneName: 'longOffset',
	});
	return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** A zone n8n was given, or UTC when Intl does not know it (a typo in the setting must not break the report). */
export function knownTimeZone(timeZone: string | undefined): string {
	if (!timeZone) return 'UTC';
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone });
		return timeZone;
	} catch {
		return 'UTC';
	}
}

/** `+11:00` for a date in a zone (`GMT+11:00` in Intl's words, `GMT` alone for UTC). */
function offsetOf(p: Record<string, string>): string {
	const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '');
	return offset === '' ? '+00:00' : offset;
}

/** `2026-11-30`: the day in the zone. */
export function localDay(date: Date, timeZone: string): string {
	const p = parts(date, timeZone);
	return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-11-30 23:00 (Australia/Sydney)`: for people. */
export function localTime(date: Date, timeZone: string): string {
	const p = parts(date, timeZone);
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (${timeZone})`;
}

/** `2026-11-30T23:00:00+11:00`: ISO 8601 in the zone, for items and expressions. */
export function localIso(date: Date, timeZone: string): string {
	const p = parts(date, timeZone);
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offsetOf(p)}`;
}
