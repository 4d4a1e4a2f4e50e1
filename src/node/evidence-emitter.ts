import type { AdmissionDecision } from '../core/contracts/boundary/admission-decision.js';
import type { EvidenceSink } from '../core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../core/contracts/boundary/evidence.js';
import type { ExecutionRequest } from '../core/contracts/boundary/execution-request.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import type { Fingerprint } from '../core/kernel/fingerprint.js';
import { isoNow } from '../internal/clock.js';
import { stableId } from '../internal/ids.js';
import type { Redactor } from '../internal/redact.js';
import { isSharedProvenance } from './decode-request.js';
import { deepFreeze } from './deep-freeze.js';
import { type EvidenceContext, PolicyIds } from './evidence-context.js';
import { CompletedPayloads, completedPayload } from './evidence-payloads.js';
import { sharedFingerprint } from './fingerprint-sync.js';
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

/**
 * Builds evidence records — every payload through the redaction policy (values under
 * credential-looking keys withheld, listed secrets scrubbed, strings capped at 1 024 characters)
 * — and hands each to every registered sink, in registration order, through
 * one {@link SinkQueue} per sink: a slow, throwing or hung sink costs only its own counters.
 */
export class EvidenceEmitter {
  #queues = new Map<string, SinkQueue>();
  // The same queues in delivery order, as an array: no Map iterator per record.
  #list: SinkQueue[] = [];
  #timeoutMs: number;
  #backlog: number;
  #emitted = 0;
  #redactor: Redactor;
  #completed: CompletedPayloads;
  #shared = new WeakMap<object, JsonMap>();
  // [value, copy, value, copy]: the last two values #sharedCopy answered for.
  #recent: [object | null, JsonMap | null, object | null, JsonMap | null] = [null, null, null, null];
  #nextRecent = 0;
  #lastFingerprint: { sha256: string; byte_size: number; copy: JsonMap } | undefined;
  // The policy's answers for the ids and words every record repeats.
  readonly #ids: PolicyIds;

  constructor(timeoutMs: number, backlog: number, redactor: Redactor) {
    this.#timeoutMs = timeoutMs;
    this.#backlog = backlog;
    this.#redactor = redactor;
    this.#ids = new PolicyIds(redactor);
    this.#completed = new CompletedPayloads(redactor, (value) => this.#fingerprint(value));
  }

  /** Adds a sink; a sink with a known id replaces the old one in its place. */
  add(sink: EvidenceSink): void {
    this.#queues.set(sink.sinkId, new SinkQueue(sink, this.#timeoutMs, this.#backlog));
    this.#list = [...this.#queues.values()];
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

  /** Emits a record whose payload is copied through the redaction policy now. */
  emit(
    type: EvidenceType,
    context: EvidenceContext,
    payload: Record<string, unknown>,
    authorityVerifierId: string | null,
  ): void {
    // No sinks: no record is built at all.
    if (this.#queues.size === 0) return;
    // Payloads are built by the node from JSON values; the policy returns a JSON copy.
    this.#push(type, context, this.#redactor.record(payload) as JsonMap, authorityVerifierId);
  }

  /**
   * Emits `execution.completed` for `result` (which the caller keeps and may change later: the
   * payload is a redacted copy made now). The common end — no error, flat metrics, no listed
   * secret — is copied through the policy in one pass, with the shared fingerprint copy.
   */
  emitCompleted(context: EvidenceContext, result: ExecutionResult, authorityVerifierId: string | null): void {
    if (this.#queues.size === 0) return;
    const payload =
      this.#completed.redacted(result) ?? (this.#redactor.record(completedPayload(result)) as JsonMap);
    this.#push('execution.completed', context, payload, authorityVerifierId);
  }

  /**
   * Emits `admission.accepted`. The decision's ids are the context's, whose redacted forms the
   * emitter keeps anyway, so the payload is built from them at once — the copy {@link emit} would
   * make, at the cost of one object, with no payload left to redact on first read.
   */
  emitAccepted(
    context: EvidenceContext,
    decision: AdmissionDecision,
    authorityVerifierId: string | null,
  ): void {
    if (this.#queues.size === 0) return;
    // The decision's ref was minted by the node (`unguessableId`) a moment ago.
    const ids = this.#ids.of(context, true);
    // Without listed secrets the policy leaves the decision's keys alone; when it also left every
    // id and word as it was, its copy would equal the decision, which is frozen: that is the payload.
    if (
      ids === context &&
      !this.#redactor.hasSecrets &&
      decision.evidence.length === 0 &&
      this.#ids.word(decision.status) === decision.status &&
      this.#ids.word(decision.reason) === decision.reason &&
      decision.request_id === context.request_id &&
      decision.execution_ref === context.execution_ref &&
      decision.target_id === context.target_id &&
      decision.lane_id === context.lane_id &&
      decision.attestation_class === context.attestation_class
    ) {
      this.#push('admission.accepted', context, decision as unknown as JsonMap, authorityVerifierId);
      return;
    }
    const payload: JsonMap = {
      contract_version: decision.contract_version,
      request_id: this.#as(decision.request_id, context.request_id, ids.request_id),
      status: this.#ids.word(decision.status),
      execution_ref: this.#as(decision.execution_ref, context.execution_ref, ids.execution_ref),
      target_id: this.#as(decision.target_id, context.target_id, ids.target_id),
      lane_id: this.#as(decision.lane_id, context.lane_id, ids.lane_id),
      attestation_class: this.#as(
        decision.attestation_class,
        context.attestation_class,
        ids.attestation_class,
      ),
      reason: this.#ids.word(decision.reason),
      // The policy's copy of an empty list is an empty list (admission adds no evidence of its own).
      evidence: decision.evidence.length === 0 ? [] : (this.#redactor.record(decision.evidence) as JsonMap[]),
    };
    this.#push('admission.accepted', context, payload, authorityVerifierId);
  }

  /**
   * Emits `execution.started`: what was dispatched, where and how. Its ids are the context's,
   * kept redacted; a provenance requests share (the default, a repeated one) has one frozen
   * redacted copy; the payload's fingerprint is two fields. So the payload is built at once — the
   * copy {@link emit} would make. Raw payloads never enter evidence: only their fingerprint.
   */
  emitStarted(
    context: EvidenceContext,
    request: ExecutionRequest,
    mode: 'execute' | 'stream',
    authorityVerifierId: string | null,
  ): void {
    if (this.#queues.size === 0) return;
    const ids = this.#ids.of(context);
    const redactor = this.#redactor;
    const fingerprint = sharedFingerprint(request.payload);
    const payload: JsonMap = {
      execution_ref: this.#as(request.execution_ref, context.execution_ref, ids.execution_ref),
      mode: this.#ids.word(mode),
      lane_id: this.#as(request.lane_id, context.lane_id, ids.lane_id),
      operation: this.#ids.text(request.operation),
      target_id: this.#as(request.target_descriptor?.target_id ?? null, context.target_id, ids.target_id),
      provenance: isSharedProvenance(request.provenance)
        ? this.#sharedCopy(request.provenance)
        : (redactor.record(request.provenance) as JsonMap),
      payload_fingerprint: fingerprint === null ? null : this.#fingerprint(fingerprint),
      timeout_ms: plainTimeout(request.metadata.timeout_ms, redactor),
    };
    this.#push('execution.started', context, payload, authorityVerifierId);
  }

  // The redacted fingerprint, frozen and shared while payloads repeat (`{}` most of all).
  #fingerprint(fingerprint: Readonly<Fingerprint>): JsonMap {
    const last = this.#lastFingerprint;
    if (last?.sha256 === fingerprint.sha256 && last.byte_size === fingerprint.byte_size) return last.copy;
    const copy = Object.freeze({
      sha256: this.#ids.text(fingerprint.sha256),
      byte_size: fingerprint.byte_size,
    });
    this.#lastFingerprint = { sha256: fingerprint.sha256, byte_size: fingerprint.byte_size, copy };
    return copy;
  }

  // `value` through the policy: the kept redacted form when it is the context's own id.
  #as(value: string | null, original: string | null, redacted: string | null): string | null {
    return value === original ? redacted : this.#ids.text(value);
  }

  /**
   * Emits a record whose payload is a frozen value many records share (a target descriptor): it
   * is copied through the policy once per value and the copy, frozen deep, goes into every record.
   */
  emitShared(
    type: EvidenceType,
    context: EvidenceContext,
    payload: Readonly<Record<string, unknown>>,
    authorityVerifierId: string | null,
  ): void {
    if (this.#queues.size === 0) return;
    this.#push(type, context, this.#sharedCopy(payload), authorityVerifierId);
  }

  // One redacted copy, frozen deep, per frozen value that many records carry. The two values of
  // the last execution (its target's descriptor, its provenance) are found without the WeakMap.
  #sharedCopy(value: Readonly<Record<string, unknown>>): JsonMap {
    const recent = this.#recent;
    if (recent[0] === value) return recent[1] as JsonMap;
    if (recent[2] === value) return recent[3] as JsonMap;
    let copy = this.#shared.get(value);
    if (copy === undefined) {
      copy = deepFreeze(this.#redactor.record(value)) as JsonMap;
      this.#shared.set(value, copy);
    }
    const slot = this.#nextRecent;
    recent[slot] = value;
    recent[slot + 1] = copy;
    this.#nextRecent = 2 - slot;
    return copy;
  }

  #push(
    type: EvidenceType,
    context: EvidenceContext,
    payload: JsonMap,
    authorityVerifierId: string | null,
  ): void {
    const ids = this.#ids.of(context);
    const record = {
      contract_version: 1,
      evidence_id: stableId('ev'),
      evidence_type: type,
      execution_ref: ids.execution_ref,
      request_id: ids.request_id,
      policy_bundle_hash: ids.policy_bundle_hash,
      target_id: ids.target_id,
      target_verifier_id: ids.target_verifier_id,
      attestation_class: ids.attestation_class,
      lane_id: ids.lane_id,
      authority_verifier_id: this.#ids.authority(authorityVerifierId),
      payload,
      emitted_at: isoNow(),
    } as Evidence;
    Object.freeze(record);
    this.#emitted++;
    const list = this.#list;
    for (let i = 0; i < list.length; i++) (list[i] as SinkQueue).push(record);
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

// The policy keeps numbers and `null` as they are: only another value needs its copy.
function plainTimeout(value: unknown, redactor: Redactor): JsonMap[string] {
  if (value === undefined || value === null) return null;
  return (typeof value === 'number' ? value : redactor.record(value)) as JsonMap[string];
}
