import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { knownKeys } from '../core/schema-shape.js';
import {
  expectType,
  isString,
  type ReadPayload,
  type ReferenceWire,
  referenceHeaders,
  referenceTimeout,
} from '../internal/reference-wire.js';
import { SseStreamInputSchema } from './options.js';

// What the reference's `ExecutionPlane.SSE.stream/3` takes: a request (method, url, headers,
// body) and `receive_timeout`; `timeout_ms` is every lane payload's execution timeout.
const REFERENCE_KEYS = new Set(['url', 'method', 'headers', 'body', 'receive_timeout', 'timeout_ms']);

const OWN_KEYS: ReadonlySet<string> = new Set(knownKeys(SseStreamInputSchema));

/** The reference's receive timeout (ms of silence that ends a stream). */
const REFERENCE_RECEIVE_TIMEOUT_MS = 30_000;

function mapPayload(input: Readonly<Record<string, unknown>>, entry: string): ReadPayload {
  const receive = referenceTimeout(input.receive_timeout, entry, 'receive_timeout');
  const headers = referenceHeaders(input.headers, entry);
  return {
    payload: {
      url: input.url,
      method: expectType(input.method, 'method', isString, 'a string', entry) ?? 'GET',
      ...(headers ? { headers } : {}),
      ...(input.body === undefined || input.body === null ? {} : { body: input.body }),
      idleTimeoutMs: receive ?? REFERENCE_RECEIVE_TIMEOUT_MS,
      // The reference's stream ends with its response; it never reconnects.
      reconnect: false,
      // It hands over one item per event: one `sse.message` each, as before batches were the default.
      batch: false,
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
