import { invalidOptions } from '../core/errors.js';
import { parseOptions } from '../core/parse-options.js';
import { describeValue } from '../internal/describe-value.js';
import {
  credentialHeaderSet,
  type FetchLike,
  type HeaderRecord,
  normalizeHeaders,
} from '../internal/http/headers.js';
import { describeUrl, type HttpRedaction, planRedaction } from '../internal/http/redaction.js';
import { redactPlanError } from '../internal/redact-lane.js';
import { sseDefaults } from './limits.js';
import { type ParsedStreamInput, SseStreamInputSchema, type StandardSchemaLike } from './options.js';

/** Reconnect policy after defaults (the shared backoff's fields, spelled out so the public types name no internal one). */
export interface ReconnectPlan {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly minDelayMs: number;
  readonly jitter: boolean;
  readonly maxAttempts: number;
  readonly useServerRetry: boolean;
  readonly afterEnd: boolean;
}

/** A validated stream with defaults applied: what the lane runs. Built by `planStream` only. */
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
  /** Credential header names and the values to scrub (`secrets` and credential header values). */
  readonly redaction: HttpRedaction;
  readonly fetch: FetchLike | undefined;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The SSE lane's `plan`: checks the payload (`{ url, …options }`, execution options already split
 * off) and applies every default, in one pass. Throws `INVALID_OPTIONS` naming the option (and
 * the nearest known key for a typo) before any I/O.
 */
export function planStream(payload: unknown, entry = 'sse lane payload'): SseStreamPlan {
  try {
    return checkedPlan(payload, entry);
  } catch (error) {
    throw redactPlanError(error, payload);
  }
}

function checkedPlan(payload: unknown, entry: string): SseStreamPlan {
  const input = parseOptions(SseStreamInputSchema, payload, entry);
  const url = input.url instanceof URL ? input.url : URL.parse(input.url);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalidOptions('url', 'an absolute http: or https: URL', describeUrl(input.url), entry);
  }
  if (url.username || url.password) {
    // Credentials in a URL leak into logs and redirects; they belong in a header.
    throw invalidOptions(
      'url',
      'a URL without user-info (send credentials in a header)',
      'a URL with user-info',
      entry,
    );
  }
  const method = (input.method ?? 'GET').toUpperCase();
  if (!METHODS.includes(method)) {
    throw invalidOptions('method', `one of ${METHODS.join(', ')}`, describeValue(input.method), entry);
  }
  const credentials = credentialHeaderSet(input.credentialHeaders);
  const headers: HeaderRecord = {
    accept: 'text/event-stream',
    'cache-control': 'no-cache',
    ...normalizeHeaders(input.headers, credentials, entry),
  };
  if (headers.expect !== undefined) {
    // fetch cannot send an expectation; an event stream has nothing to wait for.
    throw invalidOptions(
      'headers.expect',
      'no expect header on an event stream',
      describeValue(headers.expect),
      entry,
    );
  }
  const body = planBody(input.body, method, headers, entry);
  const reconnect: Exclude<ParsedStreamInput['reconnect'], false | undefined> =
    input.reconnect === false ? { maxAttempts: 0 } : (input.reconnect ?? {});
  return {
    url,
    method,
    headers,
    body,
    json: input.json ?? false,
    comments: input.comments ?? false,
    batch: input.batch ?? true,
    reconnect: {
      maxAttempts: reconnect.maxAttempts ?? sseDefaults.reconnectMaxAttempts,
      initialDelayMs: reconnect.initialDelayMs ?? sseDefaults.reconnectInitialDelayMs,
      maxDelayMs: reconnect.maxDelayMs ?? sseDefaults.reconnectMaxDelayMs,
      minDelayMs: reconnect.minDelayMs ?? sseDefaults.reconnectMinDelayMs,
      jitter: reconnect.jitter ?? true,
      useServerRetry: reconnect.useServerRetry ?? true,
      afterEnd: reconnect.afterEnd ?? false,
    },
    lastEventId: checkLastEventId(input.lastEventId, entry),
    openTimeoutMs: input.openTimeoutMs ?? sseDefaults.openTimeoutMs,
    idleTimeoutMs: input.idleTimeoutMs === undefined ? sseDefaults.idleTimeoutMs : input.idleTimeoutMs,
    maxEventBytes: input.maxEventBytes ?? sseDefaults.maxEventBytes,
    sentinel: input.sentinel === undefined ? sseDefaults.sentinel : input.sentinel,
    redaction: planRedaction(url, headers, credentials, input.secrets),
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

// The spec's parser never yields an id with NUL, and a CR or LF would split the header line.
function checkLastEventId(id: string | undefined, entry: string): string | undefined {
  if (id === undefined || !/[\r\n\0]/.test(id)) return id;
  throw invalidOptions('lastEventId', 'an event id without CR, LF or NUL', describeValue(id), entry);
}
