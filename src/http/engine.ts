import type { HeaderRecord } from '../internal/http/headers.js';
import type { PreparedBody } from './body.js';
import type { ProxyRoute } from './proxy.js';

/**
 * How an engine learns that its exchange must stop: a callback for engines that can take one
 * (no AbortController per request), an AbortSignal, made on first use, for those that need it.
 */
export interface AbortLink {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** An AbortSignal that aborts with the same reason. */
  readonly signal: AbortSignal;
  /** Calls `listener` once on abort (at once if already aborted); returns the unsubscribe. */
  onAbort(listener: (reason: unknown) => void): () => void;
}

/** One request as an engine sends it. */
export interface EngineRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: HeaderRecord;
  readonly body: PreparedBody | undefined;
  /** Aborting it ends the exchange (headers wait or body read) with its reason. */
  readonly abort: AbortLink;
  /**
   * With `expect: 100-continue`, milliseconds the body waits for `100 Continue` before it is
   * sent anyway (Node engine).
   */
  readonly continueMs?: number | undefined;
  /** The forward proxy to go through (Node engine only; planning refuses a proxy elsewhere). */
  readonly proxy?: ProxyRoute | undefined;
  /**
   * True when the lane will open the body as a stream (`open`): an engine must then not start
   * reading it before it is asked. Otherwise an engine may read it from the headers on.
   */
  readonly streamed?: boolean | undefined;
  /** Connection progress, reported by engines that can see it (Node). */
  readonly progress?: ConnectProgress | undefined;
}

/**
 * Told when a new connection starts and when it is up (a reused keep-alive socket reports
 * neither). One object with methods, not two callbacks: an attempt passes itself.
 */
export interface ConnectProgress {
  connecting(): void;
  connected(): void;
}

/**
 * What a body read reports to, and asks of, the lane: one object with methods, not two
 * callbacks (an attempt passes itself).
 */
export interface BodyProgress {
  /** A chunk arrived: the idle limit counts from now. */
  touch(): void;
  /** The error for a body past the limit. */
  tooLarge(): Error;
}

/** Response headers have arrived; the body is still on the wire. */
export interface EngineResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: HeaderRecord;
  /**
   * Reads the (decoded) body, calling `progress.touch()` per chunk. Rejects with
   * `progress.tooLarge()` once more than `limit` bytes arrived, and with the abort reason when
   * the request is aborted. A body already whole when asked for may be returned as it is: no
   * promise, and no await in the lane.
   */
  readBody(limit: number, progress: BodyProgress): Uint8Array | Promise<Uint8Array>;
  /**
   * Opens the (decoded) body for reading chunk by chunk: nothing more is read from the socket
   * than the reader asks for (backpressure). Called at most once, instead of `readBody`.
   */
  open(): BodyReader;
  /** Releases the body unread (redirects, retried statuses, failures). */
  discard(): void;
}

/** A pull-based body: one chunk per `read`, `undefined` at the end. */
export interface BodyReader {
  /** The next chunk, or `undefined` once the body ended; rejects when the exchange failed. */
  read(): Promise<Uint8Array | undefined>;
  /** Stops reading and releases the connection (it is not reused). Idempotent. */
  cancel(): void;
}

/** Sends requests; the lane owns timeouts, retries, redirects and events around it. */
export interface HttpEngine {
  send(request: EngineRequest): Promise<EngineResponse>;
}
