import { describe, expect, it } from 'vitest';
import {
  AcceptableAttestationSchema,
  intersectAttestation,
  isAttestationEmpty,
} from '../../../../src/core/contracts/boundary/acceptable-attestation.js';
import { decodeBoundary } from '../../../../src/core/contracts/boundary/boundary-codec.js';

const acceptable = (attrs: object) => decodeBoundary(AcceptableAttestationSchema, attrs);

describe('acceptable attestation', () => {
  it('defaults the priority order to the classes and deduplicates both', () => {
    expect(acceptable({ classes: ['a', 'b', 'a'] })).toEqual({
      contract_version: 1,
      classes: ['a', 'b'],
      priority_order: ['a', 'b'],
    });
    expect(acceptable({ classes: ['a'], priority_order: ['c', 'c', 'a'] }).priority_order).toEqual([
      'c',
      'a',
    ]);
  });

  it('intersects by priority first, then by classes', () => {
    expect(
      intersectAttestation(acceptable({ classes: ['a', 'b'], priority_order: ['b', 'a'] }), ['a', 'b']),
    ).toEqual(['b', 'a']);
    // Priority may name classes outside `classes`; when it matches nothing, classes decide.
    expect(intersectAttestation(acceptable({ classes: ['a'], priority_order: ['z'] }), ['a'])).toEqual(['a']);
    expect(intersectAttestation(acceptable({ classes: ['a'] }), ['local-erlexec-weak'])).toEqual([]);
  });

  it('is empty when no class is acceptable', () => {
    expect(isAttestationEmpty(acceptable({}))).toBe(true);
    expect(isAttestationEmpty(acceptable({ classes: ['x'] }))).toBe(false);
  });
});
