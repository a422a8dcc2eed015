import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import type { StarshipitSandbox } from '../../sandbox/starshipit/index.mts';
import { harnessFor, outputOf, runNode, startSandbox } from '../fixtures.mts';
import { reasonOf } from '../../harness/outcome.mts';

let sandbox: StarshipitSandbox;
let harness: Harness;

beforeAll(async () => {
	sandbox = await startSandbox();
	harness = harnessFor(sandbox);
});
afterAll(async () => sandbox.close());

const shipment = {
	destination: { address: { street: '1 Queen St', suburb: 'Melbourne', state: 'VIC', post_code: '3000', country: 'Australia' } },
	packages: { package: [{ weight: 2.5, length: 0.3, width: 0.2, height: 0.15 }] },
};

describe('Rate and Address', () => {
	it('Get Quotes sends an ISO-2 country code and returns one item per rate', async () => {
		const out = outputOf(await runNode(harness, { resource: 'rate', operation: 'getQuotes', ...shipment, currency: 'aud' }));
		expect(out.length).toBeGreaterThanOrEqual(2);
		expect(out[0].json).toHaveProperty('service_code');
		expect(typeof out[0].json.total_price).toBe('number');
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Get Delivery Services lists services with prices', async () => {
		const out = outputOf(await runNode(harness, { resource: 'rate', operation: 'getDeliveryServices', ...shipment, includePricing: true }));
		expect(out.map((o) => o.json.service_code)).toContain('PLAIN');
		expect(out[0].json).toHaveProperty('total_price');
	});

	it('rate input errors name the field (unknown country, no package)', async () => {
		const out = outputOf(
			await runNode(
				harness,
				{ resource: 'rate', operation: 'getQuotes', destination: { address: { post_code: '3000', country: 'Narnia' } }, packages: {} },
				[{}],
				{ continueOnFail: true },
			),
		);
		expect(reasonOf(out[0])).toMatch(/destination\.country: unknown country "Narnia"/);
	});

	it('Address Validate answers valid and suggests a fix for a wrong post code', async () => {
		const [good] = outputOf(await runNode(harness, { resource: 'address', operation: 'validate', street: '1 George St', suburb: 'Sydney', state: 'NSW', postCode: '2000', country: 'AU' }));
		expect(good.json).toMatchObject({ valid: true, address: { country: 'Australia' } });
		const [bad] = outputOf(await runNode(harness, { resource: 'address', operation: 'validate', street: '1 George St', suburb: 'Sydney', state: 'NSW', postCode: '2999', country: 'Australia' }));
		expect(bad.json.valid).toBe(false);
		expect(bad.json.suggestions).toEqual([expect.objectContaining({ post_code: '2000' })]);
	});
});
