/**
 * n8n-workflow and n8n-core loaded as n8n itself loads them, through CommonJS require: the same
 * module instances the built nodes in dist/ get, so classes, `instanceof` checks and n8n-core's
 * service container agree. (An ESM `import` of n8n-workflow would load its separate ESM build.)
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const n8nWorkflow = require('n8n-workflow') as typeof import('n8n-workflow');
export const n8nCore = require('n8n-core') as typeof import('n8n-core');

// test/setup.mts stops n8n-core's background timer only in files that loaded it.
(globalThis as { n8nHarnessLoaded?: boolean }).n8nHarnessLoaded = true;
