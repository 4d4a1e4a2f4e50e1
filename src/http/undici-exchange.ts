import { Readable } from 'node:stream';
import { concatBytes } from '../internal/concat-bytes.js';
import type { HeaderRecord } from '../internal/http/headers.js';
import type { AbortLink, BodyProgress, BodyReader, EngineResponse } from './engine.js';
import { bodyEncoding } from './has-body.js';
import { readWhole } from './read-whole.js';
import { prematureClose, readableBodyReader } from './readable-body.js';

// Held before the consumer asks for the body (then the socket is paused); and drained from a
// redirect or retried response so its keep-alive socket is reused.
const HOLD_LIMIT = 64 * 1024;
const noop = () => {};
const EMPTY = new Uint8Array(0);
// What a drained or held body reports to: nobody.
const UNWATCHED: BodyProgress = { touch: noop, tooLarge: prematureClose };

/**
 * One request on undici's dispatcher, as the handler object `dispatch` takes (undici's
 * callback API, the one both undici 6 and 7 call without a wrapper). It replaces undici's
 * `request()`: no RequestHandler (an AsyncResource), no BodyReadable and no consumer per
 * request. The body goes from `onData` straight into a buffer checked against the limit; a
 * `Readable` is made only for a streamed or encoded body. The headers settle `response`.
 */
export class UndiciExchange implements EngineResponse {
  readonly response: Promise<UndiciExchange>;
  status = 0;
  statusText = '';
  readonly headers: HeaderRecord = {};
  // The waiting side: `response` until the headers, then a `readBody` that waits for the end.
  #resolve: ((value: never) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #method: string;
  #unsubscribe: (() => void) | undefined;
  #abortRequest: ((reason: Error) => void) | undefined;
  #resume: (() => void) | undefined;
  #paused = false;
  // Made with the first chunk (most bodies here are one chunk: no list grown for them).
  #chunks: Uint8Array[] | undefined;
  #size = 0;
  #ended = false;
  #error: unknown;
  #mode: 'hold' | 'collect' | 'stream' = 'hold';
  #limit = 0;
  #progress: BodyProgress = UNWATCHED;
  #stream: Readable | undefined;
  #nameOf: HeaderName;

  constructor(link: AbortLink, method: string, nameOf: HeaderName = lowerCaseName) {
    this.#method = method;
    this.#nameOf = nameOf;
    this.response = this.#wait();
    this.#unsubscribe = link.onAbort((reason) => this.#abort(reason));
  }

  readBody(limit: number, progress: BodyProgress): Uint8Array | Promise<Uint8Array> {
    // An encoded body goes through a zlib stream (the limit counts decoded bytes).
    if (this.#encoding() !== undefined) return readWhole(this.open(), limit, progress);
    return this.#collect(limit, progress);
  }

  open(): BodyReader {
    return readableBodyReader({ body: this.#readable(), encoding: this.#encoding(), release: noop });
  }

  discard(): void {
    if (this.#over()) return;
    // Drained (up to the limit) so its keep-alive connection is reused; past it, closed.
    if (Number(this.headers['content-length']) > HOLD_LIMIT) this.#abort(prematureClose());
    // Not over, so not whole yet: the collect is a promise.
    else (this.#collect(HOLD_LIMIT, UNWATCHED) as Promise<Uint8Array>).catch(noop);
  }

  #wait<T>(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#resolve = resolve as (value: never) => void;
      this.#reject = reject;
    });
  }

  #over(): boolean {
    return this.#ended || this.#error !== undefined;
  }

  #encoding(): string | undefined {
    return bodyEncoding(this.#method, this.status, this.headers);
  }

  // The whole body into one buffer of at most `limit` bytes, straight from `onData`. A body
  // already whole (undici usually parses a small one with its headers) is handed over as it is.
  #collect(limit: number, progress: BodyProgress): Uint8Array | Promise<Uint8Array> {
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#size > limit) {
      const error = progress.tooLarge();
      this.#abort(error);
      return Promise.reject(error);
    }
    if (this.#size > 0) progress.touch();
    if (this.#ended) return this.#take();
    this.#mode = 'collect';
    this.#limit = limit;
    this.#progress = progress;
    const promise = this.#wait<Uint8Array>();
    this.#flow();
    return promise;
  }

  // The body as a `Readable` that pauses the socket while it is not read.
  #readable(): Readable {
    const stream = new Readable({ read: () => this.#flow() });
    // Its reader reports a failure; unread, a failure must not become an uncaught exception.
    stream.on('error', noop);
    this.#mode = 'stream';
    this.#stream = stream;
    if (this.#chunks) for (const chunk of this.#chunks) stream.push(chunk);
    this.#chunks = undefined;
    if (this.#error !== undefined) stream.destroy(this.#error as Error);
    else if (this.#ended) stream.push(null);
    // Destroying the stream (a cancelled reader) ends the exchange and closes its connection.
    stream.once('close', () => this.#abort(prematureClose()));
    return stream;
  }

  // undici's handler callbacks.

  onConnect(abort: (reason: Error) => void): void {
    // Aborted before undici connected it (the exchange already failed with the reason).
    if (this.#error !== undefined) abort(this.#error as Error);
    else this.#abortRequest = abort;
  }

  onHeaders(status: number, raw: RawHeader[], resume: () => void, statusText?: string): boolean {
    // 1xx informational responses (100 Continue, 103 Early Hints) are not the response.
    if (status < 200) return true;
    this.status = status;
    this.statusText = statusText ?? '';
    this.#resume = resume;
    const headers = this.headers;
    const nameOf = this.#nameOf;
    for (let i = 0; i < raw.length; i += 2) {
      const name = nameOf(raw[i] as RawHeader);
      const value = text(raw[i + 1] as RawHeader);
      const before = headers[name];
      headers[name] = before === undefined ? value : `${before}, ${value}`;
    }
    const resolve = this.#resolve as (exchange: this) => void;
    this.#resolve = undefined;
    resolve(this);
    return true;
  }

  onData(chunk: Uint8Array): boolean {
    this.#size += chunk.byteLength;
    const mode = this.#mode;
    if (mode === 'stream') {
      if ((this.#stream as Readable).push(chunk)) return true;
    } else if (this.#size > (mode === 'collect' ? this.#limit : HOLD_LIMIT)) {
      // Past the limit the exchange ends; holding, the socket pauses until the body is asked for.
      if (mode === 'collect') this.#abort(this.#progress.tooLarge());
      else this.#hold(chunk);
    } else {
      this.#progress.touch();
      this.#hold(chunk);
      return true;
    }
    this.#paused = true;
    return false;
  }

  onComplete(): void {
    this.#ended = true;
    const resolve = this.#resolve as (bytes: Uint8Array) => void;
    this.#release();
    if (this.#mode === 'stream') (this.#stream as Readable).push(null);
    else if (this.#mode === 'collect') resolve(this.#take());
  }

  onError(error: Error): void {
    if (this.#over()) return;
    this.#error = error;
    this.#chunks = undefined;
    const reject = this.#reject;
    this.#release();
    reject?.(error);
    this.#stream?.destroy(error);
  }

  #abort(reason: unknown): void {
    if (this.#over()) return;
    const abort = this.#abortRequest;
    // Not dispatched yet: `onConnect` aborts it. Either way the waiting side fails now.
    this.onError(reason as Error);
    abort?.(reason as Error);
  }

  // The body, with no chunk left referenced here (the lane keeps the exchange until the attempt
  // ends).
  #take(): Uint8Array {
    const chunks = this.#chunks;
    this.#chunks = undefined;
    return chunks ? concatBytes(chunks, this.#size) : EMPTY;
  }

  #hold(chunk: Uint8Array): void {
    if (this.#chunks) this.#chunks.push(chunk);
    else this.#chunks = [chunk];
  }

  #flow(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#resume?.();
  }

  // The request is over: nothing here keeps the attempt (through its link or progress) alive.
  #release(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#progress = UNWATCHED;
    this.#abortRequest = undefined;
    this.#resume = undefined;
    this.#resolve = undefined;
    this.#reject = undefined;
  }
}

/** A raw header name or value as undici's dispatcher hands it over (bytes; strings from some). */
export type RawHeader = Uint8Array | string;

/**
 * A raw header name as a lower-case string. undici's own `util.headerNameToString` finds the
 * common names in a table (no string made per response); this is the fallback.
 */
export type HeaderName = (raw: RawHeader) => string;

const lowerCaseName: HeaderName = (raw) => text(raw).toLowerCase();

// Bytes as latin1, as node:http reads them (undici's h1 and h2 clients give one pair per value;
// they are Buffers, read without a view made per value).
function text(raw: RawHeader): string {
  if (typeof raw === 'string') return raw;
  return raw instanceof Buffer
    ? raw.toString('latin1')
    : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
}
