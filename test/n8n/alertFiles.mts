/**
 * Bundled workflows proven by test/n8n/alerts.n8n.mts rather than by a row in ./cases.mts: the
 * error workflow and the alert workflow have no trigger a run can start at (n8n starts the one
 * when another run fails, the pushes and write-backs call the other).
 */
export const PROVEN_BY_ALERTS_SUITE = [
	'workflows/error-alerts.json',
	'workflows/order-alerts.json',
];

/**
 * The step a push or write-back ends in when any order failed: it fails the run on purpose, so the
 * Executions list shows it (the alert workflow has e-mailed what was new; the error workflow does
 * not mail it again).
 */
export const RUN_FAILED_NODE = 'Mark run failed (orders need attention)';

/** The first node of the order pushes' error branch: the failed item laid out for people. */
export const FAILED_ORDERS_NODE = 'Failed orders (see reason)';

/** The same for the tracking write-backs. */
export const TRACKING_NOT_WRITTEN_NODE = 'Tracking not written (see reason)';

/** The workflow every push and write-back hands its outcomes to: each problem e-mailed once. */
export const ORDER_ALERTS_FILE = 'workflows/order-alerts.json';
