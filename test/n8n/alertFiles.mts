/**
 * Bundled workflows proven by test/n8n/alerts.n8n.mts rather than by a row in ./cases.mts: the
 * error workflow has no trigger `n8n execute` can start at (n8n starts it when another run fails).
 */
export const PROVEN_BY_ALERTS_SUITE = ['workflows/error-alerts.json'];

/** The step the failures digests end in: it fails the run on purpose once the e-mail is sent. */
export const DIGEST_STOP_NODE = 'Mark run failed (digest sent)';
