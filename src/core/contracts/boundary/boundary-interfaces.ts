import type { AdmissionDecision } from './admission-decision.js';
import type { AdmissionRejection } from './admission-rejection.js';
import type { AdmissionRequest } from './admission-request.js';
import type { AuthorityRef } from './authority-ref.js';
import type { BoundaryExecutionEvent } from './boundary-execution-event.js';
import type { Evidence } from './evidence.js';
import type { ExecutionRef } from './execution-ref.js';
import type { ExecutionRequest } from './execution-request.js';
import type { ExecutionResult } from './execution-result.js';
import type { NodeDescriptor } from './node-descriptor.js';
import type { TargetAttestation } from './target-attestation.js';
import type { TargetDescriptor } from './target-descriptor.js';

/** Options passed through node calls to verifiers, clients and sinks. */
export type BoundaryCallOptions = Readonly<Record<string, unknown>>;

/** A verdict: the value, or the rejection that refused it. */
export type Verdict<K extends string, T> =
  | ({ readonly ok: true } & { readonly [P in K]: T })
  | { readonly ok: false; readonly rejection: AdmissionRejection };

/** Verifies authority refs for governed admission (one per node; Citadel may provide it). */
export interface AuthorityVerifier {
  readonly verifierId: string;
  /** Claims on success (the node discards them), a rejection otherwise. */
  verify(
    ref: AuthorityRef,
    options?: BoundaryCallOptions,
  ): Promise<Verdict<'claims', Record<string, unknown>>>;
}

/** Turns a target's attestation into a verified descriptor before it may be routed to. */
export interface TargetVerifier {
  readonly verifierId: string;
  readonly attestationTypes: readonly string[];
  readonly capabilityClasses: readonly string[];
  /** True when this verifier understands the attestation. */
  handles(attestation: TargetAttestation): boolean;
  verify(
    attestation: TargetAttestation,
    options?: BoundaryCallOptions,
  ): Promise<Verdict<'descriptor', TargetDescriptor>>;
}

/** The node-to-target seam (in-process or remote). */
export interface TargetClient {
  describe(options?: BoundaryCallOptions): Promise<Record<string, unknown>>;
  execute(request: ExecutionRequest, options?: BoundaryCallOptions): Promise<ExecutionResult>;
  stream(
    request: ExecutionRequest,
    options?: BoundaryCallOptions,
  ): Promise<Verdict<'events', AsyncIterable<BoundaryExecutionEvent>>>;
  cancel(ref: ExecutionRef, options?: BoundaryCallOptions): Promise<void>;
}

/** Receives every evidence record a node emits. */
export interface EvidenceSink {
  readonly sinkId: string;
  emit(evidence: Evidence, options?: BoundaryCallOptions): void | Promise<void>;
  flush?(options?: BoundaryCallOptions): Promise<void>;
}

/** The consumer-to-node seam; local and remote implementations are interchangeable. */
export interface RuntimeClient {
  describe(options?: BoundaryCallOptions): Promise<NodeDescriptor>;
  admit(
    request: AdmissionRequest,
    options?: BoundaryCallOptions,
  ): Promise<Verdict<'decision', AdmissionDecision>>;
  execute(request: AdmissionRequest, options?: BoundaryCallOptions): Promise<ExecutionResult>;
  stream(
    request: AdmissionRequest,
    options?: BoundaryCallOptions,
  ): Promise<Verdict<'events', AsyncIterable<BoundaryExecutionEvent>>>;
  cancel(ref: ExecutionRef | string, options?: BoundaryCallOptions): Promise<Verdict<'cancelled', true>>;
}
