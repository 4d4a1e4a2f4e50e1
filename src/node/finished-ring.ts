import type { OutcomeStatus } from '../core/outcome.js';
import type { EvidenceContext } from './evidence-context.js';
import type { ExecutionRecord } from './execution-table.js';

const SETTLED = Promise.resolve();
// A finished execution has nothing left to cancel and has settled.
const ignore = (): void => {};
const settledAlready = (): Promise<void> => SETTLED;

/**
 * The newest `retain` finished executions, as `cancel` reads them (ref, owner, mode, status,
 * decision context), so it can tell "already finished" from "never heard of it". Kept in
 * columns of a ring, not as an object each, and found by ref through an open-addressing index of
 * ring positions in an `Int32Array`: a finished execution costs no object of its own, the index
 * holds no references for the garbage collector to trace, and forgetting the oldest is a few
 * integer moves. (A table of records per finished execution was about a tenth of a governed
 * no-op execution's CPU: each record lived just long enough to be copied and promoted.)
 */
export class FinishedRing {
  readonly #retain: number;
  #refs: (string | undefined)[] = [];
  #hashes: number[] = [];
  #owners: (string | null)[] = [];
  #modes: ExecutionRecord['mode'][] = [];
  #statuses: OutcomeStatus[] = [];
  #contexts: (EvidenceContext | undefined)[] = [];
  #next = 0;
  #size = 0;
  // Slot → ring position + 1 (0: empty); at most half full. Made on the first finish.
  #index: Int32Array | undefined;
  #mask = 0;

  /** `retain`: how many finished executions are remembered (0: none). */
  constructor(retain: number) {
    this.#retain = retain;
  }

  /** Distinct refs remembered. */
  get size(): number {
    return this.#size;
  }

  /** Remembers `record` as finished with `status`, forgetting the oldest past `retain`. */
  add(record: ExecutionRecord, status: OutcomeStatus): void {
    if (this.#retain === 0) return;
    this.#index ??= this.#makeIndex();
    const pos = this.#next;
    this.#next = (pos + 1) % this.#retain;
    if (this.#refs[pos] !== undefined) this.#unindex(pos);
    this.#refs[pos] = record.ref;
    this.#hashes[pos] = record.hash;
    this.#owners[pos] = record.owner;
    this.#modes[pos] = record.mode;
    this.#statuses[pos] = status;
    this.#contexts[pos] = record.context;
    // A ref seen twice (a caller's own refs through `asTarget`) is found at its newest position.
    const slot = this.#find(record.ref, record.hash);
    if (slot >= 0) {
      this.#index[slot] = pos + 1;
      return;
    }
    this.#index[~slot] = pos + 1;
    this.#size++;
  }

  /** The finished execution `ref` (with `hash`, `ChurnTable.hash(ref)`), if still remembered. */
  get(ref: string, hash: number): ExecutionRecord | undefined {
    if (this.#index === undefined) return undefined;
    const slot = this.#find(ref, hash);
    if (slot < 0) return undefined;
    const pos = (this.#index[slot] as number) - 1;
    return {
      ref,
      hash,
      mode: this.#modes[pos] as ExecutionRecord['mode'],
      owner: this.#owners[pos] as string | null,
      context: this.#contexts[pos] as EvidenceContext,
      status: this.#statuses[pos] as OutcomeStatus,
      abort: ignore,
      settled: settledAlready,
    };
  }

  #makeIndex(): Int32Array {
    let slots = 16;
    while (slots < this.#retain * 2) slots *= 2;
    this.#mask = slots - 1;
    return new Int32Array(slots);
  }

  // The slot whose position holds `ref`, else `~slot` of the empty slot that ends its probe run.
  #find(ref: string, hash: number): number {
    const index = this.#index as Int32Array;
    const mask = this.#mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = index[slot] as number;
      if (entry === 0) return ~slot;
      const pos = entry - 1;
      if (this.#hashes[pos] === hash && this.#refs[pos] === ref) return slot;
    }
  }

  // Drops the index entry that points at `pos` (none when a newer position took its ref), then
  // moves the rest of its probe run up (backward shift: no tombstones).
  #unindex(pos: number): void {
    const index = this.#index as Int32Array;
    const mask = this.#mask;
    let slot = (this.#hashes[pos] as number) & mask;
    for (; index[slot] !== pos + 1; slot = (slot + 1) & mask) if (index[slot] === 0) return;
    index[slot] = 0;
    this.#size--;
    for (let next = (slot + 1) & mask; index[next] !== 0; next = (next + 1) & mask) {
      const home = (this.#hashes[(index[next] as number) - 1] as number) & mask;
      // `next` stays when its home lies cyclically in (slot, next].
      const stays = slot <= next ? slot < home && home <= next : slot < home || home <= next;
      if (stays) continue;
      index[slot] = index[next] as number;
      index[next] = 0;
      slot = next;
    }
  }
}
