/**
 * Drives a real, pinned n8n (installed by ./install.mts) with our package installed the way n8n
 * installs community packages, for `npm run test:n8n` (test/n8n) and `npm run n8n` (./start.mts).
 *
 *   const n8n = await prepareN8n({ credentials: sandboxes.credentials() });   // fresh user folder
 *   const [wf] = await n8n.importWorkflows(['workflows/x.json']);
 *   const run = await n8n.execute(wf.id);                                    // `n8n execute --rawOutput`
 *   const server = await n8n.start({ publish: [webhookWf.id] });              // `n8n start`
 *   await fetch(server.webhookUrl('my-path'), { method: 'POST', body: ... });
 *   await server.stop(); await n8n.dispose();
 *
 * Every n8n CLI call is an async child process: the sandboxes run in the caller's event loop, so a
 * synchronous spawn would deadlock them. n8n runs in its own process group, which stop()/dispose()
 * and an exit hook kill, so no n8n (or task runner) is left behind.
 *
 * This module only re-exports; the parts live in:
 *   ./instance.mts     RealN8n and prepareN8n: one user folder, its CLI calls and servers
 *   ./package.mts      npm pack of dist/ and its install into the community nodes folder
 *   ./environment.mts  the environment n8n runs with (user folder, key, offline, owner)
 *   ./cli.mts          import:credentials, import:workflow, publish:workflow, execute
 *   ./runData.mts      the run data `n8n execute --rawOutput` prints, parsed per node
 *   ./server.mts       `n8n start`, waiting for webhooks, stop
 *   ./processes.mts    n8n child processes in their own process groups, killed on exit; free ports
 *   ./webhooks.mts     where a workflow's webhooks are served, read from its JSON
 *   ./runner.mts       install-then-vitest steps shared by test.mts and testQueue.mts
 * Queue mode (`npm run test:queue`, ./testQueue.mts):
 *   ./services.mts     Redis and PostgreSQL from Debian's packages, per test run
 *   ./queue.mts        a main, workers, the owner's REST calls, executions read from PostgreSQL
 */
export {
	CARTONCLOUD_WEBHOOK_SECRET,
	type CredentialNames,
	type CredentialStore,
	credentialNames,
	type ImportedWorkflow,
	N8nCliError,
	type WorkflowJson,
	type WorkflowNode,
	workflowIdFor,
	withCartonCloudSecret,
} from './cli.mts';
export { n8nEnv, OWNER, TEST_ENCRYPTION_KEY } from './environment.mts';
export { prepareN8n, type PrepareOptions, RealN8n } from './instance.mts';
export { installPackage, packPackage } from './package.mts';
export { type CliResult, freePort } from './processes.mts';
export {
	type ExecuteResult,
	type ExecutionItem,
	type NodeRunData,
	parseRunOutput,
	toExecuteResult,
} from './runData.mts';
export { type RunningN8n, type WebhookRef } from './server.mts';
