import type { JsonRpcErrorObject } from './remote-error.js';

/** A request id. `0` is a real id. */
export type JsonRpcId = string | number;

/** A request (has an id) or a notification (has none). */
export interface JsonRpcRequest {
  readonly jsonrpc: '2.0';
  readonly id?: JsonRpcId;
  readonly method: string;
  readonly params?: unknown;
}

/** A response: `result` or `error`. */
export interface JsonRpcResponse {
  readonly jsonrpc: '2.0';
  readonly id: JsonRpcId | null;
  readonly result?: unknown;
  readonly error?: JsonRpcErrorObject;
}

/** What an inbound message is. */
export type InboundKind = 'request' | 'notification' | 'response' | 'invalid';

/**
 * Classifies one decoded JSON value (not an array), in the reference adapter's order: id +
 * method is a request, method alone a notification, id + result/error a response; anything
 * else is invalid. The `jsonrpc` member is not required (some peers omit it).
 */
export function classify(message: unknown): InboundKind {
  if (typeof message !== 'object' || message === null) return 'invalid';
  const m = message as Record<string, unknown>;
  const method = m.method;
  if (typeof method === 'string') {
    if (m.id === undefined) return 'notification';
    return isId(m.id) ? 'request' : 'invalid';
  }
  if (m.id !== undefined && ('result' in m || 'error' in m)) return 'response';
  return 'invalid';
}

/** Whether a value may be a request id (string or number; `null` is not). */
export function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Normalizes a peer's `error` member (which may be malformed) into a wire error object. */
export function readErrorObject(value: unknown): JsonRpcErrorObject {
  if (typeof value === 'object' && value !== null) {
    const e = value as Record<string, unknown>;
    const code = typeof e.code === 'number' && Number.isInteger(e.code) ? e.code : -32603;
    const message = typeof e.message === 'string' ? e.message : 'malformed error response';
    return e.data === undefined ? { code, message } : { code, message, data: e.data };
  }
  return { code: -32603, message: typeof value === 'string' ? value : 'malformed error response' };
}
