import type { HeaderRecord } from '../internal/http/headers.js';

/** One followed redirect, as recorded in the output. */
export interface HttpRedirectRecord {
  /** The 3xx status that redirected. */
  readonly status: number;
  /** The URL that answered with the redirect. */
  readonly from: string;
  /** The URL followed next. */
  readonly to: string;
  /** Credential headers not sent to `to` because it is another origin. */
  readonly stripped_headers: readonly string[];
}

/**
 * The output of a request: the final response as a fact, whatever its status. Credential header
 * values (`set-cookie` included) are `[redacted]`.
 */
export interface HttpResponseOutput<B = unknown> {
  /** The final response's status code. */
  readonly status: number;
  /** Its reason phrase (`''` when the server sent none, as HTTP/2 does). */
  readonly status_text: string;
  /** Response headers: lower-case names, repeated headers joined with `, `, credentials `[redacted]`. */
  readonly headers: HeaderRecord;
  /** Text, parsed JSON (`null` for an empty body) or bytes, per `responseType`. */
  readonly body: B;
  /** The URL that gave the final response. */
  readonly url: string;
  /** The redirects followed in the last attempt, in order. */
  readonly redirects: readonly HttpRedirectRecord[];
  /** Attempts made: 1 plus the retries. */
  readonly attempts: number;
}

/** Payload of `http.request`: one request sent (per attempt and per redirect hop). */
export interface HttpRequestEventPayload {
  /** The attempt, 1 for the first. */
  readonly attempt: number;
  /** Redirect hops followed before this request in this attempt. */
  readonly redirect: number;
  /** The method sent (a 303 turns it into GET). */
  readonly method: string;
  /** The URL requested. */
  readonly url: string;
  /** The request headers sent, credentials `[redacted]`. */
  readonly headers: HeaderRecord;
}

/** Payload of `http.response`: status and headers as they arrived (the body is not in events). */
export interface HttpResponseEventPayload {
  /** The attempt, 1 for the first. */
  readonly attempt: number;
  /** Redirect hops followed before this response in this attempt. */
  readonly redirect: number;
  /** The response's status code. */
  readonly status: number;
  /** Its reason phrase. */
  readonly status_text: string;
  /** Response headers as they arrived, credentials `[redacted]`. */
  readonly headers: HeaderRecord;
  /** The URL that answered. */
  readonly url: string;
}

/** Payload of `http.retrying`: the next attempt is made after `delay_ms`. */
export interface HttpRetryingEventPayload {
  /** The attempt about to be made (2 for the first retry). */
  readonly attempt: number;
  /** Milliseconds waited before it. */
  readonly delay_ms: number;
  /** What is retried: a retryable status, a network error or a phase timeout. */
  readonly reason: 'status' | 'transport' | 'timeout';
  /** The status that is retried (`reason: 'status'`). */
  readonly status: number | null;
  /** The low-level network error code (`ECONNRESET` …) of a transport failure. */
  readonly errno: string | null;
  /** What the server asked for (Retry-After / retry-after-ms), when it did. */
  readonly retry_after_ms: number | null;
}

/** Events of the HTTP lane, by type. */
export interface HttpLaneEvents {
  'http.request': HttpRequestEventPayload;
  'http.response': HttpResponseEventPayload;
  'http.redirect': HttpRedirectRecord & { readonly method: string };
  'http.retrying': HttpRetryingEventPayload;
}
