import type { PreparedBody } from './body.js';
import type { HeaderRecord } from './headers.js';

/** One request as an engine sends it. */
export interface EngineRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: HeaderRecord;
  readonly body: PreparedBody | undefined;
  /** Aborting it ends the exchange (headers wait or body read) with `signal.reason`. */
  readonly signal: AbortSignal;
  /** Connection progress, reported by engines that can see it (Node). */
  readonly onConnecting?: (() => void) | undefined;
  readonly onConnected?: (() => void) | undefined;
}

/** Response headers have arrived; the body is still on the wire. */
export interface EngineResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: HeaderRecord;
  /**
   * Reads the (decoded) body, calling `onChunk` per chunk. Rejects with `tooLarge()` once more
   * than `limit` bytes arrived, and with the signal's reason when the request is aborted.
   */
  readBody(limit: number, onChunk: () => void, tooLarge: () => Error): Promise<Uint8Array>;
  /** Releases the body unread (redirects, retried statuses, failures). */
  discard(): void;
}

/** Sends requests; the lane owns timeouts, retries, redirects and events around it. */
export interface HttpEngine {
  send(request: EngineRequest): Promise<EngineResponse>;
}
