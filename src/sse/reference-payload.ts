import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { invalidOptions } from '../core/errors.js';
import { describeValue } from '../internal/describe-value.js';
import {
  expectType,
  isString,
  type ReadPayload,
  type ReferenceWire,
  referenceTimeout,
} from '../internal/reference-wire.js';

// What the reference's `ExecutionPlane.SSE.stream/3` takes: a request (method, url, headers,
// body) and `receive_timeout`; `timeout_ms` is every lane payload's execution timeout.
const REFERENCE_KEYS = new Set(['url', 'method', 'headers', 'body', 'receive_timeout', 'timeout_ms']);

const OWN_KEYS = new Set([
  'url',
  'method',
  'headers',
  'body',
  'json',
  'comments',
  'batch',
  'reconnect',
  'lastEventId',
  'openTimeoutMs',
  'idleTimeoutMs',
  'maxEventBytes',
  'sentinel',
  'credentialHeaders',
  'fetch',
]);

/** The reference's receive timeout (ms of silence that ends a stream). */
const REFERENCE_RECEIVE_TIMEOUT_MS = 30_000;

function headersOf(value: unknown, entry: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const pairs = Array.isArray(value)
    ? value
    : typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
      : undefined;
  if (pairs?.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'string'))) {
    return Object.fromEntries(pairs as [string, string][]);
  }
  throw invalidOptions(
    'headers',
    'a map (or a list of name/value pairs) of strings',
    describeValue(value),
    entry,
  );
}

function mapPayload(input: Readonly<Record<string, unknown>>, entry: string): ReadPayload {
  const receive = referenceTimeout(input.receive_timeout, entry, 'receive_timeout');
  const headers = headersOf(input.headers, entry);
  return {
    payload: {
      url: input.url,
      method: expectType(input.method, 'method', isString, 'a string', entry) ?? 'GET',
      ...(headers ? { headers } : {}),
      ...(input.body === undefined || input.body === null ? {} : { body: input.body }),
      idleTimeoutMs: receive ?? REFERENCE_RECEIVE_TIMEOUT_MS,
      // The reference's stream ends with its response; it never reconnects.
      reconnect: false,
    },
    timeoutMs: referenceTimeout(input.timeout_ms, entry),
  };
}

/** The SSE lane's reference wire: `ExecutionPlane.SSE.stream/3`'s request and options. */
export const sseReferenceWire: ReferenceWire = {
  family: 'sse',
  protocol: 'sse',
  referenceKeys: REFERENCE_KEYS,
  ownKeys: OWN_KEYS,
  map: mapPayload,
  rawPayload: (output) => (output && typeof output === 'object' ? (output as JsonMap) : {}),
};
