import { describe, expect, it } from 'vitest';
import { AdmissionRequestSchema } from '../../../src/core/contracts/boundary/admission-request.js';
import { decodeBoundary, encodeBoundary } from '../../../src/core/contracts/boundary/boundary-codec.js';
import { decodeContract, encodeContract } from '../../../src/core/contracts/codec.js';
import { CONTRACT_VERSIONS } from '../../../src/core/contracts/primitives/version-tags.js';
import { REFERENCE_ADMISSION_REQUEST, REFERENCE_DUMPS } from './fixtures/reference-dumps.js';

describe('JSON written by the reference', () => {
  it('covers every V1 tag', () => {
    const tags = new Set(Object.values(REFERENCE_DUMPS).map((json) => JSON.parse(json).contract_version));
    for (const tag of Object.values(CONTRACT_VERSIONS)) expect(tags.has(tag), tag).toBe(true);
  });

  it.each(Object.entries(REFERENCE_DUMPS))(
    '%s decodes and re-encodes with the same fields and values',
    (_name, json) => {
      const decoded = decodeContract(json);
      const reencoded = encodeContract(decoded);
      expect(JSON.parse(reencoded)).toEqual(JSON.parse(json));
      // Re-encoding is canonical: the same value always gives the same bytes.
      expect(encodeContract(decodeContract(reencoded))).toBe(reencoded);
    },
  );

  it('keeps the literal `retryable?` key of a failure', () => {
    const outcome = decodeContract(REFERENCE_DUMPS.execution_outcome as string, 'execution_outcome.v1');
    expect(outcome.failure?.['retryable?']).toBe(true);
    expect(encodeContract(outcome)).toContain('"retryable?":true');
  });

  it('keeps timestamps exactly as written', () => {
    const envelope = decodeContract(
      REFERENCE_DUMPS.execution_intent_envelope as string,
      'execution_intent_envelope.v1',
    );
    expect(envelope.deadline_at).toBe('2026-05-01 08:30:00.250+02:00');
  });

  it('accepts the governed admission request example and re-encodes it field for field', () => {
    const request = decodeBoundary(AdmissionRequestSchema, REFERENCE_ADMISSION_REQUEST);
    expect(request).toMatchObject({ request_id: 'adm-1714...-7', lane_id: 'process', placement: null });
    expect(JSON.parse(encodeBoundary(AdmissionRequestSchema, request))).toEqual(
      JSON.parse(REFERENCE_ADMISSION_REQUEST),
    );
  });
});
