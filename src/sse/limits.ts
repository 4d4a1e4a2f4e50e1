/**
 * The SSE lane's defaults, in one frozen object. Streams are long-lived: the execution has no
 * overall timeout unless the caller sets `timeoutMs`, and the idle timeout guards against a
 * silent peer. Units are in the names.
 *
 * @example
 * stream(url, { idleTimeoutMs: sseDefaults.idleTimeoutMs / 2 });
 */
export const sseDefaults = /* @__PURE__ */ Object.freeze({
  /** Largest event the parser buffers, in decoded characters (never more than its bytes on the wire): 4 MiB. */
  maxEventBytes: 4 * 1024 * 1024,
  /** Milliseconds from sending the request to the response headers, per connection. */
  openTimeoutMs: 30_000,
  /** Longest silence between received bytes (events or keep-alive comments) before reconnecting, in milliseconds. */
  idleTimeoutMs: 120_000,
  /** Reconnects in a row without progress (a message with a new event id) before the stream fails. */
  reconnectMaxAttempts: 5,
  /** First reconnect delay in milliseconds when the server gave no `retry:`; doubled per failed reconnect. */
  reconnectInitialDelayMs: 1_000,
  /** Smallest reconnect delay in milliseconds, whatever the server's `retry:` or Retry-After says: at most ~10 reconnects a second. */
  reconnectMinDelayMs: 100,
  /** Largest reconnect delay in milliseconds, the server's `retry:` and Retry-After included. */
  reconnectMaxDelayMs: 30_000,
  /** Data of the event that ends a stream cleanly (OpenAI-style); `sentinel: null` turns it off. */
  sentinel: '[DONE]',
  /**
   * Events held for a stream delivered in batches (the default) unless `eventQueueCapacity` is
   * given: each `sse.batch` holds a network chunk (up to about 64 KiB), so 16 bound what is read
   * ahead of a slow consumer to about 1 MiB of messages. With `batch: false`, core's 1 024.
   */
  batchQueueCapacity: 16,
  /** Bytes of a refused response's body quoted in the failure. */
  errorPreviewBytes: 1_024,
});
