/**
 * The defaults of {@link connect}'s options, in one frozen object: every value is the default of
 * the option of the same name (docs/websocket.md says what happens when a limit is reached).
 *
 * @example
 * connect('wss://realtime.example', { pingIntervalMs: websocketDefaults.pingIntervalMs * 2 });
 */
export const websocketDefaults = /* @__PURE__ */ Object.freeze({
  /** Milliseconds for TCP connect + TLS + the HTTP upgrade; past it the attempt fails `HANDSHAKE_TIMEOUT`. */
  handshakeTimeoutMs: 10_000,
  /** Largest inbound message in bytes (16 MiB); a bigger one closes with 1009, `MESSAGE_TOO_LARGE`. */
  maxPayloadBytes: 16 * 1024 * 1024,
  /** Milliseconds between keepalive pings. */
  pingIntervalMs: 30_000,
  /** Milliseconds a keepalive ping may go unanswered before the peer counts as gone (`KEEPALIVE_TIMEOUT`). */
  pongTimeoutMs: 10_000,
  /** `send()` waits while more than this many bytes (1 MiB) are queued on the socket. */
  sendHighWaterBytes: 1024 * 1024,
  /** Bytes (16 MiB) a session may hold for sending — ws' `bufferedAmount` plus waiting sends; past it `send()` rejects `LIMIT_EXCEEDED`. */
  maxQueuedSendBytes: 16 * 1024 * 1024,
  /** Bytes (16 MiB) of received messages held for a session's consumer before reading pauses. */
  maxUnreadBytes: 16 * 1024 * 1024,
  /** Sends allowed to wait (for the handshake, a reconnect or the high-water mark) at once. */
  maxWaitingSends: 1_024,
  /** Milliseconds `close()` waits for the peer's close frame before terminating the socket. */
  closeTimeoutMs: 5_000,
  /** Close codes that end a session as `succeeded` when the peer sends them (1005: no code given). */
  normalCloseCodes: Object.freeze([1000, 1001, 1005]) as readonly number[],
  /** The reconnect policy `reconnect: true` stands for. */
  reconnect: Object.freeze({
    /** Consecutive failed attempts before the session fails. */
    maxAttempts: 5,
    /** Milliseconds before the first attempt. */
    initialDelayMs: 500,
    /** Upper bound of any delay, in milliseconds. */
    maxDelayMs: 30_000,
    /** Growth of the delay per attempt. */
    factor: 2,
    /** A connection open at least this many milliseconds resets the attempt budget. */
    stableAfterMs: 5_000,
  }),
  /** Bytes of a refused handshake's response body kept in the failure details (not an option). */
  handshakeBodyPreviewBytes: 1_024,
  /** Pings awaiting their pong at once through `session.ping()` (not an option). */
  maxPendingPings: 64,
});
