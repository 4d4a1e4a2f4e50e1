import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

const scenario = (overrides: Record<string, unknown> = {}) => ({
  ...contractFixtures.lowerSimulationScenario,
  ...overrides,
});
const policy = (overrides: Record<string, unknown> = {}) => ({
  ...contractFixtures.adapterSelectionPolicy,
  ...overrides,
});

describe('LowerSimulationScenario.v1', () => {
  it('round-trips with its enums enforced', () => {
    const decoded = decodeContract(scenario());
    expect(decoded).toMatchObject({
      contract_version: 'ExecutionPlane.LowerSimulationScenario.v1',
      owner_repo: 'execution_plane',
      protocol_surface: 'http',
      matcher_class: 'deterministic_over_input',
      bounded_evidence_projection: { contract_version: 'ExecutionPlane.LowerSimulationEvidence.v1' },
    });
    expect(decodeContract(JSON.parse(encodeContract(decoded)))).toEqual(decoded);
  });

  it.each([
    [{ owner_repo: 'jido_integration' }, 'owner_repo must be execution_plane'],
    [{ protocol_surface: 'provider' }, 'protocol_surface unsupported value'],
    [{ matcher_class: 'semantic_provider' }, 'matcher_class unsupported value'],
    [{ version: '1.0' }, 'version must be semantic version, got: "1.0"'],
  ])('rejects %o: %s', (overrides, message) => {
    expectInvalid(() => decodeContract(scenario(overrides)), message);
  });

  it('accepts a pre-release and build semver', () => {
    expect(decodeContract(scenario({ version: '2.1.0-rc.1+build.5' }))).toMatchObject({
      version: '2.1.0-rc.1+build.5',
    });
  });

  it('rejects semantic provider policy whatever its value', () => {
    expectInvalid(
      () => decodeContract(scenario({ provider_refs: ['openai'] })),
      'semantic provider policy',
      'Execution Plane',
    );
    expectInvalid(() => decodeContract(scenario({ budget_profile_ref: null })), 'semantic provider policy');
  });

  it('rejects egress, raw persistence and narrowing the outcome raw payload', () => {
    expectInvalid(
      () => decodeContract(scenario({ no_egress_assertion: { external_egress: 'allow' } })),
      'no_egress_assertion.external_egress must be deny',
    );
    expectInvalid(
      () => decodeContract(scenario({ no_egress_assertion: { external_egress: 'deny' } })),
      'no_egress_assertion.process_spawn must be deny',
    );
    expectInvalid(
      () =>
        decodeContract(
          scenario({
            bounded_evidence_projection: {
              contract_version: 'ExecutionPlane.LowerSimulationEvidence.v1',
              raw_payload_persistence: 'raw_body',
            },
          }),
        ),
      'bounded_evidence_projection.raw_payload_persistence',
    );
    expectInvalid(
      () =>
        decodeContract(
          scenario({
            bounded_evidence_projection: {
              contract_version: 'ExecutionPlane.LowerSimulationEvidence.v1',
              target_contract: 'ExecutionOutcome.v1.raw_payload',
              raw_payload_persistence: 'shape_only',
            },
          }),
        ),
      'ExecutionOutcome.v1.raw_payload must not be narrowed',
    );
  });
});

describe('AdapterSelectionPolicy.v1', () => {
  it('selects through owner registries', () => {
    const decoded = decodeContract(policy());
    expect(decoded).toMatchObject({ selection_surface: 'adapter_registry', owner_repo: 'execution_plane' });
    expect(decodeContract(JSON.parse(encodeContract(decoded)))).toEqual(decoded);
  });

  it.each([
    [{ simulation: 'service_mode' }, 'public simulation selector is forbidden'],
    [{ config_key: 'request.simulation' }, 'config_key must not be a public simulation selector'],
    [{ config_key: 'simulation' }, 'config_key must not be a public simulation selector'],
    [{ config_key: 'a.simulation_mode' }, 'config_key must not be a public simulation selector'],
    [{ selection_surface: 'request' }, 'selection_surface unsupported value'],
  ])('rejects the request-time selector %o', (overrides, message) => {
    expectInvalid(() => decodeContract(policy(overrides)), message);
  });
});

describe('ExecutionOutcome.v1 next to bounded evidence', () => {
  it('keeps the raw payload raw while evidence carries only its shape', () => {
    const outcome = decodeContract({
      ...contractFixtures.executionOutcome,
      raw_payload: { body: 'raw provider body kept in outcome', status_code: 200 },
    });
    expect(outcome).toMatchObject({ raw_payload: { body: 'raw provider body kept in outcome' } });
    const wire = JSON.parse(encodeContract(contractFixtures.lowerSimulationEvidence));
    expect(wire.raw_payload_shape).toEqual(['body', 'headers', 'status_code']);
    expect(wire.input_fingerprint).not.toHaveProperty('body');
  });
});
