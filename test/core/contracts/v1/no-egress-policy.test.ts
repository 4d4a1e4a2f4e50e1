import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { defaultLowerBoundaryPolicy } from '../../../../src/core/contracts/v1/no-egress-policy-v1.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

describe('NoEgressPolicy.v1', () => {
  it('requires both negative evidence paths and denies every surface by default', () => {
    const policy = defaultLowerBoundaryPolicy();
    expect(policy).toMatchObject({
      policy_ref: 'no-egress-policy://execution-plane/lower/v1',
      owner_repo: 'execution_plane',
      mode: 'deny',
      enforcement_boundary: 'lower_runtime',
    });
    expect(policy.required_negative_evidence).toEqual([
      'attempted_raw_external_saas_write_path',
      'attempted_unregistered_provider_route',
    ]);
    expect(policy.denied_surfaces.external_egress).toBe('deny');
    expect(decodeContract(JSON.parse(encodeContract(policy)))).toEqual(policy);
  });

  it('deduplicates and sorts the negative evidence', () => {
    const decoded = decodeContract({
      ...contractFixtures.noEgressPolicy,
      required_negative_evidence: [
        'attempted_unregistered_provider_route',
        'attempted_raw_external_saas_write_path',
        'attempted_unregistered_provider_route',
      ],
    });
    expect(decoded).toMatchObject({
      required_negative_evidence: defaultLowerBoundaryPolicy().required_negative_evidence,
    });
  });

  it('rejects allow rules, missing negatives and semantic policy', () => {
    const base = contractFixtures.noEgressPolicy;
    expectInvalid(
      () =>
        decodeContract({ ...base, denied_surfaces: { ...base.denied_surfaces, external_egress: 'allow' } }),
      'denied_surfaces.external_egress must be deny',
    );
    expectInvalid(
      () =>
        decodeContract({ ...base, required_negative_evidence: ['attempted_unregistered_provider_route'] }),
      'required_negative_evidence must be ["attempted_raw_external_saas_write_path","attempted_unregistered_provider_route"], got: ["attempted_unregistered_provider_route"]',
    );
    expectInvalid(
      () => decodeContract({ ...base, budget_profile_ref: 'budget://phase6' }),
      'provider or model or budget semantics',
    );
    expectInvalid(() => decodeContract({ ...base, mode: 'allow' }), 'mode must be deny, got: "allow"');
    expectInvalid(
      () => decodeContract({ ...base, policy_ref: 'no-egress' }),
      'policy_ref must be an opaque handle ref',
    );
  });
});
