/**
 * Named defaults of the HTTP lane. Every limit is on unless the caller raises it; exceeding one
 * is a typed failure naming the option.
 */

/** Largest response body read into memory (64 MiB); a larger Content-Length fails before reading. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Time to establish the connection (TCP and TLS) on the Node engine. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Time from sending the request to the response headers (undici's default). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 300_000;

/** Longest silence between two body chunks (undici's `bodyTimeout`). */
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;

/** Retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;

/** Methods retried without the caller opting in: the idempotent ones (RFC 9110 §9.2.2). */
export const DEFAULT_RETRY_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];

/** Response statuses that are retried. */
export const DEFAULT_RETRY_STATUS_CODES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** First backoff delay; doubled per retry. */
export const DEFAULT_RETRY_INITIAL_DELAY_MS = 500;

/** Largest backoff delay. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 10_000;

/** Largest server-requested delay (Retry-After, retry-after-ms) honoured; a longer one ends retrying. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** Redirect hops followed before failing. */
export const DEFAULT_MAX_REDIRECTS = 20;

/** Bytes of a response body quoted in a failure (`throwOnHttpError`, invalid JSON). */
export const DEFAULT_BODY_PREVIEW_BYTES = 1_024;
