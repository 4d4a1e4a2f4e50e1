import { ExecutionError } from '../core/errors.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import type { JsonRpcChannelOptions } from './channel-options.js';
import { FrameBatcher } from './frame-batcher.js';
import { FramedReader } from './framed-reader.js';
import { encodeFrame, type JsonRpcFraming } from './framing.js';

/** The readable half of a Node stream, structurally (a socket, a child's stdout). */
export interface ReadableLike {
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy?(): unknown;
}

/** The writable half of a Node stream, structurally (a socket, a child's stdin). */
export interface WritableLike {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
  end(): unknown;
}

/**
 * A channel over a pair of Node streams (a TCP socket, a child process's stdout and stdin you
 * spawned yourself), framed as NDJSON or Content-Length. A slow consumer pauses the readable;
 * frames sent in the same turn are joined into few writes ({@link FrameBatcher}); `send` reports
 * the writable's backpressure through one shared drain waiter.
 *
 * @example
 * const child = spawn(process.execPath, ['server.js']);
 * const rpc = createJsonRpcConnection(createStreamChannel(child.stdout, child.stdin, { framing: 'content-length' }));
 */
export function createStreamChannel(
  readable: ReadableLike,
  writable: WritableLike,
  options: JsonRpcChannelOptions = {},
): JsonRpcChannel {
  return new StreamChannel(readable, writable, options);
}

class StreamChannel implements JsonRpcChannel {
  #readable: ReadableLike;
  #writable: WritableLike;
  #options: JsonRpcChannelOptions;
  #framing: JsonRpcFraming;
  #sink: JsonRpcChannelSink | undefined;
  #drain: Promise<void> | undefined;
  #batcher = new FrameBatcher((data) => this.#write(data));
  #ended: ExecutionError | undefined;
  #reported = false;

  constructor(readable: ReadableLike, writable: WritableLike, options: JsonRpcChannelOptions) {
    this.#readable = readable;
    this.#writable = writable;
    this.#options = options;
    this.#framing = options.framing ?? 'ndjson';
  }

  start(sink: JsonRpcChannelSink): void {
    this.#sink = sink;
    const reader = new FramedReader(this.#framing, sink, this.#options, (error) => this.#finish(error, true));
    this.#readable.on('data', (chunk) => {
      const wait = reader.feed(chunk);
      if (!wait) return;
      this.#readable.pause();
      wait.then(() => this.#readable.resume());
    });
    this.#readable.on('end', () => {
      reader.end();
      this.#finish(undefined, false);
    });
    this.#readable.on('close', () => this.#finish(undefined, false));
    this.#readable.on('error', (error) =>
      this.#finish(
        new ExecutionError('READ_FAILED', `reading from the peer failed: ${error.message}`, {
          failureClass: 'transport_failed',
          cause: error,
        }),
        false,
      ),
    );
  }

  send(text: string): undefined | Promise<void> {
    if (this.#ended) return Promise.reject(this.#ended);
    return this.#batcher.send(encodeFrame(this.#framing, text));
  }

  #write(data: string): undefined | Promise<void> {
    if (this.#ended) return Promise.reject(this.#ended);
    if (this.#writable.write(data)) return undefined;
    // One waiter for every blocked send: no listener pile-up however many are in flight.
    this.#drain ??= new Promise<void>((resolve, reject) => {
      const done = () => {
        this.#writable.removeListener('drain', done);
        this.#writable.removeListener('close', closed);
        this.#drain = undefined;
        resolve();
      };
      const closed = () => {
        this.#writable.removeListener('drain', done);
        this.#drain = undefined;
        reject(
          new ExecutionError('CHANNEL_CLOSED', 'the peer closed its input', {
            failureClass: 'remote_disconnect',
          }),
        );
      };
      this.#writable.once('drain', done);
      this.#writable.once('close', closed);
    });
    // Nobody may be awaiting it yet; a rejection must not go unhandled.
    this.#drain.catch(() => {});
    return this.#drain;
  }

  close(): Promise<void> {
    this.#finish(undefined, true);
    return Promise.resolve();
  }

  // Reports the end once; `destroy` tears both directions down (local close or fatal framing).
  #finish(error: ExecutionError | undefined, destroy: boolean): void {
    this.#ended ??=
      error ?? new ExecutionError('CHANNEL_CLOSED', 'channel closed', { failureClass: 'remote_disconnect' });
    this.#batcher.discard(this.#ended);
    if (destroy) {
      this.#writable.end();
      this.#readable.removeAllListeners('data');
      this.#readable.destroy?.();
    }
    if (this.#reported || !this.#sink) return;
    this.#reported = true;
    this.#sink.closed(error);
  }
}
