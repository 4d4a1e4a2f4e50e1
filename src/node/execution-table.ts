import type { ExecutionError } from '../core/errors.js';
import type { OutcomeStatus } from '../core/outcome.js';
import { ChurnTable } from '../internal/churn-table.js';
import type { EvidenceContext } from './evidence-context.js';
import { FinishedRing } from './finished-ring.js';

/** One execution the node dispatched. */
export interface ExecutionRecord {
  readonly ref: string;
  /** `ChurnTable.hash(ref)`, computed once: the table is asked about a record four times. */
  readonly hash: number;
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
 * The running ones are a {@link ChurnTable}, not a Map: an entry per execution comes and goes, and
 * a Map's outgrown tables would keep every execution's objects reachable until the next full GC;
 * the finished ones are columns of a {@link FinishedRing}.
 */
export class ExecutionTable {
  #running = new ChurnTable<string, ExecutionRecord>(256);
  #finished: FinishedRing;

  constructor(retain: number) {
    this.#finished = new FinishedRing(retain);
  }

  get runningCount(): number {
    return this.#running.size;
  }

  get finishedCount(): number {
    return this.#finished.size;
  }

  add(record: ExecutionRecord): void {
    this.#running.set(record.ref, record, record.hash);
  }

  get(ref: string): ExecutionRecord | undefined {
    const hash = ChurnTable.hash(ref);
    return this.#running.get(ref, hash) ?? this.#finished.get(ref, hash);
  }

  finish(running: ExecutionRecord, status: OutcomeStatus): void {
    running.status = status;
    this.#running.deleteIf(running.ref, running, running.hash);
    // Only what `cancel` reads is kept: not the dispatch with its request, lane and execution,
    // which would otherwise live on (and age into the old generation) for `retainFinished` more.
    this.#finished.add(running, status);
  }

  running(): ExecutionRecord[] {
    return this.#running.values();
  }
}

/** Resolves when every record has settled, or after `ms`, whichever comes first. */
export async function settledWithin(
  records: readonly { settled(): Promise<void> }[],
  ms: number,
): Promise<void> {
  if (records.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.all(records.map((record) => record.settled())), elapsed]);
  clearTimeout(timer);
}
