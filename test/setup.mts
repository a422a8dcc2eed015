// A test file that ran workflows loaded n8n-core, which starts a background timer that would keep
// the worker alive: stop it once the file is done. A file that never loaded the harness (the pure
// unit tests of the fast tier) does not load n8n-core just to stop it.
import { afterAll } from 'vitest';

afterAll(async () => {
	if (!(globalThis as { n8nHarnessLoaded?: boolean }).n8nHarnessLoaded) return;
	const { shutdownEngine } = await import('./harness/index.mts');
	await shutdownEngine();
});
