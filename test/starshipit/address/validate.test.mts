/** Address > Validate: a valid address, and a fix suggested for a wrong post code. */
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../harness/index.mts';
import { outputOf, runNode, useSandbox } from '../fixtures.mts';

let harness: Harness;
useSandbox((_started, startedHarness) => (harness = startedHarness));

describe('Rate and Address', () => {
	it('Address Validate answers valid and suggests a fix for a wrong post code', async () => {
		const [good] = outputOf(
			await runNode(harness, {
				resource: 'address',
				operation: 'validate',
				street: '1 George St',
				suburb: 'Sydney',
				state: 'NSW',
				postCode: '2000',
				country: 'AU',
			}),
		);
		expect(good.json).toMatchObject({ valid: true, address: { country: 'Australia' } });
		const [bad] = outputOf(
			await runNode(harness, {
				resource: 'address',
				operation: 'validate',
				street: '1 George St',
				suburb: 'Sydney',
				state: 'NSW',
				postCode: '2999',
				country: 'Australia',
			}),
		);
		expect(bad.json.valid).toBe(false);
		expect(bad.json.suggestions).toEqual([expect.objectContaining({ post_code: '2000' })]);
	});
});
