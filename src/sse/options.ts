import * as z from 'zod/mini';
import type { ExecutionOptions } from '../core/index.js';
import type { FetchLike, HeadersInput } from '../internal/http/headers.js';
import { byteSize, count, durationMs } from '../internal/option-schemas.js';
import { secretsOption } from '../internal/redact-lane.js';

/** A Standard Schema (zod 4, valibot, arktype …) used to validate each event's JSON data. */
export interface StandardSchemaLike<V = unknown> {
  readonly '~standard': {
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: V; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string }> }
      | Promise<
          | { readonly value: V; readonly issues?: undefined }
          | { readonly issues: ReadonlyArray<{ readonly message: string }> }
        >;
  };
}

/** When and how a dropped stream reconnects. */
export interface SseReconnectOptions {
  /**
   * Reconnects in a row without progress before the stream fails. Only progress refreshes it: a
   * connection that delivered a message with an event id not seen at the end of an earlier
   * connection (a server replaying the same event on every reconnect makes none).
   * @defaultValue 5
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Smallest delay before a reconnect, in milliseconds: the floor under the backoff, the
   * server's `retry:` (a `retry: 0` is raised to it) and Retry-After, so no server can make the
   * stream reconnect more than 1 000 / `minDelayMs` times a second. It wins over `maxDelayMs`.
   * @defaultValue 100 (`sseDefaults.reconnectMinDelayMs`)
   */
  readonly minDelayMs?: number | undefined;
  /**
   * First delay in milliseconds when the server sent no `retry:`; doubled per failure in a row.
   * @defaultValue 1 000
   */
  readonly initialDelayMs?: number | undefined;
  /**
   * Largest delay in milliseconds, the server's `retry:` and Retry-After included (a longer
   * Retry-After ends the stream).
   * @defaultValue 30 000
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * Use the server's `retry:` field as the delay, as EventSource does.
   * @defaultValue true
   */
  readonly useServerRetry?: boolean | undefined;
  /**
   * Reconnect when the server ends the stream cleanly (without the sentinel) too.
   * @defaultValue false
   */
  readonly afterEnd?: boolean | undefined;
  /**
   * Equal jitter: half of each delay fixed, half random. `false` for exact delays.
   * @defaultValue true
   */
  readonly jitter?: boolean | undefined;
}

/**
 * The options of `stream(url, options)`: the stream's and the execution's (`timeoutMs`,
 * `signal` …) in one object. Every field is optional; unknown keys are refused (a compile error,
 * and `INVALID_OPTIONS` naming the nearest key at run time).
 *
 * @typeParam V - the type of `payload.value` when `json` is a schema
 * @example
 * const options: StreamOptions = { method: 'POST', body: { stream: true }, json: true, idleTimeoutMs: 30_000 };
 */
export interface StreamOptions<V = unknown> extends ExecutionOptions {
  /**
   * GET, POST, PUT, PATCH or DELETE (any case).
   * @defaultValue 'GET'
   */
  readonly method?: string | undefined;
  /**
   * Request headers (names case-insensitive): a record, `[name, value]` pairs or `Headers`.
   * @defaultValue `accept: text/event-stream` and `cache-control: no-cache` unless given
   */
  readonly headers?: HeadersInput | undefined;
  /**
   * A string, bytes, URLSearchParams, FormData, Blob or JSON value (sent as `application/json`);
   * sent again on every reconnect.
   * @defaultValue none
   */
  readonly body?: unknown;
  /**
   * Parse each event's data as JSON into `payload.value` (`true`), and validate it with a
   * Standard Schema such as a zod schema (the schema's output types `value`).
   * @defaultValue false
   */
  readonly json?: boolean | StandardSchemaLike<V> | undefined;
  /**
   * Emit `sse.comment` for comment lines.
   * @defaultValue false
   */
  readonly comments?: boolean | undefined;
  /**
   * `true`: each network chunk's messages arrive as one `sse.batch` event (one event per chunk,
   * so a high-rate stream costs one loop step per chunk, not per message). `false`: one
   * `sse.message` event per message, the slower path. `execution.messages()` reads either one
   * message at a time.
   * @defaultValue true
   */
  readonly batch?: boolean | undefined;
  /**
   * Reconnect policy, or `false` to fail on the first drop.
   * @defaultValue 5 attempts in a row, 1 s doubling to 30 s, the server's `retry:` honoured
   */
  readonly reconnect?: SseReconnectOptions | false | undefined;
  /**
   * Resume from this id: sent as Last-Event-ID on the first request.
   * @defaultValue none
   */
  readonly lastEventId?: string | undefined;
  /**
   * Milliseconds to the response headers, per connection.
   * @defaultValue 30 000
   */
  readonly openTimeoutMs?: number | undefined;
  /**
   * Longest silence between received bytes, in milliseconds, before the connection counts as
   * dropped (and is reconnected); `null` turns it off.
   * @defaultValue 120 000
   */
  readonly idleTimeoutMs?: number | null | undefined;
  /**
   * Largest event buffered, in decoded characters; more fails with `LIMIT_EXCEEDED`.
   * @defaultValue 4 194 304 (4 MiB)
   */
  readonly maxEventBytes?: number | undefined;
  /**
   * Event data that ends the stream cleanly (`end_reason: 'sentinel'`); `null` for none.
   * @defaultValue '[DONE]'
   */
  readonly sentinel?: string | null | undefined;
  /**
   * Extra header names to treat as credentials: redacted in events, stripped on a redirect to
   * another origin.
   * Every credential-looking name (`authorization`, `x-auth-token`, `api-key`, `cookie` …, see
   * docs/security.md) already is one.
   * @defaultValue none beyond the credential-looking names
   */
  readonly credentialHeaders?: readonly string[] | undefined;
  /**
   * Values to scrub (`[redacted]`) wherever they would appear — URLs, header values, event data
   * and ids, body previews, messages, failures — each at least 4 characters. Credential header
   * values are scrubbed without being listed.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
  /**
   * The fetch to call (an undici dispatcher, a proxy, a recorder …).
   * @defaultValue `globalThis.fetch`
   */
  readonly fetch?: FetchLike | undefined;
}

const isSchema = (value: unknown): value is StandardSchemaLike =>
  typeof value === 'object' && value !== null && '~standard' in value;

const SseReconnectSchema = z.strictObject({
  maxAttempts: z.optional(count(1_000)),
  initialDelayMs: z.optional(durationMs()),
  minDelayMs: z.optional(durationMs()),
  maxDelayMs: z.optional(durationMs()),
  useServerRetry: z.optional(z.boolean()),
  afterEnd: z.optional(z.boolean()),
  jitter: z.optional(z.boolean()),
});

/** The lane payload's schema: the URL and the lane's own options (no execution options). */
export const SseStreamInputSchema = z.strictObject({
  url: z.union([z.string(), z.instanceof(URL)]),
  method: z.optional(z.string()),
  headers: z.optional(z.custom<HeadersInput>((value) => typeof value === 'object' && value !== null)),
  body: z.optional(z.unknown()),
  json: z.optional(z.union([z.boolean(), z.custom<StandardSchemaLike>(isSchema)])),
  comments: z.optional(z.boolean()),
  batch: z.optional(z.boolean()),
  reconnect: z.optional(z.union([SseReconnectSchema, z.literal(false)])),
  lastEventId: z.optional(z.string()),
  openTimeoutMs: z.optional(durationMs()),
  idleTimeoutMs: z.optional(z.nullable(durationMs())),
  maxEventBytes: z.optional(byteSize()),
  sentinel: z.optional(z.nullable(z.string())),
  credentialHeaders: z.optional(z.array(z.string())),
  secrets: secretsOption(),
  fetch: z.optional(z.custom<FetchLike>((value) => typeof value === 'function')),
});

/** What the schema gives: the payload checked. */
export type ParsedStreamInput = z.output<typeof SseStreamInputSchema>;
