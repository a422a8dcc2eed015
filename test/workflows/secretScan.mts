/**
 * Finds secrets in workflow JSON (node parameters and credential references), for the check over
 * the bundled workflows (./noSecrets.test.mts) and over a real n8n's export (test/n8n).
 */

/** Parameter names that hold secrets (n8n's own credential fields and ours). */
export const SECRET_NAME = /secret|password|passwd|passphrase|token|api[-_]?key|subscription[-_]?key|private[-_]?key|signature|authorization|bearer/i;

/**
 * Values that look like a key whatever the parameter's name: a run of 32+ hex digits (openssl rand
 * -hex, HMAC digests), a bearer/basic token, or 32+ characters of base64/base64url mixing letters
 * and digits with no spaces.
 */
export function looksLikeKey(value: string): boolean {
	if (/[0-9a-f]{32,}/i.test(value)) return true;
	if (/\b(Bearer|Basic)\s+[A-Za-z0-9+/=._-]{16,}/.test(value)) return true;
	return (value.match(/[A-Za-z0-9+/_-]{32,}={0,2}/g) ?? []).some((run) => /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run));
}

interface Finding {
	file: string;
	node: string;
	path: string;
	problem: string;
}

/** Every problem in one workflow's nodes (parameters and credential references). */
export function secretFindings(file: string, json: { nodes: { name: string; type: string; parameters?: unknown; credentials?: unknown }[] }): Finding[] {
	const findings: Finding[] = [];
	const walk = (node: string, value: unknown, at: string, key: string): void => {
		if (typeof value === 'string') {
			if (SECRET_NAME.test(key) && value !== '') findings.push({ file, node, path: at, problem: 'a secret-named parameter holds a value' });
			else if (looksLikeKey(value)) findings.push({ file, node, path: at, problem: 'the value looks like a key' });
		} else if (Array.isArray(value)) {
			value.forEach((v, i) => walk(node, v, `${at}[${i}]`, key));
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) walk(node, v, `${at}.${k}`, k);
		} else if (value !== undefined && value !== null && SECRET_NAME.test(key) && typeof value !== 'boolean') {
			findings.push({ file, node, path: at, problem: 'a secret-named parameter holds a value' });
		}
	};
	for (const node of json.nodes) {
		walk(node.name, node.parameters ?? {}, 'parameters', '');
		for (const [type, reference] of Object.entries((node.credentials ?? {}) as Record<string, unknown>)) {
			const keys = Object.keys((reference ?? {}) as object).sort();
			if (keys.join(',') !== 'id,name') findings.push({ file, node: node.name, path: `credentials.${type}`, problem: `a credential reference holds ${keys.join(', ')} (only id and name belong there)` });
		}
	}
	return findings;
}
