/**
 * Consignment > Update: tracking number, carrier, URL and status set while every other field is
 * kept, no write when nothing changes, a 412 from a concurrent writer resolved by re-reading, and
 * nothing to update named as an error.
 */
import { describe, expect, it } from 'vitest';
import type { Consignment } from '../../sandbox/cartoncloud/index.mts';
import {
	assertNoSecrets,
	chain,
	type Env,
	generatedConsignment,
	json,
	useEnv,
} from '../fixtures.mts';

let env: Env;
useEnv((started) => (env = started));

const PUT = 'PUT /tenants/:tenantId/consignments/:id';
const generated = () => generatedConsignment(env.sb);

describe('Consignment', () => {
	it('Update sets tracking number, carrier, URL and status and keeps every other field', async () => {
		const { consignment } = generated();
		const before = structuredClone(env.sb.world.consignments.get(consignment.id)!);
		const run = await env.harness.run(
			chain({
				name: 'Update',
				parameters: {
					resource: 'consignment',
					operation: 'update',
					consignmentId: consignment.id,
					updateFields: {
						trackingNumber: 'AP123456',
						carrierName: 'Australia Post',
						trackingUrl: 'https://auspost.com.au/track/AP123456',
						status: 'IN_TRANSIT_WAREHOUSE_DELIVERY',
					},
				},
			}),
		);
		const [output] = json(run, 'Update');
		expect(output.unchanged).toBe(false);
		const after = env.sb.world.consignments.get(consignment.id)!;
		expect(after.references.tracking).toBe('AP123456');
		expect(after.details.tracking).toEqual({
			companyName: 'Australia Post',
			url: 'https://auspost.com.au/track/AP123456',
		});
		expect(after.status).toBe('IN_TRANSIT_WAREHOUSE_DELIVERY');
		expect(after.version).toBe(before.version + 1);
		// Nothing else changed.
		const strip = (c: Consignment) => {
			const copy: Partial<Consignment> = structuredClone(c);
			delete copy.version;
			delete copy.status;
			delete copy.details?.tracking;
			delete copy.references?.tracking;
			return copy;
		};
		expect(strip(after)).toEqual(strip(before));

		// Same values again: no write.
		env.sb.server.clearLog();
		const again = await env.harness.run(
			chain({
				name: 'Update',
				parameters: {
					resource: 'consignment',
					operation: 'update',
					consignmentId: consignment.id,
					updateFields: { trackingNumber: 'AP123456' },
				},
			}),
		);
		expect(json(again, 'Update')[0].unchanged).toBe(true);
		expect(env.sb.server.count(PUT)).toBe(0);
	});

	it('a 412 from a concurrent writer is resolved by re-reading, without losing either change', async () => {
		const { consignment } = generated();
		const id = consignment.id;
		// Another writer changes the consignment between our read and our PUT: the sandbox's own
		// version check answers 412, and the node must re-read and apply its change again.
		const map = env.sb.world.consignments;
		const originalGet = map.get.bind(map);
		let reads = 0;
		map.get = (key: string) => {
			const found = originalGet(key);
			if (key === id && found && ++reads === 2) {
				found.properties = { ...found.properties, deliveryZone: 'ZONE-7' };
				found.details.authorityToLeave = true;
				found.version += 1;
			}
			return found;
		};
		try {
			env.sb.server.clearLog();
			const run = await env.harness.run(
				chain({
					name: 'Update',
					parameters: {
						resource: 'consignment',
						operation: 'update',
						consignmentId: id,
						updateFields: { trackingNumber: 'TT-412', carrierName: 'Team Global Express' },
					},
				}),
			);
			expect(run.status).toBe('success');
		} finally {
			map.get = originalGet;
		}
		const puts = env.sb.server.log.filter((e) => e.endpoint === PUT).map((e) => e.status);
		expect(puts).toEqual([412, 200]);
		const after = env.sb.world.consignments.get(id)!;
		expect(after.references.tracking).toBe('TT-412');
		expect(after.details.tracking?.companyName).toBe('Team Global Express');
		expect(after.properties.deliveryZone).toBe('ZONE-7');
		expect(after.details.authorityToLeave).toBe(true);
		expect(after.items.length).toBe(consignment.items.length);
	});

	it('Update with nothing to change names the consignment and the field', async () => {
		const { consignment } = generated();
		const run = await env.harness.run(
			chain({
				name: 'Update',
				parameters: { resource: 'consignment', operation: 'update', consignmentId: consignment.id },
			}),
		);
		expect(run.status).toBe('error');
		expect(run.nodes.Update.error?.message).toContain(
			`Consignment ${consignment.id}: no field to update`,
		);
		assertNoSecrets(env.sb, run.nodes);
	});
});
