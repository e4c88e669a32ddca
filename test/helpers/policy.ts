import type * as Policy from '../../nodes/AssemblyAiHighlights/transport/policy';

type PolicyModule = typeof Policy;

/**
 * The transport's policy module (retries, time limits, data only) with some values changed, for a
 * test file's `jest.mock(<policy module>, () => require('../helpers/policy').policyWith({...}))`: the
 * code under test runs unchanged. Only test/node/faults.test.ts uses it, to allow more attempts than
 * the shipped six at its fault rates; every other test runs with the shipped values.
 */
export function policyWith(changes: Partial<Omit<PolicyModule, 'RETRY_POLICY'>> & { RETRY_POLICY?: Partial<PolicyModule['RETRY_POLICY']> }): PolicyModule {
	const actual = jest.requireActual('../../nodes/AssemblyAiHighlights/transport/policy') as PolicyModule;
	return { ...actual, ...changes, RETRY_POLICY: { ...actual.RETRY_POLICY, ...changes.RETRY_POLICY } };
}
