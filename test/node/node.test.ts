/**
 * Counterparts of the reference's node_test.exs, one `it` per reference test (same names). The
 * remote ones run over a real WebSocket in remote.test.ts; here they use in-process clients.
 */
import { describe, expect, it } from 'vitest';
import { AdmissionDecisionSchema } from '../../src/core/contracts/boundary/admission-decision.js';
import {
  AdmissionRejectionSchema,
  createRejection,
} from '../../src/core/contracts/boundary/admission-rejection.js';
import { AdmissionRequestSchema } from '../../src/core/contracts/boundary/admission-request.js';
import { decodeBoundary, encodeBoundary } from '../../src/core/contracts/boundary/boundary-codec.js';
import { BoundaryExecutionEventSchema } from '../../src/core/contracts/boundary/boundary-execution-event.js';
import type { TargetClient } from '../../src/core/contracts/boundary/boundary-interfaces.js';
import { EvidenceSchema } from '../../src/core/contracts/boundary/evidence.js';
import { createExecutionRef, ExecutionRefSchema } from '../../src/core/contracts/boundary/execution-ref.js';
import {
  type ExecutionRequest,
  ExecutionRequestSchema,
} from '../../src/core/contracts/boundary/execution-request.js';
import { ExecutionResultSchema } from '../../src/core/contracts/boundary/execution-result.js';
import { NodeDescriptorSchema } from '../../src/core/contracts/boundary/node-descriptor.js';
import { directLowerLaneOwnerProvenance } from '../../src/core/contracts/boundary/provenance.js';
import { TargetAttestationSchema } from '../../src/core/contracts/boundary/target-attestation.js';
import { TargetDescriptorSchema } from '../../src/core/contracts/boundary/target-descriptor.js';
import { createNode } from '../../src/node/index.js';
import { LocalTargetClient } from '../../src/node/local-target-client.js';
import {
  fakeHttpLane,
  fakeLane,
  governedRequest,
  RecordingSink,
  registeredNode,
  stubAttestation,
  TestAuthority,
  TestTargetVerifier,
} from './fakes.js';

/** A target client that records the requests it is sent, then runs them in process. */
class RecordingTargetClient extends LocalTargetClient implements TargetClient {
  readonly sent: ExecutionRequest[] = [];
  override execute(request: ExecutionRequest, options?: Parameters<TargetClient['execute']>[1]) {
    this.sent.push(request);
    return super.execute(request, options);
  }
}

/** The attestation is refused and the routing table stays empty. */
async function expectUnroutable(attestation: Record<string, unknown>): Promise<void> {
  const node = createNode();
  node.registerTargetVerifier(new TestTargetVerifier());
  const verdict = await node.connectTarget(attestation, new LocalTargetClient());
  expect(!verdict.ok && verdict.rejection.reason).toBe('target_attestation_unverifiable');
  expect((await node.describe()).verified_targets).toEqual([]);
}

describe('node (reference node_test.exs)', () => {
  it('rejects governed traffic before registration completes', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    const verdict = await node.admit(governedRequest());
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.rejection.reason).toBe('registration_incomplete');
  });

  it('rejects governed traffic without authority verifier', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    await node.connectTarget(stubAttestation(), new LocalTargetClient());
    node.completeRegistration();
    const verdict = await node.admit(governedRequest());
    expect(!verdict.ok && verdict.rejection.reason).toBe('authority_verifier_missing');
  });

  it('target enters routing table only after verifier-valid attestation', async () => {
    const node = createNode();
    node.registerTargetVerifier(new TestTargetVerifier());
    const invalid = await node.connectTarget(
      stubAttestation({ signature: 'not-valid' }),
      new LocalTargetClient(),
    );
    expect(!invalid.ok && invalid.rejection.reason).toBe('target_attestation_unverifiable');
    expect((await node.describe()).verified_targets).toEqual([]);
    const valid = await node.connectTarget(stubAttestation(), new LocalTargetClient());
    expect(valid.ok && valid.descriptor.attested_capability_classes).toEqual(['local-erlexec-weak']);
    expect((await node.describe()).verified_targets.map((t) => t.target_id)).toEqual(['target-1']);
  });

  it('rejects target claims with no matching verifier and never routes them', async () => {
    await expectUnroutable({
      attestation_type: 'unsigned-strong-claim',
      claimed_capability_classes: ['spiffe://prod/microvm-strict@v1'],
      evidence: { signature: 'valid' },
    });
  });

  it('rejects strong isolation claims without verifier-backed evidence', async () => {
    await expectUnroutable({
      attestation_type: 'stub',
      claimed_capability_classes: ['spiffe://prod/microvm-strict@v1'],
      evidence: { signature: 'not-valid', classes: ['spiffe://prod/microvm-strict@v1'] },
    });
  });

  it('admits and executes against matching attested target', async () => {
    const { node, sink } = await registeredNode();
    const result = await node.execute(governedRequest());
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ ok: true });
    expect(sink.types()).toContain('admission.accepted');
  });

  it('governed HTTP request executes through runtime client to attested HTTP target', async () => {
    const node = createNode();
    node.registerLane(fakeHttpLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerEvidenceSink(new RecordingSink());
    node.registerAuthorityVerifier(new TestAuthority());
    await node.connectTarget(
      stubAttestation({ target_id: 'http-target-1', lane_id: 'http', classes: ['http-stub'] }),
      new LocalTargetClient(),
    );
    node.completeRegistration();
    const result = await node.execute(
      governedRequest({
        lane_id: 'http',
        payload: { method: 'GET', url: 'https://example.test' },
        acceptable_attestation: { classes: ['http-stub'] },
      }),
    );
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ http: 'ok' });
  });

  it('registration-complete node with zero verified targets rejects governed traffic', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerEvidenceSink(new RecordingSink());
    node.registerAuthorityVerifier(new TestAuthority());
    node.completeRegistration();
    const result = await node.execute(governedRequest());
    expect(result.status).toBe('rejected');
    expect((result.error as { reason: string }).reason).toBe('no_satisfying_attested_target');
    expect((await node.describe()).verified_targets).toEqual([]);
  });

  it('remote runtime client can replace the local runtime client (in-process half; the WebSocket half is in remote.test.ts)', async () => {
    const { node } = await registeredNode();
    // Any object with the five calls is a runtime client; this one forwards through a JSON round trip.
    const viaJson = {
      describe: () => node.describe(),
      admit: async (request: never) => node.admit(JSON.parse(JSON.stringify(request))),
      execute: async (request: never) =>
        decodeBoundary(
          ExecutionResultSchema,
          JSON.stringify(await node.execute(JSON.parse(JSON.stringify(request)))),
        ),
      stream: (request: never) => node.stream(request),
      cancel: (ref: string) => node.cancel(ref),
    };
    for (const client of [node, viaJson]) {
      const result = await client.execute(governedRequest() as never);
      expect(result.status).toBe('succeeded');
    }
  });

  it('one execute dispatches to at most one attested target and does not fallback', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    const first = new RecordingTargetClient();
    const second = new RecordingTargetClient();
    await node.connectTarget(stubAttestation({ target_id: 'remote-target-1' }), first);
    await node.connectTarget(stubAttestation({ target_id: 'remote-target-2' }), second);
    node.completeRegistration();
    // The first target fails: the node reports its failure and never tries the second.
    const failing = await node.execute(
      governedRequest({ payload: { failure: { failure_class: 'transport_failed', reason: 'down' } } }),
    );
    expect(failing.status).toBe('failed');
    expect(first.sent.map((r) => r.target_descriptor?.target_id)).toEqual(['remote-target-1']);
    expect(second.sent).toEqual([]);
  });

  it('rejects local process when acceptable set excludes local-erlexec-weak', async () => {
    const { node } = await registeredNode();
    const result = await node.execute(
      governedRequest({ acceptable_attestation: { classes: ['spiffe://prod/microvm-strict@v1'] } }),
    );
    expect(result.status).toBe('rejected');
    expect((result.error as { reason: string }).reason).toBe('no_satisfying_attested_target');
  });

  it('direct lower-lane-owner provenance skips governed authority', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    const request = {
      lane_id: 'process',
      payload: { output: 'direct' },
      provenance: directLowerLaneOwnerProvenance('cli_subprocess_core'),
    };
    const verdict = await node.admit(request);
    expect(verdict.ok && verdict.decision.reason).toBe('direct lower-lane-owner execution');
    expect(verdict.ok && verdict.decision.target_id).toBeNull();
    const result = await node.execute(request);
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('direct');
  });

  it('contract version mismatch is rejected at admission', async () => {
    const { node } = await registeredNode();
    const verdict = await node.admit(governedRequest({ contract_version: 0 }));
    expect(!verdict.ok && verdict.rejection.reason).toBe('contract_version_mismatch');
  });

  it('evidence sink receives admission, target, execution, and cancellation context', async () => {
    const { node, sink } = await registeredNode();
    const result = await node.execute(governedRequest());
    const cancelled = await node.cancel(result.execution_ref as string);
    expect(cancelled).toEqual({ ok: true, cancelled: false });
    expect(sink.types()).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.completed',
      'execution.cancelled',
    ]);
    for (const record of sink.records) {
      expect(record).toMatchObject({
        contract_version: 1,
        policy_bundle_hash: 'sha256:test',
        target_id: 'target-1',
        target_verifier_id: 'test-target-verifier',
        attestation_class: 'local-erlexec-weak',
        lane_id: 'process',
        authority_verifier_id: 'test-authority',
        execution_ref: result.execution_ref,
      });
      expect(Date.parse(record.emitted_at as string)).not.toBeNaN();
    }
  });

  it('describe reports contract range, lanes, verifiers, targets, and authority', async () => {
    const { node } = await registeredNode();
    const descriptor = await node.describe();
    expect(descriptor.contract_version_range).toEqual({ min: 1, max: 1 });
    expect(descriptor.registered_lanes).toMatchObject([{ lane_id: 'process', contract_version: 1 }]);
    expect(descriptor.registered_target_verifiers).toEqual([
      {
        verifier_id: 'test-target-verifier',
        attestation_types: ['stub'],
        capability_classes: ['local-erlexec-weak', 'http-stub'],
      },
    ]);
    expect(descriptor.verified_targets).toHaveLength(1);
    expect(descriptor.authority_verifier).toBe('test-authority');
    expect(descriptor.registration_complete).toBe(true);
    // It is a boundary value: it survives the codec unchanged.
    expect(decodeBoundary(NodeDescriptorSchema, encodeBoundary(NodeDescriptorSchema, descriptor))).toEqual(
      descriptor,
    );
  });

  it('boundary contracts JSON round trip all remote values with contract version', async () => {
    const request = decodeBoundary(AdmissionRequestSchema, governedRequest());
    const ref = createExecutionRef();
    const target = decodeBoundary(TargetDescriptorSchema, {
      target_id: 'target-1',
      lane_id: 'process',
      attested_capability_classes: ['local-erlexec-weak'],
      verifier_id: 'test-target-verifier',
      signature: 'valid',
    });
    const cases = [
      [ExecutionRefSchema, ref],
      [AdmissionRequestSchema, request],
      [
        AdmissionDecisionSchema,
        { request_id: request.request_id, execution_ref: ref.ref, lane_id: 'process' },
      ],
      [AdmissionRejectionSchema, createRejection('contract_version_mismatch', 'mismatch')],
      [TargetAttestationSchema, stubAttestation()],
      [TargetDescriptorSchema, target],
      [
        ExecutionRequestSchema,
        { execution_ref: ref.ref, admission_request: request, target_descriptor: target, lane_id: 'process' },
      ],
      [ExecutionResultSchema, { execution_ref: ref.ref, status: 'succeeded' }],
      [BoundaryExecutionEventSchema, { execution_ref: ref.ref, event_type: 'test.event' }],
      [
        EvidenceSchema,
        {
          evidence_type: 'test.evidence',
          execution_ref: ref.ref,
          request_id: request.request_id,
          target_id: 'target-1',
        },
      ],
      [NodeDescriptorSchema, { node_id: 'node-1', verified_targets: [target] }],
    ] as const;
    for (const [schema, value] of cases) {
      const decoded = decodeBoundary(schema as never, encodeBoundary(schema as never, value)) as {
        contract_version: unknown;
      };
      expect(decoded.contract_version).toBe(1);
    }
    const decodedRequest = decodeBoundary(
      AdmissionRequestSchema,
      encodeBoundary(AdmissionRequestSchema, request),
    );
    expect(decodedRequest.request_id).toBe(request.request_id);
    expect(decodedRequest.acceptable_attestation.classes).toEqual(['local-erlexec-weak']);
  });
});
