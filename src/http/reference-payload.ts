import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { invalidOptions } from '../core/errors.js';
import { describeValue } from '../internal/describe-value.js';
import {
  expectType,
  isMap,
  isString,
  type ReadPayload,
  type ReferenceWire,
  referenceHeaders,
  referenceTimeout,
} from '../internal/reference-wire.js';
import { REQUEST_KEYS } from './check-options.js';
import type { HttpResponseOutput } from './events.js';
import { SAFE_IDEMPOTENT_RETRY_CLASS } from './intent.js';

// The keys the reference's `ExecutionPlane.HTTP.unary/2` reads from a payload.
const REFERENCE_KEYS = new Set([
  'url',
  'method',
  'headers',
  'body',
  'timeout_ms',
  'timeouts',
  'retry_class',
  'request_shape',
  'stream_mode',
  'egress_surface',
]);

// This package's payload keys (`{ url, …RequestOptions }`).
const OWN_KEYS: ReadonlySet<string> = new Set(REQUEST_KEYS);

// The reference sends nothing for nil, "", %{} and [].
function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  if (Array.isArray(body)) return body.length === 0;
  return isMap(body) && Object.keys(body).length === 0;
}

function mapPayload(input: Readonly<Record<string, unknown>>, entry: string): ReadPayload {
  const url = input.url;
  if (typeof url !== 'string' || url === '')
    throw invalidOptions('url', 'a URL string', describeValue(url), entry);
  const timeoutMs = referenceTimeout(input.timeout_ms, entry);
  const timeouts = expectType(input.timeouts, 'timeouts', isMap, 'a map', entry) ?? {};
  const perRequest = referenceTimeout(timeouts.request_timeout_ms, entry, 'timeouts.request_timeout_ms');
  const retryClass = expectType(input.retry_class, 'retry_class', isString, 'a string', entry);
  for (const key of ['request_shape', 'stream_mode'] as const)
    expectType(input[key], key, isString, 'a string', entry);
  expectType(input.egress_surface, 'egress_surface', isMap, 'a map', entry);
  const method = expectType(input.method, 'method', isString, 'a string', entry) ?? 'POST';
  const headers = referenceHeaders(input.headers, entry, true) ?? {};
  const body = isEmptyBody(input.body) ? undefined : input.body;
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const totals = [timeoutMs, perRequest].filter((t): t is number => t !== undefined);
  return {
    payload: {
      url,
      method: method.toUpperCase(),
      headers,
      ...(body === undefined ? {} : { body }),
      ...(totals.length > 0 ? { timeouts: { totalMs: Math.min(...totals) } } : {}),
      retry: retryClass === SAFE_IDEMPOTENT_RETRY_CLASS ? {} : false,
    },
  };
}

/** The reference's raw payload (`status_code`, `headers`, `body`) beside this lane's output fields. */
function rawPayload(output: unknown): JsonMap {
  if (output === null || output === undefined) return {};
  const { status, ...rest } = output as HttpResponseOutput;
  return { status_code: status, ...rest } as unknown as JsonMap;
}

/** The HTTP lane's reference wire: `ExecutionPlane.HTTP.unary/2`'s payload and raw payload. */
export const httpReferenceWire: ReferenceWire = {
  family: 'http',
  protocol: 'http',
  referenceKeys: REFERENCE_KEYS,
  ownKeys: OWN_KEYS,
  map: mapPayload,
  rawPayload,
};
