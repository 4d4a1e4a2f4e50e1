import type { BodyReader } from './engine.js';

/** A response body as `responseType: 'stream'` gives it: a web ReadableStream that is also async-iterable. */
export type HttpBodyStream = ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>;

/** How a streamed body ended, for the execution's outcome. */
export type BodyEnd =
  | { readonly kind: 'ended'; readonly bytes: number }
  | { readonly kind: 'cancelled'; readonly bytes: number }
  | { readonly kind: 'failed'; readonly bytes: number; readonly error: unknown };

/** What the lane watches while a streamed body is read. */
export interface BodyStreamHooks {
  /** Largest body, in decoded bytes; one more fails the stream with `tooLarge()`. */
  readonly limit: number;
  readonly tooLarge: () => Error;
  /** A read is waiting on the peer (the idle limit runs). */
  readonly waiting: () => void;
  /** A chunk went to the consumer (the idle limit pauses: the consumer is waited on). */
  readonly delivered: () => void;
  /** The error a read failure surfaces as (the attempt's abort reason, classified). */
  readonly classify: (error: unknown) => Error;
  /** Subscribes to the attempt's abort (cancel, timeouts); returns the unsubscribe. */
  readonly onAbort: (listener: (reason: unknown) => void) => () => void;
}

/**
 * Wraps an engine's pull reader in a web ReadableStream with no queue of its own
 * (`highWaterMark: 0`): a chunk is read from the engine only when the consumer asks for one, so
 * a consumer that stops reading stops the socket. `done` settles once, when the body ended,
 * was cancelled by the consumer, or failed (limit, idle timeout, reset, abort).
 */
export function createBodyStream(
  reader: BodyReader,
  hooks: BodyStreamHooks,
): { stream: HttpBodyStream; done: Promise<BodyEnd> } {
  let settle!: (end: BodyEnd) => void;
  const done = new Promise<BodyEnd>((resolve) => {
    settle = resolve;
  });
  let bytes = 0;
  let finished = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let unsubscribe = () => {};
  const end = (result: BodyEnd, error?: unknown) => {
    if (finished) return;
    finished = true;
    unsubscribe();
    if (result.kind === 'failed') {
      reader.cancel();
      controller.error(error);
    }
    settle(result);
  };
  const fail = (error: unknown) => end({ kind: 'failed', bytes, error }, error);
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      // Promise chains rather than an async function: one hop per chunk instead of three.
      pull(c) {
        hooks.waiting();
        let next: Promise<Uint8Array | undefined>;
        try {
          next = reader.read();
        } catch (error) {
          return fail(hooks.classify(error));
        }
        return next.then(
          (chunk) => {
            if (finished) return;
            if (chunk === undefined) {
              c.close();
              return end({ kind: 'ended', bytes });
            }
            bytes += chunk.byteLength;
            if (bytes > hooks.limit) return fail(hooks.tooLarge());
            hooks.delivered();
            c.enqueue(chunk);
          },
          (error: unknown) => fail(hooks.classify(error)),
        );
      },
      cancel() {
        reader.cancel();
        end({ kind: 'cancelled', bytes });
      },
    },
    { highWaterMark: 0 },
  );
  // A cancel or timeout while nobody is reading must still end the stream and the execution.
  unsubscribe = hooks.onAbort((reason) => fail(hooks.classify(reason)));
  return { stream: iterableStream(stream), done };
}

// Runtimes without ReadableStream async iteration (Safari) get the same contract: one reader,
// and leaving the loop early cancels the body.
export function iterableStream(stream: ReadableStream<Uint8Array>): HttpBodyStream {
  const candidate = stream as ReadableStream<Uint8Array> & Partial<AsyncIterable<Uint8Array>>;
  if (typeof candidate[Symbol.asyncIterator] === 'function') return stream as HttpBodyStream;
  return Object.defineProperty(stream, Symbol.asyncIterator, {
    value(): AsyncIterator<Uint8Array> {
      const reader = candidate.getReader();
      return {
        next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
        async return() {
          await reader.cancel();
          return { done: true, value: undefined };
        },
      };
    },
  }) as HttpBodyStream;
}
