import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { expectInvalid } from './helpers/expect-invalid.js';

describe('decodeContract / encodeContract', () => {
  it('dispatches on the string tag and accepts a JSON string or an object', () => {
    const json = encodeContract(contractFixtures.executionEvent);
    expect(decodeContract(json)).toEqual(contractFixtures.executionEvent);
    expect(decodeContract(JSON.parse(json))).toEqual(contractFixtures.executionEvent);
  });

  it('fills in the tag when decoding with an explicit tag', () => {
    const { contract_version: _tag, ...attrs } = contractFixtures.credentialHandleRef;
    expect(decodeContract(attrs, 'credential_handle_ref.v1')).toEqual(contractFixtures.credentialHandleRef);
  });

  it('explains why an input cannot be dispatched', () => {
    expectInvalid(() => decodeContract('{"contract_version":'), 'not valid JSON');
    expectInvalid(() => decodeContract('[1,2]'), 'expected a map of attrs, got: [1,2]');
    expectInvalid(() => decodeContract({ contract_version: 1 }), 'boundary value version', 'decodeBoundary');
    expectInvalid(
      () => decodeContract({ contract_version: 'route.v9' }),
      'unknown contract_version "route.v9"',
    );
    expectInvalid(() => decodeContract({}), 'unknown contract_version null');
    expectInvalid(
      () => decodeContract({}, 'nope.v1' as 'execution_route.v1'),
      'unknown contract_version "nope.v1"',
    );
    expectInvalid(
      () => decodeContract(contractFixtures.authorityDecision, 'credential_handle_ref.v1'),
      'expected contract_version "credential_handle_ref.v1", got: "authority_decision.v1"',
    );
  });

  it('reports unreadable input as INVALID_CONTRACT, never as another error', () => {
    const trap = { ...contractFixtures.authorityDecision };
    Object.defineProperty(trap, 'tenant_id', {
      enumerable: true,
      get() {
        throw new Error('getter exploded');
      },
    });
    expectInvalid(() => decodeContract(trap), 'input could not be read');
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expectInvalid(
      () => decodeContract({ ...contractFixtures.executionOutcome, raw_payload: { deep: JSON.parse(deep) } }),
      'nests deeper than',
    );
  });

  it('does not alias the caller’s objects', () => {
    const input = { ...contractFixtures.executionOutcome, raw_payload: { nested: { n: 1 } } };
    const decoded = decodeContract(input, 'execution_outcome.v1');
    (input.raw_payload.nested as { n: number }).n = 2;
    expect(decoded.raw_payload).toEqual({ nested: { n: 1 } });
  });

  it('validates before encoding: defaults are filled, invalid values rejected', () => {
    const minimal = {
      contract_version: 'credential_handle_ref.v1',
      handle_ref: 'cred://2',
      kind: 'k',
      audience: 'a',
    } as Parameters<typeof encodeContract>[0];
    expect(JSON.parse(encodeContract(minimal))).toEqual({
      ...minimal,
      expires_at: null,
      rotation_policy: null,
    });
    expectInvalid(
      () => encodeContract({ ...contractFixtures.credentialHandleRef, handle_ref: 'raw' }),
      'opaque handle ref',
    );
  });

  it('normalises -0 so that decoding an encoding gives back the same value', () => {
    const decoded = decodeContract(
      { ...contractFixtures.executionOutcome, metrics: { delta: -0 } },
      'execution_outcome.v1',
    );
    expect(Object.is(decoded.metrics.delta, 0)).toBe(true);
  });
});
