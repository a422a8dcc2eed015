import fs from 'node:fs';
import { startWorld, credentialsAtTier, ROOT } from './measure.mts';
import { starshipitTierFields } from './tier.mts';
import { Harness, shutdownEngine } from '../test/harness/index.mts';
const world = await startWorld(3, 20);
const { fields } = starshipitTierFields();
const h = new Harness(credentialsAtTier(world.sandboxes, 20, fields));
const wf = JSON.parse(fs.readFileSync(ROOT + '/workflows/order-push-scheduled.json', 'utf8'));
const run = await h.run(wf);
const count = (v: unknown): number => (v && typeof v === 'object' ? 1 + Object.values(v).reduce((s: number, x) => s + count(x), 0) : 0);
for (const name of ['Sale orders ready to ship', 'Create Starshipit orders']) {
  const item = run.nodes[name].outputs[0][0];
  console.log(name, 'objects', count(item), 'json', JSON.stringify(item).length);
  console.log(JSON.stringify(item).slice(0, 3000));
}
await world.close(); await shutdownEngine();
