import type { ExecutionError } from '../core/errors.js';
import type { OutcomeStatus } from '../core/outcome.js';
import { ChurnTable } from '../internal/churn-table.js';
import type { EvidenceContext } from './evidence-emitter.js';

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
 * Both are {@link ChurnTable}s, not Maps: an entry per execution comes and goes, and a Map's
 * outgrown tables would keep every execution's objects reachable until the next full GC.
 */
export class ExecutionTable {
  #running = new ChurnTable<string, ExecutionRecord>(256);
  #finished = new ChurnTable<string, ExecutionRecord>();
  #retain: number;
  // Finished records, oldest first from `#next`: the ring that says which one to forget.
  #ring: Array<ExecutionRecord | undefined> = [];
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
    this.#running.set(record.ref, record, record.hash);
  }

  get(ref: string): ExecutionRecord | undefined {
    return this.#running.get(ref) ?? this.#finished.get(ref);
  }

  finish(running: ExecutionRecord, status: OutcomeStatus): void {
    running.status = status;
    this.#running.deleteIf(running.ref, running, running.hash);
    if (this.#retain === 0) return;
    // Only what `cancel` reads is kept: not the dispatch with its request, lane and execution,
    // which would otherwise live on (and age into the old generation) for `retainFinished` more.
    const record = finishedRecord(running, status);
    const oldest = this.#ring[this.#next];
    // A ref seen twice (a caller's own refs through `asTarget`) keeps its newest record.
    if (oldest !== undefined) this.#finished.deleteIf(oldest.ref, oldest, oldest.hash);
    this.#ring[this.#next] = record;
    this.#next = (this.#next + 1) % this.#retain;
    this.#finished.set(record.ref, record, record.hash);
  }

  running(): ExecutionRecord[] {
    return this.#running.values();
  }
}

const SETTLED = Promise.resolve();
// A finished execution has nothing left to cancel and has settled.
const ignore = (): void => {};
const settledAlready = (): Promise<void> => SETTLED;

function finishedRecord(record: ExecutionRecord, status: OutcomeStatus): ExecutionRecord {
  return {
    ref: record.ref,
    hash: record.hash,
    mode: record.mode,
    owner: record.owner,
    context: record.context,
    status,
    abort: ignore,
    settled: settledAlready,
  };
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
