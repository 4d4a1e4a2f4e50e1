import type { SurfaceCapabilities } from './capabilities.js';
import { processError } from './errors.js';

/** Protocol version tag carried by every bridge message. */
export const BRIDGE_MESSAGE_VERSION = 1;

/** A response to one of our requests. */
export interface BridgeResponse {
  readonly id: string;
  readonly ok: boolean;
  readonly payload: Record<string, unknown>;
  readonly error: { readonly code: string; readonly details: unknown; readonly capability?: string } | null;
}

/** An unsolicited event from the bridge (`stdout`, `stderr`, `exit`, `error`). */
export interface BridgeEvent {
  readonly event: string;
  readonly payload: Record<string, unknown>;
}

/** A decoded message: a response, an event, or a kind we ignore (as the reference does). */
export type BridgeMessage =
  | ({ readonly kind: 'response' } & BridgeResponse)
  | ({ readonly kind: 'event' } & BridgeEvent)
  | { readonly kind: 'other' };

/** `{ v: 1, kind: 'request', id, op, payload }` */
export function requestMessage(
  id: string,
  op: string,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  return { v: BRIDGE_MESSAGE_VERSION, kind: 'request', id, op, payload };
}

/** A `BRIDGE_PROTOCOL_ERROR` (`protocol_framing_failed`): the bridge peer broke the protocol. */
export function protocolError(message: string, details: Record<string, unknown> = {}) {
  return processError('BRIDGE_PROTOCOL_ERROR', message, 'protocol_framing_failed', details);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Classifies a decoded frame; a malformed response or event is a protocol error. */
export function readMessage(frame: Record<string, unknown>): BridgeMessage {
  if (frame.kind === 'response') {
    if (typeof frame.id !== 'string' || typeof frame.ok !== 'boolean') {
      throw protocolError('bridge response without a string id and a boolean ok');
    }
    const error = isRecord(frame.error)
      ? {
          code: String(frame.error.code ?? 'unknown'),
          details: frame.error.details ?? null,
          ...(typeof frame.error.capability === 'string' ? { capability: frame.error.capability } : {}),
        }
      : null;
    return {
      kind: 'response',
      id: frame.id,
      ok: frame.ok,
      payload: isRecord(frame.payload) ? frame.payload : {},
      error,
    };
  }
  if (frame.kind === 'event') {
    if (typeof frame.event !== 'string') throw protocolError('bridge event without a name');
    return { kind: 'event', event: frame.event, payload: isRecord(frame.payload) ? frame.payload : {} };
  }
  return { kind: 'other' };
}

const FLAGS = ['run', 'streaming_stdio', 'pty', 'user', 'env', 'cwd'] as const;
const STARTUP = new Set(['spawn', 'attach', 'bridge']);
const PATHS = new Set(['local', 'remote', 'guest']);
const INTERRUPTS = new Set(['signal', 'stdin', 'rpc', 'none']);

/** Capabilities in the reference's wire form (`"remote?"`, `"supports_pty?"` …). */
export function capabilitiesToWire(caps: SurfaceCapabilities): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    'remote?': caps.remote,
    startup_kind: caps.startup_kind,
    path_semantics: caps.path_semantics,
    interrupt_kind: caps.interrupt_kind,
  };
  for (const flag of FLAGS) wire[`supports_${flag}?`] = caps[`supports_${flag}`];
  return wire;
}

/**
 * Reads wire capabilities; missing keys take the reference's defaults (local spawn, everything
 * supported, interrupt `none`). Unknown enum values are a protocol error, never guessed.
 */
export function capabilitiesFromWire(wire: unknown): SurfaceCapabilities {
  if (!isRecord(wire)) throw protocolError('bridge capabilities are not an object');
  const pick = (key: string, allowed: Set<string>, fallback: string): string => {
    const value = wire[key] ?? fallback;
    if (typeof value !== 'string' || !allowed.has(value)) {
      throw protocolError(`bridge capability ${key} has an unknown value`, { key, value: String(value) });
    }
    return value;
  };
  const flag = (key: string): boolean => {
    const value = wire[key] ?? true;
    if (typeof value !== 'boolean') throw protocolError(`bridge capability ${key} is not a boolean`, { key });
    return value;
  };
  const remote = wire['remote?'] ?? false;
  if (typeof remote !== 'boolean') throw protocolError('bridge capability remote? is not a boolean');
  return {
    remote,
    startup_kind: pick('startup_kind', STARTUP, 'spawn') as SurfaceCapabilities['startup_kind'],
    path_semantics: pick('path_semantics', PATHS, 'local') as SurfaceCapabilities['path_semantics'],
    supports_run: flag('supports_run?'),
    supports_streaming_stdio: flag('supports_streaming_stdio?'),
    supports_pty: flag('supports_pty?'),
    supports_user: flag('supports_user?'),
    supports_env: flag('supports_env?'),
    supports_cwd: flag('supports_cwd?'),
    interrupt_kind: pick('interrupt_kind', INTERRUPTS, 'none') as SurfaceCapabilities['interrupt_kind'],
  };
}
