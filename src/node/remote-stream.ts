import type { ExecutionStream } from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { Provenance } from '../core/contracts/boundary/provenance.js';
import { ExecutionError } from '../core/errors.js';
import type { ExecutionEvent } from '../core/event.js';
import { failedResult } from './execution-results.js';

/** What a remote stream tells its server. */
export interface StreamControl {
  /** Grant `credit` more events. */
  pull(credit: number): void;
  /** Send no more events. */
  close(): void;
}

/**
 * The client side of one remote stream: a bounded queue fed by `stream.event` notifications, with
 * credit returned as the consumer reads — the server never sends more than `window` events ahead.
 * Like a local execution, a stream nobody reads never blocks the remote lane: if no loop has
 * started by the next macrotask, credit flows back on receipt and only the newest `window`
 * events are kept. If the connection drops first, iteration throws the connection's
 * ExecutionError (`REMOTE_DISCONNECT` …) and `result` resolves `failed` with that code (failure class
 * `remote_disconnect`, outcome unknown).
 */
export class RemoteStream implements ExecutionStream {
  readonly executionRef: string;
  readonly result: Promise<ExecutionResult>;
  #resolve!: (result: ExecutionResult) => void;
  #control: StreamControl;
  #window: number;
  #provenance: Provenance;
  #queue: ExecutionEvent[] = [];
  #mode: 'held' | 'reading' | 'free' | 'left' = 'held';
  #unreturned = 0;
  #ended = false;
  #error: ExecutionError | undefined;
  #wake: (() => void) | undefined;

  constructor(ref: string, window: number, control: StreamControl, provenance: Provenance) {
    this.executionRef = ref;
    this.#window = window;
    this.#control = control;
    this.#provenance = provenance;
    this.result = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    control.pull(window);
    setImmediate(() => {
      if (this.#mode !== 'held') return;
      this.#mode = 'free';
      this.#returnCredit(this.#queue.length);
    });
  }

  /** An event arrived. */
  push(event: ExecutionEvent): void {
    if (this.#mode === 'left' || this.#ended) return;
    this.#queue.push(event);
    if (this.#mode === 'free') {
      if (this.#queue.length > this.#window) this.#queue.shift();
      this.#returnCredit(1);
    }
    this.#wakeUp();
  }

  /** The server sent the result: the stream is complete. */
  end(result: ExecutionResult): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#resolve(result);
    this.#wakeUp();
  }

  /** The connection dropped before the end. */
  fail(error: ExecutionError): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    this.#resolve(
      failedResult(
        this.executionRef,
        {
          failure_class: 'remote_disconnect',
          code: error.code,
          reason: `connection to the node closed before the execution ended: ${error.message}`,
          details: { outcome_unknown: true },
        },
        this.#provenance,
      ),
    );
    this.#wakeUp();
  }

  [Symbol.asyncIterator](): AsyncIterator<ExecutionEvent> {
    if (this.#mode === 'reading') {
      throw new ExecutionError('ALREADY_ITERATING', `stream ${this.executionRef} is already being iterated`);
    }
    this.#mode = 'reading';
    return {
      next: () => this.#next(),
      return: async () => {
        this.#leave();
        return { done: true, value: undefined };
      },
    };
  }

  async #next(): Promise<IteratorResult<ExecutionEvent>> {
    for (;;) {
      const event = this.#queue.shift();
      if (event) {
        this.#returnCredit(1);
        return { done: false, value: event };
      }
      if (this.#error) throw this.#error;
      if (this.#ended || this.#mode === 'left') {
        this.#mode = 'left';
        return { done: true, value: undefined };
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  // The consumer left the loop: the server stops sending; the result still comes.
  #leave(): void {
    if (this.#mode === 'left') return;
    this.#mode = 'left';
    this.#queue = [];
    if (!this.#ended) this.#control.close();
  }

  // Credit goes back in batches of half a window, so a reader costs one notification per batch.
  #returnCredit(count: number): void {
    if (this.#ended || this.#mode === 'left') return;
    this.#unreturned += count;
    if (this.#unreturned >= Math.max(1, this.#window >> 1)) {
      this.#control.pull(this.#unreturned);
      this.#unreturned = 0;
    }
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
