/**
 * What the runs recorded: the problems the bundled alerts keep open (one row per order, kind and
 * account in the alerts' data table, docs/alerts.md), handed to the report as its input items.
 * Each exception the report finds about such an order then carries the reason the last run
 * recorded, and its action follows from that reason instead of sending the reader to the run.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ExceptionKind, ReconcileException } from './exceptions';

export type RecordedKind = 'push' | 'tracking';

export interface RecordedProblem {
	kind: RecordedKind;
	order_number: string;
	/** `failed`, or `unknown` (the push could not confirm the order). */
	status: string;
	reason: string;
	/** When the last run recorded it (the row's updatedAt), as given. */
	recorded_at?: string;
	/** The workflow that recorded it, and its execution. */
	workflow?: string;
	execution_url?: string;
}

/** The exception kind a recorded problem explains. */
const EXPLAINS: Record<RecordedKind, ExceptionKind> = {
	push: 'not_in_starshipit',
	tracking: 'tracking_not_on_consignment',
};

/** The recorded kind that explains an exception kind (EXPLAINS read backwards). */
const EXPLAINED_BY = new Map<ExceptionKind, RecordedKind>(
	(Object.keys(EXPLAINS) as RecordedKind[]).map((k) => [EXPLAINS[k], k]),
);

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (value instanceof Date) return value.toISOString();
	return undefined;
}

/** The rows that are recorded problems; anything else (an empty item, another table's row) is left out. */
export function recordedProblemsOf(rows: IDataObject[]): RecordedProblem[] {
	const problems: RecordedProblem[] = [];
	for (const row of rows) {
		const kind = row.kind;
		const orderNumber = text(row.order_number);
		const reason = text(row.reason);
		if ((kind !== 'push' && kind !== 'tracking') || !orderNumber || !reason) continue;
		problems.push({
			kind,
			order_number: orderNumber,
			status: text(row.status) ?? 'failed',
			reason,
			recorded_at: text(row.updatedAt) ?? text(row.createdAt),
			workflow: text(row.workflow),
			execution_url: text(row.execution_url),
		});
	}
	return problems;
}

/** Order numbers with a recorded problem of a kind (the latest per order when several accounts recorded one). */
export function recordedByOrder(
	problems: RecordedProblem[],
	kind: RecordedKind,
): Map<string, RecordedProblem> {
	const byOrder = new Map<string, RecordedProblem>();
	for (const p of problems) {
		if (p.kind !== kind) continue;
		const seen = byOrder.get(p.order_number);
		if (!seen || (p.recorded_at ?? '') > (seen.recorded_at ?? '')) byOrder.set(p.order_number, p);
	}
	return byOrder;
}

/** `recordedByOrder` for each kind, built once for the report. */
export type RecordedByKind = Record<RecordedKind, Map<string, RecordedProblem>>;

export function recordedByKind(problems: RecordedProblem[]): RecordedByKind {
	return {
		push: recordedByOrder(problems, 'push'),
		tracking: recordedByOrder(problems, 'tracking'),
	};
}

/** The one action for an exception whose order has a recorded problem. */
function actionFor(e: ReconcileException, p: RecordedProblem): string {
	if (p.kind === 'push' && p.status === 'unknown') {
		return `Look in Starshipit for order ${e.order_number} before sending it again: the last push could not confirm whether it was created.`;
	}
	if (p.kind === 'push')
		return `Correct sale order ${e.order_number} as the reason says; the next push then creates it in Starshipit.`;
	return `Correct what the reason names; the next tracking write-back then puts tracking number ${e.tracking_number} on the consignment of order ${e.order_number}.`;
}

/** Without a recorded problem, the push has not met the order (or met it fine since). */
function unreportedPushAction(e: ReconcileException): string {
	return `No push run has reported sale order ${e.order_number} (${e.sale_order_status}): check that the order push is published and picks up ${e.sale_order_status}, then run it.`;
}

/** Gives each exception the reason its order last failed with and the action that follows, in place. */
export function annotate(exceptions: ReconcileException[], byKind: RecordedByKind): void {
	for (const e of exceptions) {
		const kind = EXPLAINED_BY.get(e.kind);
		if (!kind || !e.order_number) continue;
		const problem = byKind[kind].get(e.order_number);
		if (!problem) {
			if (kind === 'push') e.action = unreportedPushAction(e);
			continue;
		}
		e.last_reason = problem.reason;
		e.last_status = problem.status;
		if (problem.recorded_at) e.last_recorded_at = problem.recorded_at;
		if (problem.execution_url) e.last_execution_url = problem.execution_url;
		e.action = actionFor(e, problem);
	}
}
