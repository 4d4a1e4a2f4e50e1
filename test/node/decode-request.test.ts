import { describe, expect, it } from 'vitest';
import { AdmissionRequestSchema } from '../../src/core/contracts/boundary/admission-request.js';
import { decodeBoundary } from '../../src/core/contracts/boundary/boundary-codec.js';
import { JsonFloat } from '../../src/core/contracts/primitives/exact-json.js';
import { decodeAdmissionRequest, fastRequest, isSharedProvenance } from '../../src/node/decode-request.js';

// A minted id differs between two calls by construction; its form is checked below.
const unminted = (answer: { value?: { request_id?: string } }) =>
  answer.value?.request_id?.startsWith('adm-')
    ? { value: { ...answer.value, request_id: 'minted' } }
    : answer;

// Whatever the path, the answer is the schema's: the same value, or the same INVALID_CONTRACT.
function schemaAnswer(input: unknown): unknown {
  try {
    return { value: decodeBoundary(AdmissionRequestSchema, input) };
  } catch (error) {
    return { error: String(error), code: (error as { code?: unknown }).code };
  }
}
function fastAnswer(input: unknown): unknown {
  try {
    return { value: decodeAdmissionRequest(input) };
  } catch (error) {
    return { error: String(error), code: (error as { code?: unknown }).code };
  }
}

const base = {
  request_id: 'req-1',
  lane_id: 'noop',
  payload: { a: [1, 'x', null, { b: true }] },
  authority_ref: { ref: 'allow', expires_at: '2999-01-01T00:00:00Z', metadata: { k: 1 } },
  sandbox_profile: { profile_ref: 'sandbox://x', bundle_hash: 'sha256:x', opaque_bundle: [1, { y: 2 }] },
  acceptable_attestation: { classes: ['b', 'a', 'b'], priority_order: ['a', 'a'] },
};

const variants: Record<string, unknown> = {
  'the bench request': {
    lane_id: 'noop',
    payload: {},
    authority_ref: { ref: 'allow' },
    sandbox_profile: { profile_ref: 'sandbox://bench', bundle_hash: 'sha256:bench' },
    acceptable_attestation: { classes: ['local-erlexec-weak'] },
  },
  'every field': {
    ...base,
    contract_version: 1,
    operation: 'run',
    constraints: [],
    provenance: { kind: 'direct_lower_lane_owner', owner: 'me', details: { why: 'x' } },
    metadata: { m: 'n' },
  },
  'nulls everywhere': {
    lane_id: 'noop',
    request_id: null,
    operation: null,
    payload: null,
    authority_ref: null,
    sandbox_profile: null,
    placement: null,
    constraints: null,
    metadata: null,
    acceptable_attestation: { classes: null, priority_order: null },
    provenance: { kind: null, owner: null, admission_ref: null, details: null },
  },
  'unknown keys dropped': { ...base, extra: 1, authority_ref: { ref: 'r', other: 2 } },
  'a string version': { ...base, contract_version: '1' },
  'a version 2': { ...base, contract_version: 2 },
  'a float version': { ...base, contract_version: new JsonFloat(1) },
  'a bigint version': { ...base, contract_version: 2n ** 70n },
  'an empty operation': { ...base, operation: '' },
  'no lane': { ...base, lane_id: undefined },
  'an empty lane': { ...base, lane_id: '' },
  'a numeric lane': { ...base, lane_id: 7 },
  'a lone surrogate': { ...base, lane_id: 'a\uD800' },
  'a list payload': { ...base, payload: [1] },
  'a NaN in the payload': { ...base, payload: { n: Number.NaN } },
  'a Date in the payload': { ...base, payload: { d: new Date(0) } },
  'a float in the payload': { ...base, payload: { f: new JsonFloat(2) } },
  'a numeric ref': { ...base, authority_ref: { ref: 5 } },
  'a list authority': { ...base, authority_ref: ['x'] },
  'a null attestation': { ...base, acceptable_attestation: null },
  'a class that is a number': { ...base, acceptable_attestation: { classes: [1] } },
  'classes not a list': { ...base, acceptable_attestation: { classes: 'x' } },
  'a constraint': { ...base, constraints: [{ kind: 'x' }] },
  'a placement': { ...base, placement: { surface_kind: 'local' } },
  'a null provenance': { ...base, provenance: null },
  'a numeric provenance kind': { ...base, provenance: { kind: 3 } },
  'a class instance': new (class Request {
    lane_id = 'noop';
  })(),
  'JSON text': JSON.stringify(base),
  'bad JSON text': '{',
  'null input': null,
  'a list input': [base],
  'a throwing getter': Object.defineProperty({ ...base }, 'payload', {
    enumerable: true,
    get() {
      throw new Error('no');
    },
  }),
};

describe('decodeAdmissionRequest', () => {
  for (const [name, input] of Object.entries(variants)) {
    it(`answers like the schema: ${name}`, () => {
      expect(unminted(fastAnswer(input) as never)).toEqual(unminted(schemaAnswer(input) as never));
    });
  }

  it('takes the schema-free path for the common forms, and leaves the rest to the schema', () => {
    for (const name of ['the bench request', 'every field', 'nulls everywhere', 'unknown keys dropped']) {
      expect(fastRequest(variants[name]), name).toBeDefined();
    }
    for (const name of ['a float version', 'a placement', 'a constraint', 'JSON text', 'a class instance']) {
      expect(fastRequest(variants[name]), name).toBeUndefined();
    }
  });

  it('mints a request id when none is given, like the schema', () => {
    const decoded = decodeAdmissionRequest({ lane_id: 'noop' });
    expect(decoded.request_id).toMatch(/^adm-\d+-\d+$/);
    expect({ ...decoded, request_id: 'x' }).toEqual({
      ...decodeBoundary(AdmissionRequestSchema, { lane_id: 'noop' }),
      request_id: 'x',
    });
  });

  it('never aliases the caller objects', () => {
    const input = { ...base, payload: { deep: { x: 1 } } };
    const decoded = decodeAdmissionRequest(input);
    expect(decoded.payload).toEqual(input.payload);
    expect(decoded.payload).not.toBe(input.payload);
    expect(decoded.payload.deep).not.toBe(input.payload.deep);
    expect(decoded.acceptable_attestation.classes).not.toBe(input.acceptable_attestation.classes);
  });

  it('shares one frozen provenance while requests repeat one without details', () => {
    const direct = { kind: 'direct_lower_lane_owner', owner: 'me' };
    const first = decodeAdmissionRequest({ lane_id: 'noop', provenance: { ...direct } }).provenance;
    const again = decodeAdmissionRequest({
      lane_id: 'noop',
      provenance: { ...direct, details: {} },
    }).provenance;
    expect(again).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.details)).toBe(true);
    expect(isSharedProvenance(first)).toBe(true);
    expect(first).toEqual(
      decodeBoundary(AdmissionRequestSchema, { lane_id: 'noop', provenance: direct }).provenance,
    );
    // Another owner, or details, make a provenance of their own.
    const other = decodeAdmissionRequest({
      lane_id: 'noop',
      provenance: { ...direct, owner: 'you' },
    }).provenance;
    expect(other).not.toBe(first);
    expect(other.owner).toBe('you');
    const detailed = decodeAdmissionRequest({
      lane_id: 'noop',
      provenance: { ...direct, details: { a: 1 } },
    });
    expect(Object.isFrozen(detailed.provenance)).toBe(false);
    expect(isSharedProvenance(detailed.provenance)).toBe(false);
  });
});
