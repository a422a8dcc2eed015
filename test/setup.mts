// Every test file may run workflows; n8n-core starts a background timer that would keep the
// worker alive, so stop it once the file is done.
import { afterAll } from 'vitest';
import { shutdownEngine } from './harness/index.mts';

afterAll(shutdownEngine);
