/**
 * Named default limits of the WebSocket lane. Every one is an option of {@link connect}; see
 * docs/websocket.md for what happens when a limit is reached.
 */

/** Time allowed for TCP connect + TLS + the HTTP upgrade; past it the session ends `timed_out`. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** Largest inbound message; a bigger one closes with 1009 and fails `protocol_framing_failed`. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/** Interval between keepalive pings. */
export const DEFAULT_PING_INTERVAL_MS = 30_000;

/** How long a keepalive ping may go unanswered before the peer counts as gone (`remote_disconnect`). */
export const DEFAULT_PONG_TIMEOUT_MS = 10_000;

/** `send()` waits while more than this many bytes are queued on the socket. */
export const DEFAULT_SEND_HIGH_WATER_BYTES = 1024 * 1024;

/** Sends allowed to wait (for the handshake, a reconnect or the high-water mark) at once. */
export const DEFAULT_MAX_WAITING_SENDS = 1_024;

/** How long `close()` waits for the peer's close frame before terminating the socket. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

/** Bytes of a failed handshake's response body kept in the failure details. */
export const DEFAULT_HANDSHAKE_BODY_PREVIEW_BYTES = 1_024;

/** Close codes that end a session as `succeeded` when the peer sends them (1005: no code given). */
export const DEFAULT_NORMAL_CLOSE_CODES: readonly number[] = [1000, 1001, 1005];

/** Reconnect policy used when `reconnect: true`. */
export const DEFAULT_RECONNECT = {
  /** Consecutive failed attempts before the session fails. */
  maxAttempts: 5,
  /** Delay before the first attempt. */
  initialDelayMs: 500,
  /** Upper bound of any delay. */
  maxDelayMs: 30_000,
  /** Growth of the delay per attempt. */
  factor: 2,
  /** A connection open at least this long resets the attempt budget. */
  stableAfterMs: 5_000,
} as const;
