import type { ExecutionStream } from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { ExecutionEvent } from '../core/event.js';

/** Where a pump sends what it reads; each send resolves once the connection has taken it. */
export interface PumpSink {
  event(ref: string, event: ExecutionEvent): Promise<void>;
  end(ref: string, result: ExecutionResult): Promise<void>;
}

/**
 * The server side of one remote stream: reads the execution's events only while the client has
 * credit, so the lane waits for a slow client (backpressure end to end). `close()` stops the
 * events (the execution goes on, its end is still sent). Sends the result once it settles.
 */
export class StreamPump {
  readonly ref: string;
  #stream: ExecutionStream;
  #sink: PumpSink;
  #credit = 0;
  #stopped = false;
  #wake: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(stream: ExecutionStream, sink: PumpSink) {
    this.ref = stream.executionRef;
    this.#stream = stream;
    this.#sink = sink;
    this.done = this.#run();
  }

  /** The client granted `credit` more events. */
  grant(credit: number): void {
    if (!Number.isSafeInteger(credit) || credit <= 0) return;
    this.#credit += credit;
    this.#wakeUp();
  }

  /** The client wants no more events. */
  close(): void {
    this.#stopped = true;
    this.#wakeUp();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #run(): Promise<void> {
    // Taken before the first credit arrives, so the events are held for the client from the start.
    const iterator = this.#stream[Symbol.asyncIterator]();
    try {
      for (;;) {
        while (this.#credit === 0 && !this.#stopped) {
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
        if (this.#stopped) break;
        const next = await iterator.next();
        if (next.done) break;
        this.#credit--;
        await this.#sink.event(this.ref, next.value);
      }
    } catch {
      // The connection is gone (a send failed): stop reading; the execution is cancelled by the session.
    } finally {
      await iterator.return?.();
    }
    const result = await this.#stream.result;
    await this.#sink.end(this.ref, result).catch(() => {});
  }
}
