import { MAX_REDIRECTS } from '../internal/http/redirect.js';

/**
 * The HTTP lane's defaults, in one frozen object: every limit is on unless the caller raises it,
 * and exceeding one is a typed failure naming the option. Units are in the names.
 *
 * @example
 * request(url, { maxResponseBytes: httpDefaults.maxResponseBytes * 2 });
 */
export const httpDefaults = /* @__PURE__ */ Object.freeze({
  /** Largest response body read into memory, in decoded bytes (64 MiB); a larger Content-Length fails before reading. */
  maxResponseBytes: 64 * 1024 * 1024,
  /** Milliseconds to establish the connection (TCP and TLS), on the Node engine. */
  connectTimeoutMs: 10_000,
  /** Milliseconds from sending the request to the response headers (undici's default). */
  headersTimeoutMs: 300_000,
  /** Longest silence between two body chunks, in milliseconds (undici's `bodyTimeout`). */
  idleTimeoutMs: 300_000,
  /** Milliseconds a body sent with `expect: 100-continue` waits for `100 Continue` before it goes anyway (curl's default). */
  continueTimeoutMs: 1_000,
  /** Retries after the first attempt. */
  maxRetries: 2,
  /** Methods retried without the caller opting in: the idempotent ones (RFC 9110 §9.2.2). */
  retryMethods: Object.freeze(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']) as readonly string[],
  /** Response statuses that are retried. */
  retryStatusCodes: Object.freeze([408, 429, 500, 502, 503, 504]) as readonly number[],
  /** First backoff delay in milliseconds; doubled per retry, with equal jitter. */
  retryInitialDelayMs: 500,
  /** Largest backoff delay, in milliseconds. */
  retryMaxDelayMs: 10_000,
  /** Largest server-requested delay (Retry-After, retry-after-ms) honoured, in milliseconds; a longer one ends retrying. */
  maxRetryAfterMs: 60_000,
  /** Redirect hops followed before failing. */
  maxRedirects: MAX_REDIRECTS,
  /** Bytes of a response body quoted in a failure (`throwOnHttpError`, invalid JSON). */
  bodyPreviewBytes: 1_024,
});
