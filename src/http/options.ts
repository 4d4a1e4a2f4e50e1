import type { ExecutionOptions } from '../core/index.js';
import type { FetchLike, HeadersInput } from '../internal/http/headers.js';

/** Keep-alive agents for the Node engine, structurally `node:http`/`node:https` Agents. */
export interface NodeAgents {
  /** Agent for `http:` URLs. @defaultValue the global keep-alive agent */
  readonly http?: unknown;
  /** Agent for `https:` URLs. @defaultValue the global keep-alive agent */
  readonly https?: unknown;
}

/**
 * How the response body is returned in the output: text, parsed JSON, bytes, or (only through
 * `request()`) a stream delivered at the headers.
 */
export type ResponseType = 'text' | 'json' | 'bytes' | 'stream';

/** Split timeouts of one request; every value in milliseconds. */
export interface HttpTimeoutOptions {
  /**
   * Milliseconds to establish the connection (Node engine; the fetch and undici engines cannot
   * observe it).
   * @defaultValue 10 000 (`httpDefaults.connectTimeoutMs`)
   */
  readonly connectMs?: number | undefined;
  /**
   * With `expect: 100-continue` (Node engine), milliseconds the body waits for the server's
   * `100 Continue` before it is sent anyway; a final response first means it is never sent.
   * @defaultValue 1 000 (`httpDefaults.continueTimeoutMs`)
   */
  readonly continueMs?: number | undefined;
  /**
   * Milliseconds from sending the request to the response headers, per attempt.
   * @defaultValue 300 000 (`httpDefaults.headersTimeoutMs`)
   */
  readonly headersMs?: number | undefined;
  /**
   * Longest silence between two body chunks, in milliseconds.
   * @defaultValue 300 000 (`httpDefaults.idleTimeoutMs`)
   */
  readonly idleMs?: number | undefined;
  /**
   * Milliseconds for the whole request, retries and their delays included: the execution's
   * timeout (the smaller of this and `timeoutMs` applies). Useful in a lane payload (node,
   * kernel), where there is no `timeoutMs`.
   * @defaultValue `timeoutMs`, else 30 000
   */
  readonly totalMs?: number | undefined;
}

/** When and how often a request is tried again. */
export interface HttpRetryOptions {
  /**
   * Retries after the first attempt.
   * @defaultValue 2
   */
  readonly maxRetries?: number | undefined;
  /**
   * Methods that are retried (any case); a request that never reached the server is retried
   * whatever its method.
   * @defaultValue the idempotent ones: GET, HEAD, OPTIONS, PUT, DELETE, TRACE
   */
  readonly methods?: readonly string[] | undefined;
  /**
   * Response statuses that are retried.
   * @defaultValue 408, 429, 500, 502, 503, 504
   */
  readonly statusCodes?: readonly number[] | undefined;
  /**
   * First backoff delay in milliseconds; doubled per retry.
   * @defaultValue 500
   */
  readonly initialDelayMs?: number | undefined;
  /**
   * Largest backoff delay, in milliseconds.
   * @defaultValue 10 000
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * Equal jitter: half of each delay fixed, half random. `false` for exact delays.
   * @defaultValue true
   */
  readonly jitter?: boolean | undefined;
  /**
   * Largest Retry-After / retry-after-ms honoured, in milliseconds; a longer one ends retrying and
   * the response is returned as it is.
   * @defaultValue 60 000
   */
  readonly maxRetryAfterMs?: number | undefined;
  /**
   * Retry connect, headers and idle timeouts too.
   * @defaultValue true
   */
  readonly onTimeout?: boolean | undefined;
}

/** Whether and how far redirects are followed. */
export interface HttpRedirectOptions {
  /**
   * Follow 301, 302, 303, 307 and 308 (`false` returns the 3xx as the output).
   * @defaultValue true
   */
  readonly follow?: boolean | undefined;
  /**
   * Hops followed before failing with `LIMIT_EXCEEDED`.
   * @defaultValue 20
   */
  readonly max?: number | undefined;
}

/**
 * The options of `request(url, options)`: the request itself and the execution options
 * (`timeoutMs`, `deadline`, `signal` …) in one object. Every field is optional; unknown keys are
 * refused (a compile error, and `INVALID_OPTIONS` naming the nearest key at run time).
 *
 * @typeParam R - the `responseType`, which types `output.body`
 * @example
 * const options: RequestOptions = { method: 'POST', body: { q: 1 }, responseType: 'json', timeoutMs: 5_000 };
 */
export interface RequestOptions<R extends ResponseType = ResponseType> extends ExecutionOptions {
  /**
   * An absolute `http:`/`https:` URL the request URL is resolved against, by the WHATWG URL rules
   * (`new URL(url, baseUrl)`): `'items'` against `https://api.example.com/v1/` is `…/v1/items`,
   * but `'/items'` is `https://api.example.com/items` and `'items'` against `…/v1` (no trailing
   * slash) is `…/items`. The result must stay on baseUrl's origin (`INVALID_OPTIONS` otherwise).
   * @defaultValue none (the URL must be absolute)
   */
  readonly baseUrl?: string | URL | undefined;
  /**
   * Search parameters appended to the URL's own, encoded: a string, a finite number or a boolean
   * per name, an array for a repeated name; `undefined` leaves a name out. Anything else
   * (`null`, objects, `NaN`) is `INVALID_OPTIONS` naming `query.<name>`.
   * @defaultValue none
   */
  readonly query?:
    | Readonly<Record<string, string | number | boolean | undefined | readonly (string | number | boolean)[]>>
    | undefined;
  /**
   * One of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE (any case).
   * @defaultValue 'GET'
   */
  readonly method?: string | undefined;
  /**
   * Request headers (names case-insensitive): a record, `[name, value]` pairs or `Headers`.
   * @defaultValue none (the engines add `accept-encoding: gzip, deflate, br`; in a browser, the browser's own)
   */
  readonly headers?: HeadersInput | undefined;
  /**
   * A string, bytes, URLSearchParams, FormData, Blob, a ReadableStream or AsyncIterable of bytes
   * (sent once: never retried or replayed), or a JSON value (sent as `application/json`).
   * @defaultValue none
   */
  readonly body?: unknown;
  /**
   * How `output.body` is returned: `text` (a string), `json` (parsed; `null` for an empty body),
   * `bytes` (a Uint8Array), or `stream`: a web `ReadableStream<Uint8Array>` that is also
   * async-iterable, with `output()` resolving as soon as the final headers arrive and the
   * outcome settling when the body ends, fails or is cancelled. Reading pulls from the socket
   * (backpressure); `maxResponseBytes` and `timeouts.idleMs` still apply; nothing is retried
   * once the headers are delivered. `stream` is for `request()` only (not a lane payload).
   * @defaultValue 'text'
   */
  readonly responseType?: R | undefined;
  /**
   * Fail with `HTTP_STATUS` (`semantic_runtime_failed`) on a 4xx/5xx final response instead of
   * returning it as the output.
   * @defaultValue false
   */
  readonly throwOnHttpError?: boolean | undefined;
  /**
   * Split timeouts, in milliseconds.
   * @defaultValue connect 10 s, headers 300 s, idle 300 s; the whole request is `timeoutMs` (30 s)
   */
  readonly timeouts?: HttpTimeoutOptions | undefined;
  /**
   * Retry policy, or `false` for a single attempt.
   * @defaultValue 2 retries of idempotent methods on 408/429/5xx, network errors and timeouts
   */
  readonly retry?: HttpRetryOptions | false | undefined;
  /**
   * Redirect policy, or `false` to return 3xx responses as they are.
   * @defaultValue follow up to 20 hops
   */
  readonly redirect?: HttpRedirectOptions | false | undefined;
  /**
   * Largest body read, in decoded bytes; more fails with `LIMIT_EXCEEDED`.
   * @defaultValue 67 108 864 (64 MiB)
   */
  readonly maxResponseBytes?: number | undefined;
  /**
   * Extra header names to treat as credentials: redacted in events, outputs and errors, and
   * stripped on a redirect to another origin. Every credential-looking name (containing `auth`,
   * `token`, `key`, `secret`, `passw`, `cookie`, `session`, `signature`, `credential`, `bearer`
   * or `private`, e.g. `authorization`, `x-auth-token`, `api-key`, `x-goog-api-key`,
   * `private-token`, `x-amz-security-token`) already is one.
   * @defaultValue none beyond the credential-looking names
   */
  readonly credentialHeaders?: readonly string[] | undefined;
  /**
   * Values to scrub (`[redacted]`) wherever they would appear — URLs, header values, body
   * previews, messages, events, the output's text or JSON body, failures — each at least 4
   * characters. Credential header values are scrubbed without being listed.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
  /**
   * `node` (node:http with keep-alive agents), `fetch`, or `undici` (undici's `request` on its
   * global dispatcher; undici is an optional peer dependency, loaded on first use, and its absence
   * fails the request with `PEER_DEPENDENCY_MISSING`). Like fetch, undici cannot observe the
   * connect phase nor send `expect: 100-continue`.
   * @defaultValue 'node' on Node.js unless `fetch` is given, otherwise 'fetch'
   */
  readonly engine?: 'node' | 'fetch' | 'undici' | undefined;
  /**
   * The fetch the fetch engine calls (an undici dispatcher, a proxy, a recorder …).
   * @defaultValue `globalThis.fetch`
   */
  readonly fetch?: FetchLike | undefined;
  /**
   * Send the request through a forward proxy (Node engine only; the fetch and undici engines
   * refuse it with `INVALID_OPTIONS`: give them a `fetch` or dispatcher bound to a proxy).
   * `'env'` reads `http_proxy` / `https_proxy` / `no_proxy` (lower case first, then upper case;
   * https falls back to the http proxy; `no_proxy` entries are hosts matching themselves and
   * their subdomains, `.suffix`, `*`, or `host:port`). A URL (`http://user:pass@proxy:3128`)
   * routes every request through it. Plain http goes to the proxy in absolute form; https
   * through a CONNECT tunnel. Credentials in the proxy URL become `proxy-authorization` and are
   * redacted everywhere.
   * @defaultValue none (no proxy, whatever the environment says)
   */
  readonly proxy?: 'env' | string | URL | undefined;
  /**
   * Agents for the Node engine.
   * @defaultValue the global keep-alive agents
   */
  readonly agents?: NodeAgents | undefined;
}

/** The HTTP lane's payload: the request options without the execution options, plus the URL. */
export interface HttpRequestInput extends Omit<RequestOptions, keyof ExecutionOptions> {
  /** An `http:` or `https:` URL without user-info: absolute, or relative to `baseUrl`. */
  readonly url: string | URL;
}

/** The payload as checked by `checkRequestInput`. */
export type ParsedRequestInput = HttpRequestInput;
