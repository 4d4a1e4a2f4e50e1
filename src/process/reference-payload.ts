import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { invalidOptions } from '../core/errors.js';
import { knownKeys } from '../core/schema-shape.js';
import { describeValue } from '../internal/describe-value.js';
import {
  expectType,
  isBoolean,
  isMap,
  isString,
  type ReadPayload,
  type ReferenceWire,
  referenceTimeout,
} from '../internal/reference-wire.js';
import type { ProcessOutput } from './events.js';
import { processPayloadFromIntent } from './intent.js';
import { ProcessPayloadSchema } from './options-schema.js';

// The keys the reference's `ExecutionPlane.Process.run/2` reads from a payload.
const REFERENCE_KEYS = new Set([
  'command',
  'argv',
  'env',
  'env_projection',
  'cwd',
  'stdin',
  'clear_env',
  'user',
  'stdio_mode',
  'stderr_mode',
  'close_stdin',
  'execution_surface',
  'surface_kind',
  'shutdown_policy',
  'timeout_ms',
  'target_id',
]);

// This package's payload keys (ProcessPayload).
const OWN_KEYS: ReadonlySet<string> = new Set(knownKeys(ProcessPayloadSchema));

const PLACEMENT_FAMILY: Record<string, string> = {
  local_subprocess: 'local',
  ssh_exec: 'ssh',
  guest_bridge: 'guest',
};

function argvOf(value: unknown, entry: string): string[] {
  if (value === undefined || value === null) return [];
  // The reference stringifies each element (`to_string/1`); maps and lists have no string form.
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return value.map(String);
  }
  throw invalidOptions('argv', 'a list of strings', describeValue(value), entry);
}

function mapPayload(input: Readonly<Record<string, unknown>>, entry: string): ReadPayload {
  const command = input.command;
  if (typeof command !== 'string' || command.trim() === '') {
    throw invalidOptions('command', 'a non-empty string', describeValue(command), entry);
  }
  const projection =
    input.env_projection !== undefined && input.env_projection !== null ? 'env_projection' : 'env';
  const env = expectType(input[projection], projection, isMap, 'a map of strings', entry) ?? {};
  const surfaceKind = expectType(input.surface_kind, 'surface_kind', isString, 'a string', entry);
  const surface = expectType(input.execution_surface, 'execution_surface', isMap, 'a map', entry) ?? {
    surface_kind: surfaceKind ?? 'local_subprocess',
  };
  const kind = String(surface.surface_kind ?? 'local_subprocess');
  const intent = {
    command,
    argv: argvOf(input.argv, entry),
    env_projection: env,
    cwd: expectType(input.cwd, 'cwd', isString, 'a string', entry) ?? null,
    stdin: input.stdin ?? null,
    clear_env: expectType(input.clear_env, 'clear_env', isBoolean, 'a boolean', entry) ?? false,
    user: expectType(input.user, 'user', isString, 'a string', entry) ?? null,
    stdio_mode: expectType(input.stdio_mode, 'stdio_mode', isString, 'a string', entry) ?? 'pipe',
    stderr_mode: expectType(input.stderr_mode, 'stderr_mode', isString, 'a string', entry) ?? 'separate',
    close_stdin: expectType(input.close_stdin, 'close_stdin', isBoolean, 'a boolean', entry) ?? true,
    execution_surface: surface,
    shutdown_policy: expectType(input.shutdown_policy, 'shutdown_policy', isMap, 'a map', entry) ?? {},
  };
  if (intent.stderr_mode !== 'separate' && intent.stderr_mode !== 'stdout') {
    throw invalidOptions('stderr_mode', '"separate" or "stdout"', describeValue(intent.stderr_mode), entry);
  }
  expectType(input.target_id, 'target_id', isString, 'a string', entry);
  const payload = processPayloadFromIntent(intent, {
    protocol: 'process',
    placement_family: PLACEMENT_FAMILY[kind] ?? 'local',
  });
  return { payload, timeoutMs: referenceTimeout(input.timeout_ms, entry) };
}

/**
 * The outcome's `raw_payload` as the reference's process runtime writes it (`invocation`,
 * `stdout`, `stderr`, `output`, `exit` with `status`, `code`, `signal`, `reason`, `stderr`),
 * beside this lane's own fields (`exit_code`, `signal`, `*_truncated`, `stderr_tail`).
 */
function rawPayload(output: unknown): JsonMap {
  if (output === null || output === undefined) return {};
  const o = output as ProcessOutput;
  const status = o.signal !== null ? 'signal' : o.exit_code === 0 ? 'success' : 'error';
  return {
    ...(o as unknown as JsonMap),
    output: o.stdout,
    exit: { status, code: o.exit_code, signal: o.signal, reason: o.signal ?? o.exit_code, stderr: o.stderr },
  };
}

/** The process lane's reference wire: `ExecutionPlane.Process.run/2`'s payload and raw payload. */
export const processReferenceWire: ReferenceWire = {
  family: 'process',
  protocol: 'process',
  referenceKeys: REFERENCE_KEYS,
  ownKeys: OWN_KEYS,
  map: mapPayload,
  rawPayload,
};
