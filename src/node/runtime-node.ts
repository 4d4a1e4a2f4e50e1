import type {
  AnyLane,
  AuthorityVerifier,
  EvidenceSink,
  RuntimeClient,
  TargetClient,
  TargetVerifier,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import type { TargetDescriptor } from '../core/contracts/boundary/target-descriptor.js';
import type { SinkStats } from './sink-queue.js';

/** Counters of a node (see {@link RuntimeNode.stats}). */
export interface NodeStats {
  /** Executions running now (execute and stream). */
  readonly in_flight: number;
  /** Finished executions still remembered (bounded by `retainFinished`). */
  readonly finished_retained: number;
  /** Requests accepted by admission (admit, execute, stream). */
  readonly admitted: number;
  /** Requests refused by admission. */
  readonly rejected: number;
  /** Evidence records emitted (each reaches every sink). */
  readonly evidence_emitted: number;
  /** Delivery counters per sink, in registration order. */
  readonly sinks: readonly SinkStats[];
}

/**
 * A runtime node: registrations, a routing table of verified targets, governed admission,
 * concurrent executions with in-flight cancel, and evidence to every sink. It is itself a
 * {@link RuntimeClient}, so code written against a runtime client can take it directly.
 */
export interface RuntimeNode extends RuntimeClient, AsyncDisposable {
  readonly nodeId: string;
  /** Registers a lane under its id (again: replaces it in place). */
  registerLane(lane: AnyLane): void;
  /** Registers a target verifier; `connectTarget` asks verifiers in registration order. */
  registerTargetVerifier(verifier: TargetVerifier): void;
  /** Registers an evidence sink; records reach sinks in registration order. */
  registerEvidenceSink(sink: EvidenceSink): void;
  /** Sets the one authority verifier (the last registered wins). */
  registerAuthorityVerifier(verifier: AuthorityVerifier): void;
  /** Opens the node to governed traffic (idempotent; registering afterwards is still allowed). */
  completeRegistration(): void;
  /**
   * Verifies a target's attestation and, when a verifier vouches for it, routes the target's lane
   * to `client` — a `RemoteTargetClient`, or any `TargetClient` of your own. Without `client`, the
   * target runs in this process, on this node's registered lanes.
   */
  connectTarget(
    attestation: unknown,
    client?: TargetClient,
  ): Promise<Verdict<'descriptor', TargetDescriptor>>;
  /**
   * This node as a target for other nodes: runs execution requests they admitted on this node's
   * lanes, recorded and cancellable here, without admitting them again.
   */
  asTarget(): TargetClient;
  /** Counters: executions, admissions, evidence per sink. */
  stats(): NodeStats;
  /** Resolves once every sink has taken (or failed, or timed out on) every record so far. */
  flushEvidence(): Promise<void>;
  /**
   * Refuses new work (`node_closed`), lets executions in flight finish for `closeGraceMs` (default
   * 0), cancels those still running, waits for them to end and flushes the sinks. Idempotent.
   */
  close(): Promise<void>;
}
