/**
 * The report as an e-mail: a subject that says at a glance whether the systems agree, and a plain
 * HTML body (inline styles only, as mail clients strip style sheets) with the counts and, per
 * kind, the exceptions with what to do. Pure, like the comparison.
 */
import type { ReconcileResult } from './compare';
import { EXCEPTION_KINDS, EXCEPTION_TITLES } from './exceptions';
import { localDay, localTime } from './localTime';

/** Rows per kind in the e-mail; the items carry every exception. */
export const MAX_ROWS_PER_KIND = 100;

export interface SummaryContext {
	windowStart: Date;
	now: Date;
	stuckAfterHours: number;
	pushStatuses: string[];
	/** The workflow's time zone: every time in the e-mail is given in it. */
	timeZone: string;
}

export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);
}

export function summarySubject(result: ReconcileResult, context: SummaryContext): string {
	const day = localDay(context.now, context.timeZone);
	if (result.counts.total === 0)
		return `CartonCloud–Starshipit reconciliation ${day}: no exceptions`;
	const parts = EXCEPTION_KINDS.filter((k) => result.counts[k] > 0).map(
		(k) => `${result.counts[k]} ${k.replace(/_/g, ' ')}`,
	);
	return `CartonCloud–Starshipit reconciliation ${day}: ${result.counts.total} exception${result.counts.total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

const CELL = 'style="border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top"';

export function summaryHtml(result: ReconcileResult, context: SummaryContext): string {
	const out: string[] = [];
	out.push('<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px">');
	out.push('<h2 style="margin:0 0 8px">CartonCloud–Starshipit reconciliation</h2>');
	out.push(
		`<p>Window: ${escapeHtml(localTime(context.windowStart, context.timeZone))} to ${escapeHtml(localTime(context.now, context.timeZone))}. ` +
			`Checked ${result.checked.sale_orders_at_push_status} sale orders at ${escapeHtml(context.pushStatuses.join(' or '))}, ` +
			`${result.checked.starshipit_orders} Starshipit orders (${result.checked.shipped_orders} shipped). ` +
			`Stuck means unshipped for ${context.stuckAfterHours} hours or more.</p>`,
	);
	out.push('<table style="border-collapse:collapse;margin-bottom:12px">');
	for (const kind of EXCEPTION_KINDS)
		out.push(
			`<tr><th ${CELL}>${escapeHtml(EXCEPTION_TITLES[kind])}</th><td ${CELL}>${result.counts[kind]}</td></tr>`,
		);
	out.push(`<tr><th ${CELL}>Total</th><td ${CELL}><b>${result.counts.total}</b></td></tr></table>`);
	if (result.counts.total === 0) out.push('<p>Both systems agree: nothing to do.</p>');
	for (const kind of EXCEPTION_KINDS) {
		const rows = result.exceptions.filter((e) => e.kind === kind);
		if (rows.length === 0) continue;
		out.push(
			`<h3 style="margin:12px 0 4px">${escapeHtml(EXCEPTION_TITLES[kind])} (${rows.length})</h3>`,
		);
		// The reason the last run recorded, when the report was given the runs' open problems.
		const reasons = rows.some((e) => e.last_reason);
		const reasonHead = reasons ? `<th ${CELL}>Reason the last run recorded</th>` : '';
		out.push(
			`<table style="border-collapse:collapse"><tr><th ${CELL}>Order</th><th ${CELL}>Customer</th>${reasonHead}<th ${CELL}>What to do</th></tr>`,
		);
		for (const e of rows.slice(0, MAX_ROWS_PER_KIND)) {
			const reason = reasons ? `<td ${CELL}>${escapeHtml(e.last_reason ?? '')}</td>` : '';
			out.push(
				`<tr><td ${CELL}>${escapeHtml(e.order_number || e.sale_order_id)}</td><td ${CELL}>${escapeHtml(e.customer ?? '')}</td>${reason}<td ${CELL}>${escapeHtml(e.action)}</td></tr>`,
			);
		}
		out.push('</table>');
		if (rows.length > MAX_ROWS_PER_KIND)
			out.push(
				`<p>… and ${rows.length - MAX_ROWS_PER_KIND} more: see the execution's output items.</p>`,
			);
	}
	out.push('</div>');
	return out.join('\n');
}
