import { isId, type JsonRpcId } from './message.js';

/** A notification to send: method and params. */
export interface NotificationSpec {
  readonly method: string;
  readonly params?: unknown;
}

/**
 * The protocol conventions JSON-RPC itself leaves open: how a request is cancelled and how
 * progress is reported. Two are built in ({@link lspDialect}, {@link mcpDialect}); implement this
 * interface for another protocol.
 */
export interface JsonRpcDialect {
  readonly name: string;
  /** Methods never cancelled on the wire (both built-ins: `initialize`). */
  readonly neverCancel: readonly string[];
  /** The notification that cancels our request `id`, or `null` to send none. */
  cancelNotification(id: JsonRpcId, reason: string): NotificationSpec | null;
  /** The id a peer's notification cancels, or `undefined` when it is not a cancellation. */
  cancelledId(method: string, params: unknown): JsonRpcId | undefined;
  /** Whether a request the peer cancelled still gets a response (LSP: yes, MCP: no). */
  readonly answerCancelled: boolean;
  /** `params` with a progress token for our request attached. */
  withProgressToken(params: unknown, token: JsonRpcId): unknown;
  /** Token and value of a progress notification, or `undefined` when it is not one. */
  progressOf(method: string, params: unknown): { token: JsonRpcId; value: unknown } | undefined;
  /** The progress token a peer attached to its request, if any. */
  progressTokenIn(params: unknown): JsonRpcId | undefined;
  /** The notification reporting `value` for the peer's `token`. */
  progressNotification(token: JsonRpcId, value: unknown): NotificationSpec;
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const idOrUndefined = (value: unknown): JsonRpcId | undefined => (isId(value) ? value : undefined);

/**
 * Language Server Protocol conventions: `$/cancelRequest { id }` (a cancelled request is still
 * answered, with -32800), `$/progress { token, value }` with the token in `params.workDoneToken`.
 */
export const lspDialect: JsonRpcDialect = {
  name: 'lsp',
  neverCancel: ['initialize'],
  answerCancelled: true,
  cancelNotification: (id) => ({ method: '$/cancelRequest', params: { id } }),
  cancelledId: (method, params) =>
    method === '$/cancelRequest' ? idOrUndefined(record(params)?.id) : undefined,
  withProgressToken: (params, token) => ({ ...record(params), workDoneToken: token }),
  progressOf: (method, params) => {
    if (method !== '$/progress') return undefined;
    const p = record(params);
    const token = idOrUndefined(p?.token);
    return token === undefined ? undefined : { token, value: p?.value };
  },
  progressTokenIn: (params) => idOrUndefined(record(params)?.workDoneToken),
  progressNotification: (token, value) => ({ method: '$/progress', params: { token, value } }),
};

/**
 * Model Context Protocol conventions: `notifications/cancelled { requestId, reason }` (a
 * cancelled request gets no response), `notifications/progress { progressToken, progress, … }`
 * with the token in `params._meta.progressToken`.
 */
export const mcpDialect: JsonRpcDialect = {
  name: 'mcp',
  neverCancel: ['initialize'],
  answerCancelled: false,
  cancelNotification: (id, reason) => ({
    method: 'notifications/cancelled',
    params: { requestId: id, reason },
  }),
  cancelledId: (method, params) =>
    method === 'notifications/cancelled' ? idOrUndefined(record(params)?.requestId) : undefined,
  withProgressToken: (params, token) => {
    const p = record(params);
    return { ...p, _meta: { ...record(p?._meta), progressToken: token } };
  },
  progressOf: (method, params) => {
    if (method !== 'notifications/progress') return undefined;
    const p = record(params);
    const token = idOrUndefined(p?.progressToken);
    return token === undefined ? undefined : { token, value: p };
  },
  progressTokenIn: (params) => idOrUndefined(record(record(params)?._meta)?.progressToken),
  progressNotification: (token, value) => ({
    method: 'notifications/progress',
    params: { ...record(value), progressToken: token },
  }),
};

/** Resolves a dialect option. */
export function resolveDialect(dialect: 'lsp' | 'mcp' | JsonRpcDialect): JsonRpcDialect {
  return dialect === 'lsp' ? lspDialect : dialect === 'mcp' ? mcpDialect : dialect;
}
