import { pipeline, Readable, type Transform } from 'node:stream';
import { concatBytes } from '../internal/concat-bytes.js';
import type { HeaderRecord } from '../internal/http/headers.js';
import { decoderFor } from './content-decoder.js';
import type { AbortLink, BodyReader, EngineResponse } from './engine.js';
import { prematureClose, readableBodyReader } from './readable-body.js';
import { headerName, headerValue, type RawHeader } from './undici-headers.js';

// Before the consumer asks for the body, this much is held before the socket is paused.
const HOLD_LIMIT = 64 * 1024;
// A redirect or retried response this small is drained so its keep-alive socket is reused.
const DRAIN_LIMIT = 64 * 1024;
const EMPTY = new Uint8Array(0);
const noop = () => {};

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
  #settle: ((exchange: UndiciExchange) => void) | undefined;
  #fail: ((error: unknown) => void) | undefined;
  #method: string;
  #unsubscribe: (() => void) | undefined;
  #abortRequest: ((reason: Error) => void) | undefined;
  #resume: (() => void) | undefined;
  #paused = false;
  #chunks: Uint8Array[] = [];
  #size = 0;
  #ended = false;
  #error: unknown;
  #mode: 'hold' | 'collect' | 'stream' | 'discard' = 'hold';
  #limit = 0;
  #onChunk: (() => void) | undefined;
  #tooLarge: (() => Error) | undefined;
  #done: ((bytes: Uint8Array) => void) | undefined;
  #stream: Readable | undefined;

  constructor(link: AbortLink, method: string) {
    this.#method = method;
    this.response = new Promise((resolve, reject) => {
      this.#settle = resolve;
      this.#fail = reject;
    });
    this.#unsubscribe = link.onAbort((reason) => this.#abort(reason));
  }

  readBody(limit: number, onChunk: () => void, tooLarge: () => Error): Promise<Uint8Array> {
    const decoder = decoderFor(this.#encoding());
    return decoder
      ? this.#decode(decoder, limit, onChunk, tooLarge)
      : this.#collect(limit, onChunk, tooLarge);
  }

  open(): BodyReader {
    return readableBodyReader({ body: this.#readable(), encoding: this.#encoding(), release: noop });
  }

  discard(): void {
    this.#chunks = [];
    if (this.#ended || this.#error !== undefined) return;
    if (this.#size > DRAIN_LIMIT || Number(this.headers['content-length']) > DRAIN_LIMIT) {
      this.#abort(prematureClose());
      return;
    }
    this.#mode = 'discard';
    this.#flow();
  }

  #encoding(): string | undefined {
    const hasBody = this.#method !== 'HEAD' && this.status !== 204 && this.status !== 304;
    return hasBody ? this.headers['content-encoding'] : undefined;
  }

  // The whole body into one buffer of at most `limit` bytes, straight from `onData`.
  #collect(limit: number, onChunk: () => void, tooLarge: () => Error): Promise<Uint8Array> {
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#size > limit) {
      const error = tooLarge();
      this.#abort(error);
      return Promise.reject(error);
    }
    if (this.#size > 0) onChunk();
    if (this.#ended) return Promise.resolve(this.#take());
    this.#mode = 'collect';
    this.#limit = limit;
    this.#onChunk = onChunk;
    this.#tooLarge = tooLarge;
    const promise = new Promise<Uint8Array>((resolve, reject) => {
      this.#done = resolve;
      this.#fail = reject;
    });
    this.#flow();
    return promise;
  }

  // An encoded body goes through a zlib stream; the limit counts decoded bytes.
  #decode(
    decoder: Transform,
    limit: number,
    onChunk: () => void,
    tooLarge: () => Error,
  ): Promise<Uint8Array> {
    const source = this.#readable();
    return new Promise((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      let total = 0;
      let finished = false;
      const fail = (error: Error) => {
        if (finished) return;
        finished = true;
        source.destroy();
        decoder.destroy();
        reject(error);
      };
      pipeline(source, decoder, (error) => error && fail(error));
      decoder.on('data', (chunk: Uint8Array) => {
        total += chunk.byteLength;
        if (total > limit) return fail(tooLarge());
        onChunk();
        chunks.push(chunk);
      });
      decoder.on('end', () => {
        finished = true;
        resolve(concatBytes(chunks, total));
      });
    });
  }

  // The body as a `Readable` that pauses the socket while it is not read.
  #readable(): Readable {
    const stream = new Readable({ read: () => this.#flow() });
    // Its reader reports a failure; unread, a failure must not become an uncaught exception.
    stream.on('error', noop);
    this.#mode = 'stream';
    this.#stream = stream;
    for (const chunk of this.#chunks) stream.push(chunk);
    this.#chunks = [];
    if (this.#error !== undefined) stream.destroy(this.#error as Error);
    else if (this.#ended) stream.push(null);
    // Destroying the stream (a cancelled reader) ends the exchange and closes its connection.
    stream.once('close', () => {
      if (!this.#ended && this.#error === undefined) this.#abort(prematureClose());
    });
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
    for (let i = 0; i < raw.length; i += 2) {
      const name = headerName(raw[i] as RawHeader);
      const value = headerValue(raw[i + 1] as RawHeader);
      const before = headers[name];
      headers[name] = before === undefined ? value : `${before}, ${value}`;
    }
    const settle = this.#settle;
    this.#settle = undefined;
    this.#fail = undefined;
    settle?.(this);
    return true;
  }

  onData(chunk: Uint8Array): boolean {
    this.#size += chunk.byteLength;
    switch (this.#mode) {
      case 'collect':
        if (this.#size > this.#limit) {
          this.#abort((this.#tooLarge as () => Error)());
          return false;
        }
        (this.#onChunk as () => void)();
        this.#chunks.push(chunk);
        return true;
      case 'stream':
        if ((this.#stream as Readable).push(chunk)) return true;
        break;
      case 'discard':
        if (this.#size <= DRAIN_LIMIT) return true;
        this.#abort(prematureClose());
        return false;
      default:
        this.#chunks.push(chunk);
        if (this.#size < HOLD_LIMIT) return true;
    }
    this.#paused = true;
    return false;
  }

  onComplete(): void {
    this.#ended = true;
    this.#release();
    if (this.#mode === 'stream') (this.#stream as Readable).push(null);
    else if (this.#mode === 'collect') (this.#done as (bytes: Uint8Array) => void)(this.#take());
    this.#done = undefined;
    this.#fail = undefined;
  }

  onError(error: Error): void {
    if (this.#ended || this.#error !== undefined) return;
    // The link's reason, when it aborted the request, is the truth (timeout, cancel, limit).
    this.#error = error;
    this.#chunks = [];
    this.#release();
    const fail = this.#fail;
    this.#fail = undefined;
    this.#settle = undefined;
    this.#done = undefined;
    fail?.(error);
    this.#stream?.destroy(error);
  }

  #abort(reason: unknown): void {
    if (this.#ended || this.#error !== undefined) return;
    const abort = this.#abortRequest;
    // Not dispatched yet: `onConnect` aborts it. Either way the waiting side fails now.
    this.onError(reason as Error);
    abort?.(reason as Error);
  }

  #flow(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#resume?.();
  }

  #take(): Uint8Array {
    const chunks = this.#chunks;
    this.#chunks = [];
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    return chunks.length === 0 ? EMPTY : concatBytes(chunks, this.#size);
  }

  // The request is over: nothing here keeps the attempt (through its link or onChunk) alive.
  #release(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#onChunk = undefined;
    this.#tooLarge = undefined;
    this.#abortRequest = undefined;
    this.#resume = undefined;
  }
}
