/**
 * Test doubles ported from the reference's node test fakes. They are real implementations of the
 * interfaces (verifiers, sinks, lanes); the sink only records.
 */
import * as z from 'zod/mini';
import { createRejection } from '../../src/core/contracts/boundary/admission-rejection.js';
import type { AuthorityRef } from '../../src/core/contracts/boundary/authority-ref.js';
import type {
  AdmissionRequestInput,
  AnyLane,
  AuthorityVerifier,
  EvidenceSink,
  TargetVerifier,
  Verdict,
} from '../../src/core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../../src/core/contracts/boundary/evidence.js';
import type { TargetAttestation } from '../../src/core/contracts/boundary/target-attestation.js';
import type { TargetDescriptor } from '../../src/core/contracts/boundary/target-descriptor.js';
import { defineLane } from '../../src/core/define-lane.js';
import { createMemoryLane } from '../../src/core/memory-lane.js';
import {
  createJsonlEvidenceSink,
  createNode,
  LocalWeakVerifier,
  mintLocalAttestation,
  type RuntimeNode,
} from '../../src/node/index.js';

/** The reference's `FakeLane`: lane `process`, streams; here the in-memory lane under that id. */
export const fakeLane = () => createMemoryLane({ id: 'process' });

/** The reference's `FakeHttpLane`: lane `http`, output `{ http: 'ok' }`, no streaming. */
export const fakeHttpLane = () =>
  defineLane({
    id: 'http',
    capabilities: { protocols: ['http'], surfaces: ['remote_http'], supports_stream: false },
    input: z.looseObject({ method: z.string(), url: z.string() }),
    start: async () => ({ output: { http: 'ok' } }),
  });

/** The reference's `AuthorityVerifier`: ref `allow` passes, anything else is `authority_rejected`. */
export class TestAuthority implements AuthorityVerifier {
  readonly verifierId = 'test-authority';
  readonly seen: AuthorityRef[] = [];

  verify(ref: AuthorityRef): Verdict<'claims', Record<string, unknown>> {
    this.seen.push(ref);
    if (ref.ref === 'allow') return { ok: true, claims: { sub: 'test' } };
    return { ok: false, rejection: createRejection('authority_rejected', 'authority rejected') };
  }
}

/**
 * The reference's `TargetVerifier`: handles type `stub`; `evidence.signature === 'valid'` passes and
 * the descriptor reads target_id (default target-1), lane_id (default process) and classes
 * (default [local-erlexec-weak]) from the evidence.
 */
export class TestTargetVerifier implements TargetVerifier {
  readonly verifierId = 'test-target-verifier';
  readonly attestationTypes = ['stub'];
  readonly capabilityClasses = ['local-erlexec-weak', 'http-stub'];

  handles(attestation: TargetAttestation): boolean {
    return attestation.attestation_type === 'stub';
  }

  verify(attestation: TargetAttestation): Verdict<'descriptor', TargetDescriptor> {
    const evidence = attestation.evidence as Record<string, unknown>;
    if (evidence.signature !== 'valid') {
      return {
        ok: false,
        rejection: createRejection('target_attestation_unverifiable', 'invalid target attestation'),
      };
    }
    return {
      ok: true,
      descriptor: {
        contract_version: 1,
        target_id: (evidence.target_id as string | undefined) ?? 'target-1',
        lane_id: (evidence.lane_id as string | undefined) ?? 'process',
        attested_capability_classes: (evidence.classes as string[] | undefined) ?? ['local-erlexec-weak'],
        verifier_id: this.verifierId,
        attestation_id: attestation.attestation_id,
        attested_at: attestation.presented_at,
        expires_at: (evidence.expires_at as string | undefined) ?? null,
        metadata: {},
        signature: 'valid',
      },
    };
  }
}

/** The reference's `Sink`: records every evidence record it is given (a recorder, not a mock). */
export class RecordingSink implements EvidenceSink {
  readonly records: Evidence[] = [];
  constructor(readonly sinkId = 'test-sink') {}

  emit(evidence: Evidence): void {
    this.records.push(evidence);
  }

  types(): string[] {
    return this.records.map((r) => r.evidence_type as string);
  }
}

/** A stub attestation the test verifier accepts (or refuses, with another signature). */
export function stubAttestation(evidence: Record<string, unknown> = {}): Record<string, unknown> {
  return { attestation_type: 'stub', evidence: { signature: 'valid', ...evidence } };
}

/** The reference's `governed_request`: lane process, authority `allow`, policy hash `sha256:test`. */
export function governedRequest(overrides: Record<string, unknown> = {}): AdmissionRequestInput {
  return {
    lane_id: 'process',
    payload: { output: { ok: true } },
    authority_ref: { ref: 'allow' },
    sandbox_profile: { profile_ref: 'sandbox://test', bundle_hash: 'sha256:test' },
    acceptable_attestation: { classes: ['local-erlexec-weak'] },
    ...overrides,
  } as AdmissionRequestInput;
}

/** Registrations of the reference's `register_runtime`: everything, one in-process target. */
export async function registeredNode(
  options: Parameters<typeof createNode>[0] = {},
  lane: AnyLane = fakeLane(),
): Promise<{
  node: RuntimeNode;
  sink: RecordingSink;
  authority: TestAuthority;
}> {
  const node = createNode({ nodeId: 'node-test', ...options });
  const sink = new RecordingSink();
  const authority = new TestAuthority();
  node.registerLane(lane);
  node.registerTargetVerifier(new TestTargetVerifier());
  node.registerEvidenceSink(sink);
  node.registerAuthorityVerifier(authority);
  const connected = await node.connectTarget(stubAttestation());
  if (!connected.ok) throw new Error(`target did not connect: ${connected.rejection.message}`);
  node.completeRegistration();
  return { node, sink, authority };
}

/** A governed node with one lane, the local weak verifier, an authority and a JSONL sink. */
export async function governedNode(lane: AnyLane, evidencePath: string) {
  const node = createNode({ nodeId: 'real-node', allowDirect: false });
  const sink = createJsonlEvidenceSink(evidencePath);
  node.registerLane(lane);
  node.registerTargetVerifier(new LocalWeakVerifier());
  node.registerAuthorityVerifier(new TestAuthority());
  node.registerEvidenceSink(sink);
  const connected = await node.connectTarget(
    mintLocalAttestation({ targetId: `local-${lane.id}`, laneId: lane.id }),
  );
  if (!connected.ok) throw new Error(`target did not connect: ${connected.rejection.message}`);
  node.completeRegistration();
  return { node, sink };
}

/** A governed request for `laneId` with `payload`. */
export function governed(laneId: string, payload: Record<string, unknown>) {
  return {
    lane_id: laneId,
    payload,
    authority_ref: { ref: 'allow' },
    sandbox_profile: { profile_ref: 'sandbox://real', bundle_hash: 'sha256:real' },
    acceptable_attestation: { classes: ['local-erlexec-weak'] },
  };
}
