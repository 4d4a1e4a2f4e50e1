import type { EvidenceSink } from '../core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../core/contracts/boundary/evidence.js';
import { isThenable } from './bounded-call.js';

/** Delivery counters of one evidence sink. */
export interface SinkStats {
  readonly sink_id: string;
  /** Records the sink took (returned, or its promise resolved in time). */
  readonly delivered: number;
  /** Records whose `emit` threw or rejected. */
  readonly failed: number;
  /** Records whose `emit` promise did not settle within `sinkTimeoutMs`. */
  readonly timed_out: number;
  /** Records dropped because the sink's backlog was full. */
  readonly dropped: number;
  /** Records waiting for this sink now. */
  readonly backlog: number;
}

/**
 * One sink's delivery line: records go to the sink one at a time, in emission order. A sink that
 * returns nothing is called inline (no promise, no timer); one that returns a promise gets
 * `timeoutMs` to settle, meanwhile later records wait in a bounded backlog. A throw, rejection or
 * timeout is counted and never reaches the node or the execution.
 */
export class SinkQueue {
  readonly sink: EvidenceSink;
  #timeoutMs: number;
  #capacity: number;
  #backlog: Evidence[] = [];
  #head = 0;
  #busy = false;
  #idle: Array<() => void> = [];
  #delivered = 0;
  #failed = 0;
  #timedOut = 0;
  #dropped = 0;

  constructor(sink: EvidenceSink, timeoutMs: number, capacity: number) {
    this.sink = sink;
    this.#timeoutMs = timeoutMs;
    this.#capacity = capacity;
  }

  push(record: Evidence): void {
    if (!this.#busy) {
      this.#send(record);
      return;
    }
    if (this.#backlog.length - this.#head >= this.#capacity) this.#dropped++;
    else this.#backlog.push(record);
  }

  /** Resolves once every queued record has been delivered, failed or timed out. */
  drained(): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  stats(): SinkStats {
    return {
      sink_id: this.sink.sinkId,
      delivered: this.#delivered,
      failed: this.#failed,
      timed_out: this.#timedOut,
      dropped: this.#dropped,
      backlog: this.#backlog.length - this.#head,
    };
  }

  #send(record: Evidence): void {
    let result: unknown;
    try {
      result = this.sink.emit(record);
    } catch {
      this.#failed++;
      return;
    }
    if (!isThenable(result)) {
      this.#delivered++;
      return;
    }
    this.#busy = true;
    let settled = false;
    const settle = (outcome: 'delivered' | 'failed' | 'timed_out') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome === 'delivered') this.#delivered++;
      else if (outcome === 'failed') this.#failed++;
      else this.#timedOut++;
      this.#next();
    };
    // The abandoned promise of a hung sink may settle later; `settled` makes that a no-op.
    const timer = setTimeout(() => settle('timed_out'), this.#timeoutMs);
    try {
      result.then(
        () => settle('delivered'),
        () => settle('failed'),
      );
    } catch {
      settle('failed');
    }
  }

  #next(): void {
    this.#busy = false;
    while (!this.#busy && this.#head < this.#backlog.length) {
      const record = this.#backlog[this.#head] as Evidence;
      this.#head++;
      this.#send(record);
    }
    if (this.#head === this.#backlog.length) {
      this.#backlog = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#backlog.length) {
      // Keep a long-busy sink's array from growing with records it has already taken.
      this.#backlog = this.#backlog.slice(this.#head);
      this.#head = 0;
    }
    if (this.#busy) return;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }
}
