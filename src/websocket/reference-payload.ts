import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { invalidOptions } from '../core/errors.js';
import { describeValue } from '../internal/describe-value.js';
import {
  type ReadPayload,
  type ReferenceWire,
  referenceHeaders,
  referenceTimeout,
} from '../internal/reference-wire.js';
import { SESSION_OPTION_KEYS } from './plan-options.js';

// What the reference's `ExecutionPlane.WebSocket.stream/4` takes: url, headers, outbound frames
// and `receive_timeout`; `timeout_ms` is every lane payload's execution timeout.
const REFERENCE_KEYS = new Set(['url', 'headers', 'outbound_frames', 'receive_timeout', 'timeout_ms']);

// The lane's input: `connect()`'s options and the lane's own `send`, `closeAfterMessages`.
const OWN_KEYS: ReadonlySet<string> = new Set([
  ...SESSION_OPTION_KEYS,
  'url',
  'maxUnreadBytes',
  'send',
  'closeAfterMessages',
]);

/** The reference's receive timeout, which also bounds its upgrade. */
const REFERENCE_RECEIVE_TIMEOUT_MS = 30_000;

// A frame is a string (text), `{ "text": s }` or `{ "binary": base64 }` — the reference's
// `binary | {:text | :binary, binary}` as JSON.
function framesOf(value: unknown, entry: string): Array<string | { base64: string }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw invalidOptions('outbound_frames', 'a list of frames', describeValue(value), entry);
  return value.map((frame, i) => {
    if (typeof frame === 'string') return frame;
    const f = frame as Record<string, unknown> | null;
    const keys = f && typeof f === 'object' ? Object.keys(f) : [];
    if (keys.length === 1 && typeof f?.text === 'string') return f.text;
    if (keys.length === 1 && typeof f?.binary === 'string') return { base64: f.binary };
    throw invalidOptions(
      `outbound_frames[${i}]`,
      'a string, { "text": string } or { "binary": base64 string }',
      describeValue(frame),
      entry,
    );
  });
}

function mapPayload(input: Readonly<Record<string, unknown>>, entry: string): ReadPayload {
  const receive = referenceTimeout(input.receive_timeout, entry, 'receive_timeout');
  const headers = referenceHeaders(input.headers, entry);
  return {
    payload: {
      url: input.url,
      ...(headers ? { headers } : {}),
      send: framesOf(input.outbound_frames, entry),
      handshakeTimeoutMs: receive ?? REFERENCE_RECEIVE_TIMEOUT_MS,
    },
    timeoutMs: referenceTimeout(input.timeout_ms, entry),
  };
}

/** The WebSocket lane's reference wire: `ExecutionPlane.WebSocket.stream/4`'s arguments. */
export const websocketReferenceWire: ReferenceWire = {
  family: 'websocket',
  protocol: 'websocket',
  referenceKeys: REFERENCE_KEYS,
  ownKeys: OWN_KEYS,
  map: mapPayload,
  rawPayload: (output) => (output && typeof output === 'object' ? (output as JsonMap) : {}),
};
