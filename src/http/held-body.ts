import { concatBytes } from '../internal/concat-bytes.js';
import type { HeaderRecord } from '../internal/http/headers.js';
import type { BodyProgress } from './engine.js';
import { prematureClose } from './readable-body.js';

// Held before the lane asks for the body (then the socket pauses); and drained from a redirect or
// retried response so its keep-alive socket is reused.
export const HOLD_LIMIT = 64 * 1024;
const noop = () => {};
const EMPTY = new Uint8Array(0);
// What a held or drained body reports to: nobody.
const UNWATCHED: BodyProgress = { touch: noop, tooLarge: prematureClose };

/**
 * One exchange as an engine runs it: `response`, which settles at the headers (with the exchange
 * itself, which is the response) or with a failure before them, and a body the engine pushes
 * chunk by chunk (node:http's `data`, undici's `onData`) into one list checked against the limit,
 * from the headers on: a small body is usually whole by the time the lane asks for it, and is
 * then handed over as it is (no promise, no await). Until asked, at most {@link HOLD_LIMIT} is
 * held and the socket paused. The engines' part is how the socket is paused, resumed and
 * stopped, and what the exchange lets go of once over.
 */
export abstract class HeldBody {
  status = 0;
  statusText = '';
  readonly headers: HeaderRecord = {};
  /** Settles with this exchange at the headers, or with its failure before them. */
  readonly response: Promise<this>;
  // The waiting side until the headers.
  #respond: ((exchange: this) => void) | undefined;
  #refuse: ((error: unknown) => void) | undefined;
  // Made with the first chunk (most bodies here are one chunk: no list grown for them).
  #chunks: Uint8Array[] | undefined;
  #size = 0;
  #ended = false;
  #failure: unknown;
  #collecting = false;
  #limit = HOLD_LIMIT;
  #progress: BodyProgress = UNWATCHED;
  #resolve: ((bytes: Uint8Array) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;

  /** Lets the socket deliver again after {@link chunk} returned false. */
  protected abstract flow(): void;
  /** Ends the exchange early (closes its connection); `reason` is why. */
  protected abstract stop(reason: unknown): void;
  /** The exchange is over: let go of what keeps the attempt alive (its link, its progress). */
  protected abstract released(): void;

  constructor() {
    this.response = new Promise((resolve, reject) => {
      this.#respond = resolve;
      this.#refuse = reject;
    });
  }

  /** The headers are in (status, statusText and headers set): `response` settles with this. */
  protected respond(): void {
    const respond = this.#respond;
    this.#respond = undefined;
    this.#refuse = undefined;
    respond?.(this);
  }

  /** Fails `response` with `error` if it still waits for the headers; false once it settled. */
  protected refuse(error: unknown): boolean {
    const refuse = this.#refuse;
    if (!refuse) return false;
    this.#respond = undefined;
    this.#refuse = undefined;
    refuse(error);
    return true;
  }

  /** The error the body failed with, if it did. */
  protected get failure(): unknown {
    return this.#failure;
  }

  protected get over(): boolean {
    return this.#ended || this.#failure !== undefined;
  }

  discard(): void {
    if (this.over) return;
    // Drained (up to the limit) so its keep-alive connection is reused; past it, closed.
    if (Number(this.headers['content-length']) > HOLD_LIMIT) this.fail(prematureClose());
    // Not over, so not whole yet: the collect is a promise.
    else (this.collect(HOLD_LIMIT, UNWATCHED) as Promise<Uint8Array>).catch(noop);
  }

  /** The whole body, of at most `limit` bytes: as it is when it already came whole. */
  protected collect(limit: number, progress: BodyProgress): Uint8Array | Promise<Uint8Array> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#size > limit) {
      const error = progress.tooLarge();
      this.fail(error);
      return Promise.reject(error);
    }
    if (this.#size > 0) progress.touch();
    if (this.#ended) return this.#take();
    this.#collecting = true;
    this.#limit = limit;
    this.#progress = progress;
    const promise = new Promise<Uint8Array>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.flow();
    return promise;
  }

  /** A chunk arrived; false when the socket must pause (held past the limit, or failed). */
  protected chunk(chunk: Uint8Array): boolean {
    this.#size += chunk.byteLength;
    const over = this.#size > this.#limit;
    if (over && this.#collecting) {
      this.fail(this.#progress.tooLarge());
      return false;
    }
    if (this.#chunks) this.#chunks.push(chunk);
    else this.#chunks = [chunk];
    if (over) return false;
    this.#progress.touch();
    return true;
  }

  /** The chunks held so far, now someone else's (a stream's). */
  protected held(): Uint8Array[] | undefined {
    const chunks = this.#chunks;
    this.#chunks = undefined;
    return chunks;
  }

  /** The body's end. */
  protected ended(): void {
    if (this.over) return;
    this.#ended = true;
    const resolve = this.#resolve;
    this.#release();
    resolve?.(this.#take());
  }

  /** The body failed: the exchange stops and a waiting collect rejects. */
  protected fail(error: unknown): void {
    if (this.over) return;
    this.#failure = error;
    this.#chunks = undefined;
    const reject = this.#reject;
    this.stop(error);
    this.#release();
    reject?.(error);
  }

  #release(): void {
    this.#progress = UNWATCHED;
    this.#resolve = undefined;
    this.#reject = undefined;
    this.released();
  }

  // The body, with no chunk left referenced here (the lane keeps the response until the attempt
  // ends).
  #take(): Uint8Array {
    const chunks = this.held();
    return chunks ? concatBytes(chunks, this.#size) : EMPTY;
  }
}
