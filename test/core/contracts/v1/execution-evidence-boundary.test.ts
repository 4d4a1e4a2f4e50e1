import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { evidenceBoundaryFromOutcome } from '../../../../src/core/contracts/v1/evidence-boundary-from-outcome.js';
import { findRawDurableEvidence } from '../../../../src/core/contracts/v1/raw-evidence-scan.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

const outcome = () =>
  decodeContract(
    {
      route_id: 'route-1',
      status: 'succeeded',
      family: 'http',
      raw_payload: {
        status_code: 200,
        headers: { 'content-type': 'application/json' },
        body: 'raw provider body kept in ExecutionOutcome.v1 only',
      },
      lineage: contractFixtures.executionRoute.lineage,
    },
    'execution_outcome.v1',
  );

describe('ExecutionEvidenceBoundary.v1', () => {
  it('projects bounded evidence from an outcome without narrowing its raw payload', () => {
    const source = outcome();
    const boundary = evidenceBoundaryFromOutcome(source, {
      lowerSimulationEvidence: contractFixtures.lowerSimulationEvidence,
    });
    expect(source.raw_payload.body).toBe('raw provider body kept in ExecutionOutcome.v1 only');
    expect(boundary).toMatchObject({
      contract_version: 'ExecutionPlane.ExecutionEvidenceBoundary.v1',
      owner_repo: 'execution_plane',
      outcome_ref: 'execution-outcome://route-1',
      bounded_status: 'succeeded',
      input_fingerprint_ref: `fingerprint://execution-plane/input/${'1'.repeat(64)}`,
      bounded_exit_code_or_response_shape: {
        family: 'http',
        status_code: 200,
        raw_payload_shape: ['body', 'headers', 'status_code'],
      },
    });
    expect(boundary.scan_result.status).toBe('passed');
    const wire = encodeContract(boundary);
    expect(wire).not.toContain('raw provider body kept');
    expect(JSON.parse(wire)).not.toHaveProperty('raw_payload');
  });

  it('records an exit code from exit.code or exit_status', () => {
    const process = (raw_payload: Record<string, unknown>) =>
      evidenceBoundaryFromOutcome(
        { ...contractFixtures.executionFailureOutcome, raw_payload: raw_payload as never },
        { lowerSimulationEvidence: contractFixtures.lowerSimulationEvidence },
      ).bounded_exit_code_or_response_shape;
    expect(process({ exit: { code: 3 }, stdout: '' })).toMatchObject({
      exit_code: 3,
      raw_payload_shape: ['exit', 'stdout'],
    });
    expect(process({ exit_status: 1 })).toMatchObject({ exit_code: 1 });
  });

  it('requires the simulation evidence it refers to (a contract error, not a crash)', () => {
    expectInvalid(
      () => evidenceBoundaryFromOutcome(outcome(), {} as never),
      'lower_simulation_evidence is required',
    );
    expectInvalid(
      () => evidenceBoundaryFromOutcome(undefined as never, { lowerSimulationEvidence: {} }),
      'Invalid execution_outcome.v1',
    );
  });

  it.each([
    ['prompt', 'raw prompt'],
    ['provider_body', '{"wire":true}'],
    ['secret', 'sk-live'],
    ['semantic_body', 'semantic '.repeat(16)],
  ])('rejects raw %s persistence', (key, value) => {
    const base = contractFixtures.executionEvidenceBoundary;
    const attrs = {
      ...base,
      bounded_exit_code_or_response_shape: { ...base.bounded_exit_code_or_response_shape, [key]: value },
    };
    expectInvalid(() => decodeContract(attrs), 'raw durable evidence is forbidden at');
  });

  it('rejects another owner and provider, model or budget semantics', () => {
    const base = contractFixtures.executionEvidenceBoundary;
    expectInvalid(
      () => decodeContract({ ...base, owner_repo: 'stack_lab' }),
      'owner_repo must be execution_plane',
    );
    for (const key of ['provider_refs', 'model_refs', 'budget_profile_ref']) {
      expectInvalid(
        () => decodeContract({ ...base, [key]: ['forbidden'] }),
        'provider or model or budget semantics',
      );
    }
    expectInvalid(
      () => decodeContract({ ...base, scan_result: { ...base.scan_result, raw_payload_included: true } }),
      'scan_result.raw_payload_included must be false',
    );
  });

  it('scans recursively, skipping shape-only keys and naming the path', () => {
    expect(findRawDurableEvidence({ a: { list: [{ Authorization: 'x' }] } })).toBe('a.list.Authorization');
    expect(
      findRawDurableEvidence({ raw_payload_shape: ['body'], header_keys: ['authorization'] }),
    ).toBeUndefined();
    expect(findRawDurableEvidence({ note: 'contains a RAW PROMPT' })).toBe('note');
    expect(findRawDurableEvidence('workflow history dump')).toBe('');
  });

  it('keeps ExecutionOutcome.v1 raw_payload a raw map in its source', () => {
    const source = readFileSync(
      new URL('../../../../src/core/contracts/v1/execution-outcome-v1.ts', import.meta.url),
      'utf8',
    );
    expect(source).toContain("raw_payload: optionalMap('raw_payload')");
    expect(source).not.toMatch(/raw_payload_shape|bounded_evidence_projection|ExecutionEvidenceBoundary/);
  });
});
