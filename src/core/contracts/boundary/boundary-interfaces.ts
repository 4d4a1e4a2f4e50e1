import type { ExecutionEvent } from '../../event.js';
import type { Lane } from '../../lane.js';
import type { AdmissionDecision } from './admission-decision.js';
import type { AdmissionRejection } from './admission-rejection.js';
import type { AuthorityRef } from './authority-ref.js';
import type { Evidence } from './evidence.js';
import type { ExecutionRef } from './execution-ref.js';
import type { ExecutionRequest } from './execution-request.js';
import type { ExecutionResult } from './execution-result.js';
import type { NodeDescriptor } from './node-descriptor.js';
import type { TargetAttestation } from './target-attestation.js';
import type { TargetDescriptor } from './target-descriptor.js';

/** Options passed through node calls to verifiers and sinks. */
export type BoundaryCallOptions = Readonly<Record<string, unknown>>;

/** A verdict: the value, or the rejection that refused it. */
export type Verdict<K extends string, T> =
  | ({ readonly ok: true } & { readonly [P in K]: T })
  | { readonly ok: false; readonly rejection: AdmissionRejection };

/**
 * What a caller hands a node for admission: the wire `AdmissionRequest` with every field but
 * `lane_id` optional. Nodes decode it themselves, so any value is accepted at run time and bad
 * input comes back as an `invalid_request` rejection.
 */
export interface AdmissionRequestInput {
  readonly contract_version?: number | string | undefined;
  readonly request_id?: string | null | undefined;
  readonly lane_id: string;
  readonly operation?: string | null | undefined;
  /** The lane's payload (for the process lane: `{ command, args … }`). */
  readonly payload?: Readonly<Record<string, unknown>> | undefined;
  readonly authority_ref?: Readonly<Record<string, unknown>> | null | undefined;
  readonly sandbox_profile?: Readonly<Record<string, unknown>> | null | undefined;
  readonly acceptable_attestation?:
    | { readonly classes?: readonly string[]; readonly priority_order?: readonly string[] | null }
    | undefined;
  readonly placement?: Readonly<Record<string, unknown>> | null | undefined;
  readonly constraints?: readonly unknown[] | undefined;
  readonly provenance?: Readonly<Record<string, unknown>> | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** Verifies authority refs for governed admission (one per node; Citadel may provide it). */
export interface AuthorityVerifier {
  readonly verifierId: string;
  /** Claims on success (the node discards them), a rejection otherwise. */
  verify(
    ref: AuthorityRef,
    options?: BoundaryCallOptions,
  ): Verdict<'claims', Record<string, unknown>> | Promise<Verdict<'claims', Record<string, unknown>>>;
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
  ): Verdict<'descriptor', TargetDescriptor> | Promise<Verdict<'descriptor', TargetDescriptor>>;
}

/** Any lane, whatever its payload, output and events. */
// biome-ignore lint/suspicious/noExplicitAny: a node holds lanes of every payload and event type.
export type AnyLane = Lane<any, any, any>;

/** What a node passes a target client with each dispatch. */
export interface TargetCallOptions {
  /** The lane the node registered for the request's `lane_id`; in-process targets run it. */
  readonly lane?: AnyLane | undefined;
  /** Aborted when the node cancels the execution (its `cancel`, the caller's signal, `close`). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A running execution's events (iterate it; a slow consumer slows the lane down) and its result
 * once it ends. Breaking out of the loop stops reading without cancelling the execution.
 */
export interface ExecutionStream extends AsyncIterable<ExecutionEvent> {
  /** The admitted execution ref; cancel with it. */
  readonly executionRef: string;
  /** The execution's result; `events` holds the final `execution.completed` event. */
  readonly result: Promise<ExecutionResult>;
}

/** The node-to-target seam (in-process or remote). One dispatch goes to exactly one target. */
export interface TargetClient {
  describe(): Promise<Record<string, unknown>>;
  /** Runs the request to its end. Failures are results (`failed`, `rejected` …), never rejections. */
  execute(request: ExecutionRequest, options?: TargetCallOptions): Promise<ExecutionResult>;
  /** Starts the request and streams its events, or refuses it (`stream_not_supported` …). */
  stream(request: ExecutionRequest, options?: TargetCallOptions): Promise<Verdict<'events', ExecutionStream>>;
  /** Cancels a running execution; `cancelled: false` when it had already ended. */
  cancel(ref: ExecutionRef): Promise<Verdict<'cancelled', boolean>>;
}

/** Receives every evidence record a node emits, in emission order. */
export interface EvidenceSink {
  readonly sinkId: string;
  /** Returning a promise makes the node wait (bounded) before handing this sink the next record. */
  emit(evidence: Evidence, options?: BoundaryCallOptions): void | Promise<void>;
  flush?(options?: BoundaryCallOptions): Promise<void>;
}

/** Per-call options of a {@link RuntimeClient}'s `execute` and `stream`. */
export interface RuntimeCallOptions {
  /** Aborting cancels the execution (it ends `cancelled`). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Timeout of the execution in ms (`null`: none); the lane's default when missing.
   * @defaultValue the lane's default timeout
   */
  readonly timeoutMs?: number | null | undefined;
}

/** The consumer-to-node seam; local and remote implementations are interchangeable. */
export interface RuntimeClient {
  describe(): Promise<NodeDescriptor>;
  admit(request: AdmissionRequestInput): Promise<Verdict<'decision', AdmissionDecision>>;
  /** Admits and runs; a refusal is a result with status `rejected`, never a rejected promise. */
  execute(request: AdmissionRequestInput, options?: RuntimeCallOptions): Promise<ExecutionResult>;
  stream(
    request: AdmissionRequestInput,
    options?: RuntimeCallOptions,
  ): Promise<Verdict<'events', ExecutionStream>>;
  cancel(ref: ExecutionRef | string): Promise<Verdict<'cancelled', boolean>>;
}
