import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

describe('LowerSimulationEvidence.v1', () => {
  it('records simulation proof as hashes and shapes only', () => {
    const evidence = contractFixtures.lowerSimulationEvidence;
    expect(evidence).toMatchObject({
      contract_version: 'ExecutionPlane.LowerSimulationEvidence.v1',
      side_effect_policy: 'deny_external_egress',
      side_effect_result: 'not_attempted',
      raw_payload_shape: ['body', 'headers', 'status_code'],
      outcome_contract_version: 'execution_outcome.v1',
    });
    const wire = JSON.parse(encodeContract(evidence));
    expect(wire.input_fingerprint).not.toHaveProperty('body');
    expect(wire.output_fingerprint).not.toHaveProperty('body');
  });

  it('stores the raw payload shape sorted', () => {
    const decoded = decodeContract({
      ...contractFixtures.lowerSimulationEvidence,
      raw_payload_shape: ['z', 'a', 'm'],
    });
    expect(decoded).toMatchObject({ raw_payload_shape: ['a', 'm', 'z'] });
  });

  it('rejects raw input material in fingerprints', () => {
    const attrs = {
      ...contractFixtures.lowerSimulationEvidence,
      input_fingerprint: { sha256: `sha256:${'1'.repeat(64)}`, byte_size: 1, body: 'raw prompt' },
    };
    expectInvalid(() => decodeContract(attrs), 'input_fingerprint must not carry raw body');
  });

  it('requires a 64-byte sha256 and a non-negative byte_size', () => {
    const base = contractFixtures.lowerSimulationEvidence;
    for (const fingerprint of [
      { sha256: 'sha256:abc', byte_size: 1 },
      { sha256: `md5:${'1'.repeat(64)}`, byte_size: 1 },
      { sha256: `sha256:${'1'.repeat(64)}`, byte_size: -1 },
      { sha256: `sha256:${'1'.repeat(64)}` },
    ]) {
      expectInvalid(
        () => decodeContract({ ...base, output_fingerprint: fingerprint }),
        'output_fingerprint must include sha256 and non-negative byte_size',
      );
    }
  });

  it('rejects a route lineage mismatch and a family mismatch, in that order', () => {
    const base = contractFixtures.lowerSimulationEvidence;
    expectInvalid(
      () => decodeContract({ ...base, lineage: { ...base.lineage, route_id: 'route-other' } }),
      'route_id must match lineage.route_id',
    );
    expectInvalid(
      () => decodeContract({ ...base, family: 'process' }),
      'family must match outcome_family, got: "process" and "http"',
    );
    expectInvalid(
      () => decodeContract({ ...base, family: 'process', lineage: { ...base.lineage, route_id: 'x' } }),
      'route_id must match lineage.route_id',
    );
  });
});
