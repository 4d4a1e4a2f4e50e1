import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { invalidOptions } from '../core/errors.js';
import { describeValue } from '../internal/describe-value.js';
import {
  expectType,
  isMap,
  isString,
  type ReadPayload,
  type ReferenceWire,
  referenceTimeout,
} from '../internal/reference-wire.js';
import { jsonRpcPayloadFromIntent } from './intent.js';

// The keys the reference's `ExecutionPlane.JsonRpc.call/2` reads from a binding.
const REFERENCE_KEYS = new Set([
  'command',
  'argv',
  'cwd',
  'env',
  'execution_surface',
  'surface_kind',
  'timeout_ms',
  'transport_binding',
  'protocol_schema',
  'request',
  'session_policy',
]);

const OWN_KEYS = new Set(['target', 'method', 'params', 'dialect', 'spawn']);

function mapPayload(input: Readonly<Record<string, unknown>>, entry: string): ReadPayload {
  const map = (key: string) => expectType(input[key], key, isMap, 'a map', entry);
  const argv = input.argv ?? [];
  if (!Array.isArray(argv) || !argv.every((a) => ['string', 'number', 'boolean'].includes(typeof a))) {
    throw invalidOptions('argv', 'a list of strings', describeValue(argv), entry);
  }
  const surfaceKind = expectType(input.surface_kind, 'surface_kind', isString, 'a string', entry);
  const binding = map('transport_binding') ?? { mode: 'stdio' };
  const request = map('request') ?? {};
  map('session_policy');
  if (binding.mode !== 'websocket' && typeof input.command !== 'string') {
    throw invalidOptions('command', 'a non-empty string', describeValue(input.command), entry);
  }
  try {
    const payload = jsonRpcPayloadFromIntent(
      {
        transport_binding: binding,
        protocol_schema: map('protocol_schema') ?? { schema: 'jsonrpc-2.0' },
        request,
      },
      {
        protocol: 'jsonrpc',
        resolved_target: {
          command: input.command,
          argv: argv.map(String),
          cwd: expectType(input.cwd, 'cwd', isString, 'a string', entry),
          env: map('env') ?? {},
          execution_surface: map('execution_surface') ?? { surface_kind: surfaceKind ?? 'local_subprocess' },
        },
      },
    );
    return { payload, timeoutMs: referenceTimeout(input.timeout_ms, entry) };
  } catch (error) {
    // The mapping speaks of intents; a payload's caller wants the key.
    const message = error instanceof Error ? error.message : String(error);
    const key = message.includes('method')
      ? 'request'
      : message.includes('surface')
        ? 'execution_surface'
        : 'transport_binding';
    throw invalidOptions(key, 'a JSON-RPC binding the lane can run', message, entry);
  }
}

/** The JSON-RPC lane's reference wire: `ExecutionPlane.JsonRpc.call/2`'s binding. */
export const jsonRpcReferenceWire: ReferenceWire = {
  family: 'process',
  protocol: 'jsonrpc',
  referenceKeys: REFERENCE_KEYS,
  ownKeys: OWN_KEYS,
  map: mapPayload,
  rawPayload: (output) => (output && typeof output === 'object' ? (output as JsonMap) : {}),
};
