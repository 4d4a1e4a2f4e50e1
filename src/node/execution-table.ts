import type { ExecutionError } from '../core/errors.js';
import type { OutcomeStatus } from '../core/outcome.js';
import type { EvidenceContext } from './evidence-emitter.js';

/** One execution the node dispatched. */
export interface ExecutionRecord {
  readonly ref: string;
  readonly mode: 'execute' | 'stream';
  /** The principal that started it (`null`: the node's in-process caller). */
  readonly owner: string | null;
  readonly context: EvidenceContext;
  /** Cancels it with `reason` (an abort of the signal its target watches, or of the in-process execution). */
  abort(reason: ExecutionError): void;
  /** Resolves once the execution has ended and its evidence is emitted. */
  settled(): Promise<void>;
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
  #order: string[] = [];
  #next = 0;

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

  finish(running: ExecutionRecord, status: OutcomeStatus): void {
    running.status = status;
    if (this.#running.get(running.ref) === running) this.#running.delete(running.ref);
    if (this.#retain === 0) return;
    // Only what `cancel` reads is kept: not the dispatch with its request, lane and execution,
    // which would otherwise live on (and age into the old generation) for `retainFinished` more.
    const record = finishedRecord(running, status);
    // Oldest first through a ring of refs: asking a Map for its first key walks past every entry
    // deleted before it, which made each finish cost more the longer the node ran.
    const oldest = this.#order[this.#next];
    if (oldest !== undefined) this.#finished.delete(oldest);
    this.#order[this.#next] = record.ref;
    this.#next = (this.#next + 1) % this.#retain;
    this.#finished.set(record.ref, record);
  }

  running(): ExecutionRecord[] {
    return [...this.#running.values()];
  }
}

const SETTLED = Promise.resolve();
// A finished execution has nothing left to cancel and has settled.
const ignore = (): void => {};
const settledAlready = (): Promise<void> => SETTLED;

function finishedRecord(record: ExecutionRecord, status: OutcomeStatus): ExecutionRecord {
  return {
    ref: record.ref,
    mode: record.mode,
    owner: record.owner,
    context: record.context,
    status,
    abort: ignore,
    settled: settledAlready,
  };
}
