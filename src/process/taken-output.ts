import type { StdoutTaker } from '../internal/take-stdout.js';

/**
 * A child's stdout handed off to a taker (the stdio JSON-RPC channel): counted, and passed on as
 * read, with no decoding, framing, collection or `process.output` event. The taker's promise
 * pauses the pipe, as a full event queue does for an {@link OutputChannel}.
 */
export class TakenOutput {
  readonly #taker: StdoutTaker;
  #bytes = 0;

  constructor(taker: StdoutTaker) {
    this.#taker = taker;
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Hands one chunk over; returns the taker's promise when it wants reading paused. */
  readonly handle = (chunk: Buffer): undefined | Promise<void> => {
    this.#bytes += chunk.length;
    return this.#taker(chunk);
  };

  /** Nothing is held back: every chunk went over as it was read. */
  finish(): undefined {
    return undefined;
  }
}
