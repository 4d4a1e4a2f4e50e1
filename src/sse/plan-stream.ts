import type * as z from 'zod/mini';
import { invalidOptions } from '../core/index.js';
import {
  type BackoffPolicy,
  credentialHeaderSet,
  type FetchLike,
  type HeaderRecord,
  normalizeHeaders,
} from '../http/index.js';
import { describeValue } from '../internal/describe-value.js';
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_EVENT_BYTES,
  DEFAULT_OPEN_TIMEOUT_MS,
  DEFAULT_RECONNECT_INITIAL_DELAY_MS,
  DEFAULT_RECONNECT_MAX_ATTEMPTS,
  DEFAULT_RECONNECT_MAX_DELAY_MS,
  DEFAULT_SENTINEL,
} from './limits.js';
import type { SseReconnectSchema, SseStreamInputSchema, StandardSchemaLike } from './options.js';

/** Reconnect policy after defaults. */
export interface ReconnectPlan extends BackoffPolicy {
  readonly maxAttempts: number;
  readonly useServerRetry: boolean;
  readonly afterEnd: boolean;
}

/** A validated stream: what the lane runs. Built by `planStream`, never by hand. */
export interface SseStreamPlan {
  readonly url: URL;
  readonly method: string;
  readonly headers: HeaderRecord;
  readonly body: BodyInit | undefined;
  readonly json: false | true | StandardSchemaLike;
  readonly comments: boolean;
  readonly batch: boolean;
  readonly reconnect: ReconnectPlan;
  readonly lastEventId: string | undefined;
  readonly openTimeoutMs: number;
  readonly idleTimeoutMs: number | null;
  readonly maxEventBytes: number;
  readonly sentinel: string | null;
  readonly credentials: ReadonlySet<string>;
  readonly fetch: FetchLike | undefined;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Resolves parsed options into a plan: URL, method, headers and body checked, defaults applied.
 * Throws `INVALID_OPTIONS` naming the option; runs before any I/O.
 */
export function planStream(input: z.output<typeof SseStreamInputSchema>, entry: string): SseStreamPlan {
  const url = input.url instanceof URL ? input.url : URL.parse(input.url);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw invalidOptions(
      'url',
      'an absolute http: or https: URL without user-info',
      describeValue(String(input.url)),
      entry,
    );
  }
  const method = (input.method ?? 'GET').toUpperCase();
  if (!METHODS.includes(method)) {
    throw invalidOptions('method', `one of ${METHODS.join(', ')}`, describeValue(input.method), entry);
  }
  const credentials = credentialHeaderSet(input.credentialHeaders);
  const headers = {
    accept: 'text/event-stream',
    'cache-control': 'no-cache',
    ...normalizeHeaders(input.headers, credentials, entry),
  };
  const body = planBody(input.body, method, headers, entry);
  const reconnect: z.output<typeof SseReconnectSchema> =
    input.reconnect === false ? { maxAttempts: 0 } : (input.reconnect ?? {});
  return {
    url,
    method,
    headers,
    body,
    json: input.json ?? false,
    comments: input.comments ?? false,
    batch: input.batch ?? false,
    reconnect: {
      maxAttempts: reconnect.maxAttempts ?? DEFAULT_RECONNECT_MAX_ATTEMPTS,
      initialDelayMs: reconnect.initialDelayMs ?? DEFAULT_RECONNECT_INITIAL_DELAY_MS,
      maxDelayMs: reconnect.maxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS,
      jitter: reconnect.jitter ?? true,
      useServerRetry: reconnect.useServerRetry ?? true,
      afterEnd: reconnect.afterEnd ?? false,
    },
    lastEventId: input.lastEventId,
    openTimeoutMs: input.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS,
    idleTimeoutMs: input.idleTimeoutMs === undefined ? DEFAULT_IDLE_TIMEOUT_MS : input.idleTimeoutMs,
    maxEventBytes: input.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    sentinel: input.sentinel === undefined ? DEFAULT_SENTINEL : input.sentinel,
    credentials,
    fetch: input.fetch,
  };
}

// Bodies fetch can send again on every reconnect; a JSON value becomes application/json text.
function planBody(body: unknown, method: string, headers: HeaderRecord, entry: string): BodyInit | undefined {
  if (body === undefined || body === null) return undefined;
  if (method === 'GET') throw invalidOptions('body', 'no body with GET', describeValue(body), entry);
  if (
    typeof body === 'string' ||
    ArrayBuffer.isView(body) ||
    body instanceof ArrayBuffer ||
    body instanceof URLSearchParams ||
    body instanceof FormData ||
    body instanceof Blob
  ) {
    return body as BodyInit;
  }
  const proto = typeof body === 'object' ? Object.getPrototypeOf(body) : undefined;
  const json =
    Array.isArray(body) ||
    typeof body === 'boolean' ||
    (typeof body === 'number' && Number.isFinite(body)) ||
    proto === Object.prototype ||
    proto === null;
  if (!json) {
    throw invalidOptions(
      'body',
      'a string, bytes, URLSearchParams, FormData, Blob or JSON value (streams cannot be resent on reconnect)',
      describeValue(body),
      entry,
    );
  }
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}
