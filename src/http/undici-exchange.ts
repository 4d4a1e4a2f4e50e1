import { Readable } from 'node:stream';
import type { AbortLink, BodyProgress, BodyReader, EngineResponse } from './engine.js';
import { bodyEncoding } from './has-body.js';
import { HeldBody } from './held-body.js';
import { readWhole } from './read-whole.js';
import { prematureClose, readableBodyReader } from './readable-body.js';

const noop = () => {};

/**
 * One request on undici's dispatcher, as the handler object `dispatch` takes (undici's
 * callback API, the one both undici 6 and 7 call without a wrapper). It replaces undici's
 * `request()`: no RequestHandler (an AsyncResource), no BodyReadable and no consumer per
 * request. The body goes from `onData` straight into a buffer checked against the limit
 * ({@link HeldBody}); a `Readable` is made only for a streamed or encoded body. The headers
 * settle `response`.
 */
export class UndiciExchange extends HeldBody implements EngineResponse {
  #method: string;
  #unsubscribe: (() => void) | undefined;
  #abortRequest: ((reason: Error) => void) | undefined;
  #resume: (() => void) | undefined;
  #paused = false;
  #stream: Readable | undefined;
  #nameOf: HeaderName;

  constructor(link: AbortLink, method: string, nameOf: HeaderName = lowerCaseName) {
    super();
    this.#method = method;
    this.#nameOf = nameOf;
    this.#unsubscribe = link.onAbort((reason) => this.fail(reason));
  }

  readBody(limit: number, progress: BodyProgress): Uint8Array | Promise<Uint8Array> {
    // An encoded body goes through a zlib stream (the limit counts decoded bytes).
    if (this.#encoding() !== undefined) return readWhole(this.open(), limit, progress);
    return this.collect(limit, progress);
  }

  open(): BodyReader {
    return readableBodyReader({ body: this.#readable(), encoding: this.#encoding(), release: noop });
  }

  #encoding(): string | undefined {
    return bodyEncoding(this.#method, this.status, this.headers);
  }

  // The body as a `Readable` that pauses the socket while it is not read.
  #readable(): Readable {
    const stream = new Readable({ read: () => this.flow() });
    // Its reader reports a failure; unread, a failure must not become an uncaught exception.
    stream.on('error', noop);
    this.#stream = stream;
    const held = this.held();
    if (held) for (const chunk of held) stream.push(chunk);
    if (this.failure !== undefined) stream.destroy(this.failure as Error);
    else if (this.over) stream.push(null);
    // Destroying the stream (a cancelled reader) ends the exchange and closes its connection.
    stream.once('close', () => this.fail(prematureClose()));
    return stream;
  }

  // undici's handler callbacks.

  onConnect(abort: (reason: Error) => void): void {
    // Aborted before undici connected it (the exchange already failed with the reason).
    if (this.failure !== undefined) abort(this.failure as Error);
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
    this.respond();
    return true;
  }

  onData(chunk: Uint8Array): boolean {
    const stream = this.#stream;
    if (stream ? stream.push(chunk) : this.chunk(chunk)) return true;
    this.#paused = true;
    return false;
  }

  onComplete(): void {
    this.ended();
    this.#stream?.push(null);
  }

  onError(error: Error): void {
    this.fail(error);
  }

  protected flow(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#resume?.();
  }

  protected stop(reason: unknown): void {
    // Not dispatched yet: `onConnect` aborts it. Either way the waiting side fails now.
    this.#abortRequest?.(reason as Error);
    this.refuse(reason);
    this.#stream?.destroy(reason as Error);
  }

  // The request is over: nothing here keeps the attempt (through its link or progress) alive.
  protected released(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#abortRequest = undefined;
    this.#resume = undefined;
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
