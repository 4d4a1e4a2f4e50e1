import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AcceptableAttestationSchema } from '../../../../src/core/contracts/boundary/acceptable-attestation.js';
import { AdmissionDecisionSchema } from '../../../../src/core/contracts/boundary/admission-decision.js';
import {
  AdmissionRejectionSchema,
  createRejection,
} from '../../../../src/core/contracts/boundary/admission-rejection.js';
import { AdmissionRequestSchema } from '../../../../src/core/contracts/boundary/admission-request.js';
import { AuthorityRefSchema } from '../../../../src/core/contracts/boundary/authority-ref.js';
import { decodeBoundary, encodeBoundary } from '../../../../src/core/contracts/boundary/boundary-codec.js';
import { BoundaryExecutionEventSchema } from '../../../../src/core/contracts/boundary/boundary-execution-event.js';
import {
  isContractVersionCompatible,
  normalizeContractVersion,
  supportedContractVersionRange,
} from '../../../../src/core/contracts/boundary/contract-version.js';
import { EvidenceSchema } from '../../../../src/core/contracts/boundary/evidence.js';
import { createExecutionRef } from '../../../../src/core/contracts/boundary/execution-ref.js';
import { ExecutionRequestSchema } from '../../../../src/core/contracts/boundary/execution-request.js';
import { ExecutionResultSchema } from '../../../../src/core/contracts/boundary/execution-result.js';
import { BoundaryLaneCapabilitiesSchema } from '../../../../src/core/contracts/boundary/lane-capabilities.js';
import { NodeDescriptorSchema } from '../../../../src/core/contracts/boundary/node-descriptor.js';
import { PlacementSurfaceSchema } from '../../../../src/core/contracts/boundary/placement-surface.js';
import {
  directLowerLaneOwnerProvenance,
  isDirectProvenance,
  nodeAdmittedProvenance,
  ProvenanceSchema,
} from '../../../../src/core/contracts/boundary/provenance.js';
import { RuntimeConstraintSchema } from '../../../../src/core/contracts/boundary/runtime-constraint.js';
import { SandboxProfileSchema } from '../../../../src/core/contracts/boundary/sandbox-profile.js';
import { TargetAttestationSchema } from '../../../../src/core/contracts/boundary/target-attestation.js';
import { TargetDescriptorSchema } from '../../../../src/core/contracts/boundary/target-descriptor.js';
import { isExecutionError } from '../../../../src/core/index.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

const descriptor = { target_id: 'target-1', lane_id: 'process', verifier_id: 'test-target-verifier' };
const request = { lane_id: 'process', payload: { command: 'echo' }, authority_ref: { ref: 'allow' } };

/** Every remote value, with the minimal attrs it needs. */
const VALUES = [
  ['provenance', ProvenanceSchema, {}],
  ['authority ref', AuthorityRefSchema, { ref: 'allow' }],
  ['sandbox profile', SandboxProfileSchema, { bundle_hash: 'sha256:test' }],
  ['acceptable attestation', AcceptableAttestationSchema, { classes: ['local-erlexec-weak'] }],
  ['placement surface', PlacementSurfaceSchema, {}],
  ['runtime constraint', RuntimeConstraintSchema, { name: 'cpu', value: 2 }],
  ['lane capabilities', BoundaryLaneCapabilitiesSchema, { lane_id: 'process', protocols: ['process'] }],
  [
    'target attestation',
    TargetAttestationSchema,
    { attestation_type: 'stub', evidence: { signature: 'valid' } },
  ],
  ['target descriptor', TargetDescriptorSchema, descriptor],
  ['admission request', AdmissionRequestSchema, request],
  ['admission decision', AdmissionDecisionSchema, { request_id: 'adm-1', execution_ref: 'exec-1' }],
  ['admission rejection', AdmissionRejectionSchema, { reason: 'lane_not_registered' }],
  [
    'execution request',
    ExecutionRequestSchema,
    { execution_ref: 'exec-1', admission_request: request, target_descriptor: descriptor },
  ],
  ['execution event', BoundaryExecutionEventSchema, { event_type: 'fake.chunk' }],
  ['evidence', EvidenceSchema, { evidence_type: 'admission.accepted', emitted_at: '2026-04-10T12:00:00Z' }],
  [
    'execution result',
    ExecutionResultSchema,
    { status: 'failed', output: { ok: false }, error: 'http execution failed' },
  ],
  ['node descriptor', NodeDescriptorSchema, { node_id: 'node-1', verified_targets: [descriptor] }],
] as const;

describe('boundary values', () => {
  it.each(VALUES)('%s round-trips through JSON with contract_version 1', (_name, schema, attrs) => {
    const value = decodeBoundary(schema as never, attrs) as Record<string, unknown>;
    expect(value.contract_version).toBe(1);
    const json = encodeBoundary(schema as never, value);
    expect(decodeBoundary(schema as never, json)).toEqual(value);
    expect(encodeBoundary(schema as never, JSON.parse(json))).toBe(json);
  });

  it('fills the reference defaults and mints ids', () => {
    const decoded = decodeBoundary(AdmissionRequestSchema, { lane_id: 'http' });
    expect(decoded.request_id).toMatch(/^adm-\d+-\d+$/);
    expect(decoded).toMatchObject({
      operation: null,
      payload: {},
      authority_ref: null,
      acceptable_attestation: { contract_version: 1, classes: [], priority_order: [] },
      constraints: [],
      provenance: { kind: 'node_admitted', owner: null },
    });
    expect(decodeBoundary(BoundaryExecutionEventSchema, {}).event_id).toMatch(/^event-/);
    expect(decodeBoundary(EvidenceSchema, {}).evidence_id).toMatch(/^ev-/);
    expect(decodeBoundary(ExecutionResultSchema, {})).toMatchObject({
      status: 'succeeded',
      output: {},
      error: null,
    });
    expect(decodeBoundary(NodeDescriptorSchema, {}).contract_version_range).toEqual({ min: 1, max: 1 });
  });

  it('rejects missing ids instead of turning them into "nil", and booleans instead of stringifying them', () => {
    expectInvalid(
      () => decodeBoundary(AdmissionRequestSchema, {}),
      'lane_id must be a non-empty string, got: null',
    );
    expectInvalid(
      () => decodeBoundary(AdmissionRequestSchema, { lane_id: true }),
      'lane_id must be a non-empty string, got: true',
    );
    expectInvalid(
      () => decodeBoundary(TargetDescriptorSchema, { lane_id: 'p', verifier_id: 'v' }),
      'target_id must be a non-empty string',
    );
    expectInvalid(
      () => decodeBoundary(TargetDescriptorSchema, { ...descriptor, attested_capability_classes: [1] }),
      'must be a string, got: 1',
    );
    expectInvalid(() => decodeBoundary(ProvenanceSchema, '{'), 'not valid JSON');
  });

  it('keeps a request contract_version as given, so the node can reject a mismatch', () => {
    expect(decodeBoundary(AdmissionRequestSchema, { ...request, contract_version: 2 }).contract_version).toBe(
      2,
    );
    expect(
      decodeBoundary(AdmissionRequestSchema, { ...request, contract_version: '1' }).contract_version,
    ).toBe('1');
    // Values whose reference constructor resets the version do so here too.
    expect(
      decodeBoundary(TargetDescriptorSchema, { ...descriptor, contract_version: 9 }).contract_version,
    ).toBe(1);
  });

  it('normalises contract versions as the reference does', () => {
    expect(supportedContractVersionRange()).toEqual({ min: 1, max: 1 });
    expect(normalizeContractVersion('1')).toBe(1);
    for (const bad of ['1.0', ' 1', null, 1.5, undefined]) expect(normalizeContractVersion(bad)).toBeNull();
    expect(isContractVersionCompatible(1)).toBe(true);
    expect(isContractVersionCompatible('2')).toBe(false);
  });

  it('mints execution refs with version 1', () => {
    expect(createExecutionRef().ref).toMatch(/^exec-\d+-\d+$/);
    expect(createExecutionRef('exec-given')).toEqual({ contract_version: 1, ref: 'exec-given' });
  });

  it('tells governed from direct provenance', () => {
    expect(isDirectProvenance(nodeAdmittedProvenance({ admission_ref: 'adm-1' }))).toBe(false);
    const direct = directLowerLaneOwnerProvenance('codex_sdk', { why: 'standalone' });
    expect(direct).toMatchObject({
      kind: 'direct_lower_lane_owner',
      owner: 'codex_sdk',
      details: { why: 'standalone' },
    });
    expect(isDirectProvenance(direct)).toBe(true);
  });

  it('builds rejections that carry their request id', () => {
    expect(createRejection('lane_not_registered', 'requested lane is not registered', {}, 'adm-1')).toEqual({
      contract_version: 1,
      request_id: 'adm-1',
      reason: 'lane_not_registered',
      message: 'requested lane is not registered',
      details: {},
    });
  });

  it('decodes nested values through their own schemas', () => {
    const decoded = decodeBoundary(ExecutionRequestSchema, {
      admission_request: request,
      target_descriptor: descriptor,
    });
    expect(decoded.admission_request?.request_id).toMatch(/^adm-/);
    expect(decoded.target_descriptor?.attested_capability_classes).toEqual([]);
    expect(
      decodeBoundary(NodeDescriptorSchema, { verified_targets: [descriptor] }).verified_targets[0]
        ?.verifier_id,
    ).toBe('test-target-verifier');
  });

  it('turns any input into a value or INVALID_CONTRACT', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...VALUES.map(([, schema]) => schema)), (input, schema) => {
        try {
          decodeBoundary(schema as never, input);
        } catch (error) {
          expect(isExecutionError(error) && error.code).toBe('INVALID_CONTRACT');
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('contract_version past 2^53', () => {
  it('round-trips a big integer read from JSON text, as the object form does', () => {
    const text = encodeBoundary(
      EvidenceSchema,
      decodeBoundary(EvidenceSchema, { contract_version: 2 ** 53 }),
    );
    expect(text).toContain('"contract_version":9007199254740992');
    expect(encodeBoundary(EvidenceSchema, decodeBoundary(EvidenceSchema, text))).toBe(text);
  });
});
