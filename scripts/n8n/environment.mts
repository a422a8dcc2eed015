/**
 * The environment every n8n process runs with: its own user folder, a fixed encryption key,
 * offline and quiet, and optionally a ready-made instance owner to log into the editor.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { n8nHome } from './paths.mts';

// n8n's bcryptjs is CommonJS: load it as n8n does, through require.
const require = createRequire(import.meta.url);

/** A fixed test key: credentials are imported encrypted with it. */
export const TEST_ENCRYPTION_KEY = 'n8n-nodes-cartoncloud-starshipit-test-encryption-key';

export const OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-Owner-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
} as const;

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, computed with n8n's own bcryptjs. */
function ownerPasswordHash(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const bcrypt = require(join(n8nHome(), 'node_modules', 'bcryptjs')) as {
		hashSync(s: string, rounds: number): string;
	};
	return bcrypt.hashSync(OWNER.password, 10);
}

/** Environment for every n8n process: isolated user folder, fixed key, offline and quiet. */
export function n8nEnv(
	userFolder: string,
	extra: Record<string, string> = {},
	owner = false,
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	// Keep PATH/HOME/locale etc. but none of the caller's N8N_* / DB_* settings.
	for (const [k, v] of Object.entries(process.env))
		if (
			!/^(N8N_|DB_|EXECUTIONS_|WEBHOOK_URL|QUEUE_|GENERIC_TIMEZONE|NODE_OPTIONS|VITEST|TSX)/.test(k)
		)
			env[k] = v;
	Object.assign(env, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		// Offline and quiet: no telemetry, version checks, templates, banners, license renewals.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// Community packages come from .n8n/nodes; never reinstall or fetch them.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Network: the MCP server registry module fetches https://api.n8n.io at start.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: process.env.N8N_TEST_LOG_LEVEL ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		NODE_ENV: 'production',
	});
	if (owner) {
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(),
		});
	}
	Object.assign(env, extra);
	return env;
}
