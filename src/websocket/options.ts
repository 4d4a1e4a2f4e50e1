import type { ExecutionOptions } from '../core/execution-options.js';

/** The reconnect policy of {@link ConnectOptions.reconnect}; every field is optional. */
export interface ReconnectOptions {
  /**
   * Consecutive failed attempts before the session fails with the last attempt's failure.
   * @defaultValue 5
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Milliseconds before the first attempt (then growing by `factor`, with equal jitter).
   * @defaultValue 500
   */
  readonly initialDelayMs?: number | undefined;
  /**
   * Upper bound of any delay, in milliseconds.
   * @defaultValue 30000
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * Growth of the delay per attempt (1–10).
   * @defaultValue 2
   */
  readonly factor?: number | undefined;
  /**
   * A connection open at least this many milliseconds resets the attempt budget.
   * @defaultValue 5000
   */
  readonly stableAfterMs?: number | undefined;
}

/**
 * Options of `connect(url, options?)`: the WebSocket options and the execution options in one
 * object. Unknown keys are refused (`INVALID_OPTIONS` naming the nearest known key). Defaults are
 * also in {@link websocketDefaults}.
 */
export interface ConnectOptions extends ExecutionOptions {
  /**
   * Headers of the HTTP upgrade request (`authorization`, `cookie` …); never echoed in events.
   * @defaultValue `{}`
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Subprotocols offered in `Sec-WebSocket-Protocol`, as RFC 6455 tokens; at most 64. The one the
   * server picked is in `websocket.open`'s `protocol`.
   * @defaultValue `[]`
   */
  readonly subprotocols?: readonly string[] | undefined;
  /**
   * Milliseconds for TCP connect + TLS + the HTTP upgrade of each attempt; past it the attempt
   * fails `HANDSHAKE_TIMEOUT` (`timeout`).
   * @defaultValue 10000
   */
  readonly handshakeTimeoutMs?: number | undefined;
  /**
   * Largest inbound message in bytes; a bigger one closes with 1009 and fails `MESSAGE_TOO_LARGE`.
   * @defaultValue 16777216 (16 MiB)
   */
  readonly maxPayloadBytes?: number | undefined;
  /**
   * Offer permessage-deflate (`true`, or `{ threshold }`: the smallest message in bytes worth
   * compressing).
   * @defaultValue false
   */
  readonly perMessageDeflate?: boolean | { readonly threshold?: number | undefined } | undefined;
  /**
   * Milliseconds between keepalive pings; `null` turns keepalive off.
   * @defaultValue 30000
   */
  readonly pingIntervalMs?: number | null | undefined;
  /**
   * Milliseconds a ping may go unanswered before the peer counts as gone (`KEEPALIVE_TIMEOUT`,
   * `remote_disconnect`); also the limit of `session.ping()`.
   * @defaultValue 10000
   */
  readonly pongTimeoutMs?: number | undefined;
  /**
   * Emit `websocket.ping` / `websocket.pong` events for control frames.
   * @defaultValue false
   */
  readonly pingEvents?: boolean | undefined;
  /**
   * `send()` waits while more than this many bytes are queued on the socket.
   * @defaultValue 1048576 (1 MiB)
   */
  readonly sendHighWaterBytes?: number | undefined;
  /**
   * Bytes a session may hold for sending: ws' own `bufferedAmount` (frames handed to the socket,
   * not yet written) plus every send still waiting. A `send()` that would go past it rejects at
   * once with `LIMIT_EXCEEDED` and the message is not kept, so un-awaited sends to a stalled peer
   * stay bounded in memory. A message larger than this can never be sent.
   * @defaultValue 16777216 (16 MiB)
   */
  readonly maxQueuedSendBytes?: number | undefined;
  /**
   * Sends allowed to wait at once (for the handshake, a reconnect or the high-water mark); one
   * more rejects with `LIMIT_EXCEEDED`.
   * @defaultValue 1024
   */
  readonly maxWaitingSends?: number | undefined;
  /**
   * Bytes of received messages held for the consumer — emitted as `websocket.message`, not yet
   * taken by iterating the session (only the newest `eventQueueCapacity` count). Past it the
   * session stops reading from the socket (TCP flow control slows the peer) until the consumer
   * takes messages: nothing is dropped, and memory stays bounded by this plus one message
   * (`maxPayloadBytes`) even when nobody iterates.
   * @defaultValue 16777216 (16 MiB)
   */
  readonly maxUnreadBytes?: number | undefined;
  /**
   * Milliseconds `close()` waits for the peer's close frame before terminating the socket.
   * @defaultValue 5000
   */
  readonly closeTimeoutMs?: number | undefined;
  /**
   * Close codes (1000–4999) that end the session `succeeded` when the peer sends them.
   * @defaultValue `[1000, 1001, 1005]`
   */
  readonly normalCloseCodes?: readonly number[] | undefined;
  /**
   * Reconnect after a drop (`remote_disconnect` / `transport_failed`, never a refused first
   * connection): `true` for the default policy, or a {@link ReconnectOptions} policy.
   * @defaultValue false
   */
  readonly reconnect?: boolean | ReconnectOptions | undefined;
  /**
   * How binary messages are delivered in `websocket.message`: `'bytes'` (a `Uint8Array`) or
   * `'base64'` (a JSON-safe string).
   * @defaultValue `'bytes'`
   */
  readonly binaryEncoding?: 'bytes' | 'base64' | undefined;
  /**
   * Values to scrub (`[redacted]`) wherever they would appear — the URL's path and query, the
   * chosen subprotocol, text messages in `websocket.message`, close reasons, failures, errors —
   * each at least 4 characters. Header values under credential-looking names (`authorization`,
   * `cookie`, `x-api-key` …) and credential-named query parameters are scrubbed without being
   * listed. Binary messages are delivered as they came.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
}

/** Reconnect policy after defaults are applied. */
export type ReconnectPolicy = Required<{ readonly [K in keyof ReconnectOptions]: number }>;

/** Session options after validation, with defaults applied (`plan-options.ts` resolves them). */
export interface ResolvedWebSocketOptions {
  readonly headers: Record<string, string>;
  readonly subprotocols: string[];
  readonly handshakeTimeoutMs: number;
  readonly maxPayloadBytes: number;
  readonly perMessageDeflate: boolean | { readonly threshold?: number | undefined };
  readonly pingIntervalMs: number | null;
  readonly pongTimeoutMs: number;
  readonly pingEvents: boolean;
  readonly sendHighWaterBytes: number;
  readonly maxWaitingSends: number;
  readonly maxQueuedSendBytes: number;
  readonly closeTimeoutMs: number;
  readonly normalCloseCodes: number[];
  readonly reconnect: ReconnectPolicy | null;
  readonly binaryEncoding: 'bytes' | 'base64';
  readonly secrets: string[] | undefined;
}

/** What a session runtime needs: the URL and the resolved options (the node lane's input extends it). */
export interface SessionPlan extends ResolvedWebSocketOptions {
  readonly url: string;
}

/**
 * The plan of a `connect()` session: the URL, its resolved options and `maxUnreadBytes`, which
 * only a session has (its iterator reports what the consumer took; the node lane's does not).
 */
export interface ConnectPlan extends SessionPlan {
  readonly maxUnreadBytes: number;
}
