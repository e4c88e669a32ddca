import type * as Policy from '../../nodes/AssemblyAiHighlights/transport/policy';

type PolicyModule = typeof Policy;

/**
 * The transport's policy module (retries, time limits) with some values changed, for a test file's
 * `jest.mock(POLICY_MODULE, () => require('../helpers/policy').policyWith({...}))`: the code under
 * test runs unchanged, only sooner. jest.mock paths are relative to the test file, hence the constant.
 */
export function policyWith(changes: Partial<Omit<PolicyModule, 'RETRY_POLICY'>> & { RETRY_POLICY?: Partial<PolicyModule['RETRY_POLICY']> }): PolicyModule {
	const actual = jest.requireActual('../../nodes/AssemblyAiHighlights/transport/policy') as PolicyModule;
	return { ...actual, ...changes, RETRY_POLICY: { ...actual.RETRY_POLICY, ...changes.RETRY_POLICY } };
}
