import * as z from 'zod/mini';
import type { HeadersInput } from './headers.js';

/** The `fetch` the fetch engine calls; the global one unless injected. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Keep-alive agents for the Node engine, structurally `node:http`/`node:https` Agents. */
export interface NodeAgents {
  readonly http?: unknown;
  readonly https?: unknown;
}

/** How the response body is returned in the output. */
export type ResponseType = 'text' | 'json' | 'bytes';

const ms = () => z.number().check(z.int(), z.minimum(1), z.maximum(2_147_483_647));
const count = (max: number) => z.number().check(z.int(), z.minimum(0), z.maximum(max));

const isHeadersInput = (value: unknown): value is HeadersInput =>
  value instanceof Headers || (typeof value === 'object' && value !== null);

/** Split timeouts; every value in milliseconds. */
export const HttpTimeoutsSchema = z.strictObject({
  /** Establishing the connection (Node engine; the fetch engine cannot observe it). */
  connectMs: z.optional(ms()),
  /** From sending the request to the response headers. */
  headersMs: z.optional(ms()),
  /** Between two body chunks. */
  idleMs: z.optional(ms()),
  /** The whole request, retries and their delays included. */
  totalMs: z.optional(ms()),
});

/** Retry policy. */
export const HttpRetrySchema = z.strictObject({
  maxRetries: z.optional(count(100)),
  methods: z.optional(z.array(z.string())),
  statusCodes: z.optional(z.array(z.number().check(z.int(), z.minimum(100), z.maximum(599)))),
  initialDelayMs: z.optional(count(2_147_483_647)),
  maxDelayMs: z.optional(count(2_147_483_647)),
  jitter: z.optional(z.boolean()),
  maxRetryAfterMs: z.optional(count(2_147_483_647)),
  onTimeout: z.optional(z.boolean()),
});

/** Redirect policy. */
export const HttpRedirectSchema = z.strictObject({
  follow: z.optional(z.boolean()),
  max: z.optional(count(1_000)),
});

/** The lane payload: everything `request()` takes except the signal. */
export const HttpRequestInputSchema = z.strictObject({
  url: z.union([z.string(), z.instanceof(URL)]),
  method: z.optional(z.string()),
  headers: z.optional(z.custom<HeadersInput>(isHeadersInput)),
  body: z.optional(z.unknown()),
  responseType: z.optional(z.enum(['text', 'json', 'bytes'])),
  throwOnHttpError: z.optional(z.boolean()),
  timeouts: z.optional(HttpTimeoutsSchema),
  retry: z.optional(z.union([HttpRetrySchema, z.literal(false)])),
  redirect: z.optional(z.union([HttpRedirectSchema, z.literal(false)])),
  maxResponseBytes: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER))),
  credentialHeaders: z.optional(z.array(z.string())),
  engine: z.optional(z.enum(['node', 'fetch'])),
  fetch: z.optional(z.custom<FetchLike>((value) => typeof value === 'function')),
  agents: z.optional(z.custom<NodeAgents>((value) => typeof value === 'object' && value !== null)),
});

/**
 * Options of one HTTP request (the lane payload). See docs/http.md for every default.
 *
 * @example
 * const input: HttpRequestInput = { url: 'https://api.example.com/v1/items', responseType: 'json' };
 */
export interface HttpRequestInput {
  /** Absolute `http:` or `https:` URL. */
  readonly url: string | URL;
  /**
   * One of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE (any case).
   * @defaultValue 'GET'
   */
  readonly method?: string | undefined;
  /** Request headers (names case-insensitive). */
  readonly headers?: HeadersInput | undefined;
  /**
   * A string, bytes, URLSearchParams, FormData, Blob, a ReadableStream or AsyncIterable of
   * bytes (never retried or replayed), or a JSON value (sent as `application/json`).
   */
  readonly body?: unknown;
  /**
   * How `output.body` is returned.
   * @defaultValue 'text'
   */
  readonly responseType?: ResponseType | undefined;
  /**
   * Fail (`semantic_runtime_failed`) on a 4xx/5xx final response instead of returning it.
   * @defaultValue false
   */
  readonly throwOnHttpError?: boolean | undefined;
  /** Split timeouts; see {@link DEFAULT_CONNECT_TIMEOUT_MS} and the other `DEFAULT_*_TIMEOUT_MS`. */
  readonly timeouts?: z.input<typeof HttpTimeoutsSchema> | undefined;
  /** Retry policy, or `false` for a single attempt. */
  readonly retry?: z.input<typeof HttpRetrySchema> | false | undefined;
  /** Redirect policy, or `false` to return 3xx responses as they are. */
  readonly redirect?: z.input<typeof HttpRedirectSchema> | false | undefined;
  /**
   * Largest body read (decoded bytes).
   * @defaultValue {@link DEFAULT_MAX_RESPONSE_BYTES} (64 MiB)
   */
  readonly maxResponseBytes?: number | undefined;
  /** Extra header names to treat as credentials (redacted, stripped cross-origin). */
  readonly credentialHeaders?: readonly string[] | undefined;
  /**
   * `node` (node:http with keep-alive agents) or `fetch`.
   * @defaultValue 'node' on Node.js unless `fetch` is given, otherwise 'fetch'
   */
  readonly engine?: 'node' | 'fetch' | undefined;
  /** The fetch the fetch engine calls (an undici dispatcher, a proxy, a recorder …). */
  readonly fetch?: FetchLike | undefined;
  /** Agents for the Node engine; the global keep-alive agents by default. */
  readonly agents?: NodeAgents | undefined;
}

/** {@link HttpRequestInput} plus the caller's abort signal: what `request()` takes. */
export interface RequestOptions extends HttpRequestInput {
  /** Aborting it cancels the request (status `cancelled`). */
  readonly signal?: AbortSignal | undefined;
}
