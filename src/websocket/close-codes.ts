import type { FailureInput } from '../core/failure.js';
import type { WebSocketCloseInitiator } from './events.js';

const FRAMING = new Set([1002, 1003, 1007, 1009, 1010]);
const SERVER_TROUBLE = new Set([1011, 1012, 1013, 1014]);

/** Names of the registered close codes (RFC 6455 §7.4.1 and the IANA registry). */
const NAMES: Readonly<Record<number, string>> = {
  1000: 'normal closure',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'no status received',
  1006: 'abnormal closure',
  1007: 'invalid payload data',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'mandatory extension',
  1011: 'internal error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
  1015: 'TLS handshake failure',
};

/** A close code with its registered name: `1006 (abnormal closure)`. */
export function describeCloseCode(code: number): string {
  const name = NAMES[code] ?? (code >= 4000 ? 'application code' : code >= 3000 ? 'registered code' : '');
  return name ? `${code} (${name})` : String(code);
}

/**
 * Maps how a connection closed to a failure, or `null` when the session succeeded.
 *
 * - closed by us (`close()`, cancel): success, whatever the code;
 * - keepalive loss and 1006 (dropped without a close frame): `remote_disconnect`;
 * - a code in `normalCodes` (1000, 1001, 1005 by default): success;
 * - 1002/1003/1007/1009/1010: `protocol_framing_failed`; 1008: `policy_denied`;
 * - 1011–1014 (server trouble, restart, try later): `remote_disconnect`; 1015: `transport_failed`;
 * - any other code (3000–4999 are the application's): `semantic_runtime_failed`.
 *
 * @example
 * classifyClose(1006, 'remote', [1000])?.failure_class; // 'remote_disconnect'
 */
export function classifyClose(
  code: number,
  reason: string,
  initiator: WebSocketCloseInitiator,
  normalCodes: readonly number[],
): FailureInput | null {
  if (initiator === 'local') return null;
  const details = { close_code: code, close_reason: reason };
  if (initiator === 'keepalive') {
    return {
      failure_class: 'remote_disconnect',
      code: 'KEEPALIVE_TIMEOUT',
      reason: 'peer stopped answering keepalive pings',
      details,
    };
  }
  if (code !== 1006 && normalCodes.includes(code)) return null;
  const why = `peer closed the connection with ${describeCloseCode(code)}${reason ? `: ${reason}` : ''}`;
  if (code === 1006) {
    return {
      failure_class: 'remote_disconnect',
      code: 'ABNORMAL_CLOSURE',
      reason: 'connection dropped without a close frame',
      details,
    };
  }
  const failure = { code: 'PEER_CLOSED', reason: why, details } as const;
  if (FRAMING.has(code)) return { ...failure, failure_class: 'protocol_framing_failed' };
  if (code === 1008) return { ...failure, failure_class: 'policy_denied' };
  if (SERVER_TROUBLE.has(code)) return { ...failure, failure_class: 'remote_disconnect' };
  if (code === 1015) return { ...failure, failure_class: 'transport_failed' };
  return { ...failure, failure_class: 'semantic_runtime_failed' };
}

/** Whether a failure is one a reconnect may cure (the peer went away, not a refusal). */
export function isReconnectable(failure: FailureInput | null): boolean {
  return failure?.failure_class === 'remote_disconnect' || failure?.failure_class === 'transport_failed';
}
