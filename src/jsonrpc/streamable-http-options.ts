import * as z from 'zod/mini';
import { invalidOptions } from '../core/errors.js';
import { parseOptions } from '../core/parse-options.js';
import { byteSize, count, durationMs } from '../internal/option-schemas.js';
import { jsonRpcDefaults } from './defaults.js';

/** The `fetch` a Streamable HTTP channel calls (the global one, or yours: a proxy agent, a test double). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Options of `createStreamableHttpChannel()` (the client side of MCP's Streamable HTTP transport).
 *
 * @example
 * const options: StreamableHttpChannelOptions = { headers: { authorization: `Bearer ${token}` } };
 */
export interface StreamableHttpChannelOptions {
  /**
   * Headers sent with every request (authentication, tracing). Values under credential-looking
   * names (`authorization`, `x-api-key` …) are redacted from every error's details.
   * @defaultValue none
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Open the standalone GET stream for server-initiated messages once the session is initialized
   * (a server answering 405 simply has none).
   * @defaultValue true
   */
  readonly standaloneStream?: boolean | undefined;
  /**
   * Consecutive failed attempts to resume a dropped SSE stream (GET with `Last-Event-ID`) before
   * giving up: the requests it carried then reject with `RESPONSE_LOST`.
   * @defaultValue 5
   */
  readonly maxReconnects?: number | undefined;
  /**
   * Delay in ms before the first resume attempt when the server sent no `retry:`; doubles per
   * further attempt (equal jitter), capped at 30 s.
   * @defaultValue 500
   */
  readonly reconnectDelayMs?: number | undefined;
  /**
   * Largest inbound message in bytes (a JSON body or one SSE event); a bigger one fails the
   * channel with `MESSAGE_TOO_LARGE`.
   * @defaultValue 16777216 (16 MiB, `jsonRpcDefaults.maxMessageBytes`)
   */
  readonly maxMessageBytes?: number | undefined;
  /**
   * Milliseconds `close()` waits for the DELETE that ends the session.
   * @defaultValue 5000
   */
  readonly closeTimeoutMs?: number | undefined;
  /**
   * When the first POST (the `initialize` request) is answered 400, 404 or 405, try the legacy
   * HTTP+SSE transport (spec 2024-11-05) at the same URL, as the spec's compatibility section
   * advises: a GET stream whose `endpoint` event names where to POST, answers on that stream.
   * @defaultValue true
   */
  readonly legacyFallback?: boolean | undefined;
  /**
   * The `fetch` to call.
   * @defaultValue `globalThis.fetch`
   */
  readonly fetch?: FetchLike | undefined;
}

/** The options with their defaults applied. */
export interface ResolvedStreamableHttpOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly standaloneStream: boolean;
  readonly maxReconnects: number;
  readonly reconnectDelayMs: number;
  readonly maxMessageBytes: number;
  readonly closeTimeoutMs: number;
  readonly legacyFallback: boolean;
  readonly fetch: FetchLike;
}

const headerName = z.string().check(z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'an HTTP header name'));

const Schema = z.strictObject({
  headers: z.optional(z.record(headerName, z.string())),
  standaloneStream: z.optional(z.boolean()),
  maxReconnects: z.optional(count(1_000)),
  reconnectDelayMs: z.optional(durationMs(0)),
  maxMessageBytes: z.optional(byteSize()),
  closeTimeoutMs: z.optional(durationMs(0)),
  legacyFallback: z.optional(z.boolean()),
  fetch: z.optional(z.custom<FetchLike>((v) => typeof v === 'function', 'a fetch function')),
});

/** Validates the URL and options (before any I/O) and applies the defaults. */
export function resolveStreamableHttpOptions(
  url: unknown,
  options: StreamableHttpChannelOptions | undefined,
  entry: string,
): ResolvedStreamableHttpOptions {
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    // Only the scheme is echoed: a URL may carry a token in its query.
    const received = typeof url === 'string' ? `a ${url.split(':')[0]}: URL or no URL` : typeof url;
    throw invalidOptions('url', 'an http(s) URL', received, entry);
  }
  const given = parseOptions(Schema, options ?? {}, entry);
  const fetchFn = given.fetch ?? (globalThis.fetch as FetchLike | undefined);
  if (!fetchFn) throw invalidOptions('fetch', 'a fetch function', 'none in this runtime', entry);
  return {
    url,
    headers: given.headers ?? {},
    standaloneStream: given.standaloneStream ?? true,
    maxReconnects: given.maxReconnects ?? 5,
    reconnectDelayMs: given.reconnectDelayMs ?? 500,
    maxMessageBytes: given.maxMessageBytes ?? jsonRpcDefaults.maxMessageBytes,
    closeTimeoutMs: given.closeTimeoutMs ?? 5_000,
    legacyFallback: given.legacyFallback ?? true,
    // Called as `options.fetch(…)` the function would get the options as `this`, which a
    // browser's own fetch refuses ("Illegal invocation"): call it bare.
    fetch: (input, init) => (fetchFn as FetchLike)(input, init),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const protocol = new URL(value).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
