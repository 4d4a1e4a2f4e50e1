import type { OutcomeStatus } from '../core/outcome.js';
import type { EvidenceContext } from './evidence-emitter.js';

/** One execution the node dispatched. */
export interface ExecutionRecord {
  readonly ref: string;
  readonly mode: 'execute' | 'stream';
  /** The principal that started it (`null`: the node's in-process caller). */
  readonly owner: string | null;
  readonly context: EvidenceContext;
  /** Aborted to cancel: the target client watches it. */
  readonly controller: AbortController;
  /** Resolves once the execution has ended and its evidence is emitted. */
  readonly settled: Promise<void>;
  status: 'running' | OutcomeStatus;
}

/**
 * Executions in flight, and a bounded memory of finished ones (oldest forgotten first), so
 * `cancel` can tell "already finished" from "never heard of it" and keep the decision context.
 */
export class ExecutionTable {
  #running = new Map<string, ExecutionRecord>();
  #finished = new Map<string, ExecutionRecord>();
  #retain: number;

  constructor(retain: number) {
    this.#retain = retain;
  }

  get runningCount(): number {
    return this.#running.size;
  }

  get finishedCount(): number {
    return this.#finished.size;
  }

  add(record: ExecutionRecord): void {
    this.#running.set(record.ref, record);
  }

  get(ref: string): ExecutionRecord | undefined {
    return this.#running.get(ref) ?? this.#finished.get(ref);
  }

  finish(record: ExecutionRecord, status: OutcomeStatus): void {
    record.status = status;
    if (this.#running.get(record.ref) === record) this.#running.delete(record.ref);
    if (this.#retain === 0) return;
    this.#finished.set(record.ref, record);
    if (this.#finished.size > this.#retain) {
      this.#finished.delete(this.#finished.keys().next().value as string);
    }
  }

  running(): ExecutionRecord[] {
    return [...this.#running.values()];
  }
}
