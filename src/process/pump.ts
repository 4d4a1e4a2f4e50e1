import type { Readable } from 'node:stream';

/** A stream being read with backpressure. */
export interface Pump {
  /** Settles when the stream ends, closes or errors. */
  readonly done: Promise<void>;
  /** True while reading waits for the consumer (the handler's promise). */
  readonly paused: boolean;
}

/**
 * Reads `stream` in flowing mode and hands each chunk to `handle`. When `handle` returns a
 * promise (the event queue is full), reading pauses until it settles: that is how a slow
 * consumer slows the child down instead of growing a buffer.
 */
export function pump(stream: Readable, handle: (chunk: Buffer) => undefined | Promise<void>): Pump {
  const state = { paused: false };
  const resume = () => {
    state.paused = false;
    stream.resume();
  };
  stream.on('data', (chunk: Buffer) => {
    const wait = handle(chunk);
    if (wait) {
      state.paused = true;
      stream.pause();
      wait.then(resume, resume);
    }
  });
  const done = new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  return {
    done,
    get paused() {
      return state.paused;
    },
  };
}
