import * as z from 'zod/mini';
import type { FetchLike, HeadersInput } from '../http/index.js';

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

const ms = () => z.number().check(z.int(), z.minimum(1), z.maximum(2_147_483_647));
const isSchema = (value: unknown): value is StandardSchemaLike =>
  typeof value === 'object' && value !== null && '~standard' in value;

/** Reconnect policy. */
export const SseReconnectSchema = z.strictObject({
  maxAttempts: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1_000))),
  initialDelayMs: z.optional(ms()),
  maxDelayMs: z.optional(ms()),
  useServerRetry: z.optional(z.boolean()),
  afterEnd: z.optional(z.boolean()),
  jitter: z.optional(z.boolean()),
});

/** The SSE lane payload: everything `stream()` takes except the signal. */
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
  openTimeoutMs: z.optional(ms()),
  idleTimeoutMs: z.optional(z.nullable(ms())),
  maxEventBytes: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1_073_741_824))),
  sentinel: z.optional(z.nullable(z.string())),
  credentialHeaders: z.optional(z.array(z.string())),
  fetch: z.optional(z.custom<FetchLike>((value) => typeof value === 'function')),
});

/**
 * Options of one SSE stream (the lane payload). See docs/sse.md for every default.
 *
 * @example
 * const input: SseStreamInput = { url: 'https://api.example.com/v1/chat', method: 'POST', body: { stream: true }, json: true };
 */
export interface SseStreamInput<V = unknown> {
  /** Absolute `http:` or `https:` URL. */
  readonly url: string | URL;
  /**
   * GET, POST, PUT, PATCH or DELETE (any case).
   * @defaultValue 'GET'
   */
  readonly method?: string | undefined;
  /** Request headers; `accept: text/event-stream` and `cache-control: no-cache` unless given. */
  readonly headers?: HeadersInput | undefined;
  /** A string, bytes, URLSearchParams, FormData, Blob or JSON value; sent again on every reconnect. */
  readonly body?: unknown;
  /** Parse each event's data as JSON (`true`) and validate it (a Standard Schema such as a zod schema). */
  readonly json?: boolean | StandardSchemaLike<V> | undefined;
  /**
   * Emit `sse.comment` for comment lines.
   * @defaultValue false
   */
  readonly comments?: boolean | undefined;
  /**
   * Deliver each network chunk's messages as one `sse.batch` event instead of one
   * `sse.message` each: for high-rate streams, where per-event iteration would dominate.
   * @defaultValue false
   */
  readonly batch?: boolean | undefined;
  /** Reconnect policy, or `false` to fail on the first drop. */
  readonly reconnect?: z.input<typeof SseReconnectSchema> | false | undefined;
  /** Resume from this id: sent as Last-Event-ID on the first request. */
  readonly lastEventId?: string | undefined;
  /**
   * Time to the response headers, per connection.
   * @defaultValue {@link DEFAULT_OPEN_TIMEOUT_MS}
   */
  readonly openTimeoutMs?: number | undefined;
  /**
   * Longest silence between received bytes before the connection counts as dropped; `null` off.
   * @defaultValue {@link DEFAULT_IDLE_TIMEOUT_MS}
   */
  readonly idleTimeoutMs?: number | null | undefined;
  /**
   * Largest event buffered (eventsource-parser's `maxBufferSize`).
   * @defaultValue {@link DEFAULT_MAX_EVENT_BYTES}
   */
  readonly maxEventBytes?: number | undefined;
  /**
   * Event data that ends the stream cleanly; `null` for none.
   * @defaultValue {@link DEFAULT_SENTINEL} (`[DONE]`)
   */
  readonly sentinel?: string | null | undefined;
  /** Extra header names to treat as credentials (redacted, stripped cross-origin). */
  readonly credentialHeaders?: readonly string[] | undefined;
  /** The fetch to call (an undici dispatcher, a proxy, a recorder …); the global one by default. */
  readonly fetch?: FetchLike | undefined;
}

/** {@link SseStreamInput} plus the caller's abort signal: what `stream()` takes. */
export interface StreamOptions<V = unknown> extends SseStreamInput<V> {
  /** Aborting it cancels the stream (status `cancelled`). */
  readonly signal?: AbortSignal | undefined;
}
