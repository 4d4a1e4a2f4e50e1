/**
 * Named defaults of the SSE lane. Streams are long-lived: the execution has no overall timeout
 * unless the caller sets one, and the idle timeout guards against a silent peer.
 */

/** Largest event the parser buffers (decoded characters, never more than its bytes on the wire). */
export const DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024;

/** Time from sending the request to the response headers, per connection. */
export const DEFAULT_OPEN_TIMEOUT_MS = 30_000;

/** Longest silence between received bytes (events or keep-alive comments) before reconnecting. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** Reconnects in a row without a received message before the stream fails. */
export const DEFAULT_RECONNECT_MAX_ATTEMPTS = 5;

/** First reconnect delay when the server gave no `retry:`; doubled per failed reconnect. */
export const DEFAULT_RECONNECT_INITIAL_DELAY_MS = 1_000;

/** Largest reconnect delay, the server's `retry:` and Retry-After included. */
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 30_000;

/** Data of the event that ends a stream cleanly (OpenAI-style); `null` turns it off. */
export const DEFAULT_SENTINEL = '[DONE]';

/** Bytes of a refused response's body quoted in the failure. */
export const DEFAULT_ERROR_PREVIEW_BYTES = 1_024;
