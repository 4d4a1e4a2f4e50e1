import { pipeline, type Readable } from 'node:stream';
import { decoderFor } from './content-decoder.js';
import type { BodyReader } from './engine.js';

const noop = () => {};

/** How a Node `Readable` body (node:http's or undici's) is opened for pull reads. */
export interface ReadableBodyOptions {
  /** The raw body as it comes off the socket. */
  readonly body: Readable;
  /** The response's `content-encoding`, decoded like fetch does; `undefined` for none. */
  readonly encoding: string | undefined;
  /** Called once when reading stops: the end, a failure or a cancel. */
  readonly release: () => void;
  /** The real cause of a failure when the engine knows better than the stream (node:http's request error). */
  readonly cause?: () => Error | undefined;
}

/**
 * A pull reader over a Node `Readable`: its async iterator reads only when asked, so a full
 * buffer pauses the socket (node:http and undici both stop reading when `push` returns false).
 * Cancelling destroys the stream, which closes the connection.
 */
export function readableBodyReader(options: ReadableBodyOptions): BodyReader {
  const { body, release } = options;
  const decoder = decoderFor(options.encoding);
  if (decoder) pipeline(body, decoder, noop);
  const source: Readable = decoder ?? body;
  let released = false;
  const done = () => {
    if (released) return;
    released = true;
    release();
  };
  // While the lane waited on the consumer the socket may have failed or closed.
  const gone = body.destroyed || body.readableEnded;
  const iterator = gone ? undefined : (source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>);
  return {
    async read() {
      if (!iterator) {
        done();
        throw options.cause?.() ?? body.errored ?? prematureClose();
      }
      try {
        const next = await iterator.next();
        if (next.done) done();
        return next.done ? undefined : next.value;
      } catch (error) {
        done();
        throw options.cause?.() ?? error;
      }
    },
    cancel() {
      done();
      source.destroy();
      body.destroy();
    },
  };
}

/** The error of a body that closed before its end without saying why. */
export function prematureClose(): Error {
  return Object.assign(new Error('response closed before its end'), { code: 'ECONNRESET' });
}
