import type { EvidenceSink } from '../core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../core/contracts/boundary/evidence.js';
import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { isoNow } from '../internal/clock.js';
import { stableId } from '../internal/ids.js';
import type { Redactor } from '../internal/redact.js';
import { SinkQueue, type SinkStats } from './sink-queue.js';

/**
 * Every evidence type a node emits: an execution's, in the order it produces them, then the
 * attach / detach trail of the terminals the node hosts.
 */
export const EVIDENCE_TYPES = [
  'admission.rejected',
  'admission.accepted',
  'target.selected',
  'execution.started',
  'execution.cancelled',
  'execution.completed',
  'terminal.opened',
  'terminal.attached',
  'terminal.detached',
  'terminal.stopped',
] as const;

/** An evidence type of the node. */
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** The decision context every record carries (all `null` before a decision exists). */
export interface EvidenceContext {
  readonly execution_ref: string | null;
  readonly request_id: string | null;
  readonly lane_id: string | null;
  readonly policy_bundle_hash: string | null;
  readonly target_id: string | null;
  readonly target_verifier_id: string | null;
  readonly attestation_class: string | null;
}

/** The context of a record about something that is not an admitted execution (a terminal). */
export function bareContext(executionRef: string): EvidenceContext {
  return {
    execution_ref: executionRef,
    request_id: null,
    lane_id: null,
    policy_bundle_hash: null,
    target_id: null,
    target_verifier_id: null,
    attestation_class: null,
  };
}

/**
 * Builds evidence records — every payload through the redaction policy (values under
 * credential-looking keys withheld, listed secrets scrubbed, strings capped at 1 024 characters)
 * — and hands each to every registered sink, in registration order, through
 * one {@link SinkQueue} per sink: a slow, throwing or hung sink costs only its own counters.
 */
export class EvidenceEmitter {
  #queues = new Map<string, SinkQueue>();
  #timeoutMs: number;
  #backlog: number;
  #emitted = 0;
  #redactor: Redactor;

  constructor(timeoutMs: number, backlog: number, redactor: Redactor) {
    this.#timeoutMs = timeoutMs;
    this.#backlog = backlog;
    this.#redactor = redactor;
  }

  /** Adds a sink; a sink with a known id replaces the old one in its place. */
  add(sink: EvidenceSink): void {
    this.#queues.set(sink.sinkId, new SinkQueue(sink, this.#timeoutMs, this.#backlog));
  }

  /** Sink ids in delivery order. */
  get sinkIds(): string[] {
    return [...this.#queues.keys()];
  }

  /** True when at least one sink is registered (without one, no record is built). */
  get active(): boolean {
    return this.#queues.size > 0;
  }

  /** Records emitted so far (each reaches every sink). */
  get emitted(): number {
    return this.#emitted;
  }

  emit(
    type: EvidenceType,
    context: EvidenceContext,
    payload: Record<string, unknown>,
    authorityVerifierId: string | null,
  ): void {
    // No sinks: no record is built at all.
    if (this.#queues.size === 0) return;
    const id = (value: string | null) => (value === null ? null : this.#redactor.text(value));
    const record: Evidence = Object.freeze({
      contract_version: 1,
      evidence_id: stableId('ev'),
      evidence_type: type,
      execution_ref: id(context.execution_ref),
      request_id: id(context.request_id),
      policy_bundle_hash: id(context.policy_bundle_hash),
      target_id: id(context.target_id),
      target_verifier_id: id(context.target_verifier_id),
      attestation_class: id(context.attestation_class),
      lane_id: id(context.lane_id),
      authority_verifier_id: id(authorityVerifierId),
      // Payloads are built by the node from JSON values; the policy returns a JSON copy.
      payload: this.#redactor.record(payload) as JsonMap,
      emitted_at: isoNow(),
    });
    this.#emitted++;
    for (const queue of this.#queues.values()) queue.push(record);
  }

  /**
   * Waits until every sink has taken (or failed, or timed out on) every record, then calls each
   * sink's `flush`, each bounded by the sink timeout.
   */
  async flush(): Promise<void> {
    const queues = [...this.#queues.values()];
    await Promise.all(queues.map((queue) => queue.drained()));
    await Promise.all(queues.map((queue) => boundedFlush(queue.sink, this.#timeoutMs)));
  }

  stats(): SinkStats[] {
    return [...this.#queues.values()].map((queue) => queue.stats());
  }
}

async function boundedFlush(sink: EvidenceSink, timeoutMs: number): Promise<void> {
  if (typeof sink.flush !== 'function') return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      sink.flush(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
  } catch {
    // A failing flush is the sink's problem; the node's flush still completes.
  } finally {
    clearTimeout(timer);
  }
}
