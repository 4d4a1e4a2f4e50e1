const BRAND = Symbol.for('execution-plane.jsonrpc-remote-error');

/** Error codes defined by JSON-RPC 2.0, plus the ones this engine and LSP use. */
export const JSONRPC_ERROR_CODES = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** Implementation-defined server error: we answer it when `maxInboundRequests` are running. */
  SERVER_BUSY: -32000,
  /** LSP: the request was cancelled by its sender. */
  REQUEST_CANCELLED: -32800,
} as const;

/** The `error` member of a JSON-RPC response. */
export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/**
 * A JSON-RPC error response from the peer (or one a handler throws to answer with): the numeric
 * wire `code`, `message` and `data`. Kept apart from {@link ExecutionError}, which is for our own
 * failures (timeouts, closed channels, limits).
 *
 * @example
 * connection.onRequest('divide', ({ a, b }) => {
 *   if (b === 0) throw new JsonRpcRemoteError(JsonRpcRemoteError.codes.INVALID_PARAMS, 'division by zero');
 *   return a / b;
 * });
 */
export class JsonRpcRemoteError extends Error {
  /** Error codes defined by JSON-RPC 2.0, plus the ones this engine and LSP use. */
  static readonly codes = JSONRPC_ERROR_CODES;
  /** Numeric error code from the wire. */
  readonly code: number;
  /** The error's `data` member, when present. */
  readonly data: unknown;
  /** Method of the request it answers (set on errors we receive). */
  readonly method: string | undefined;

  constructor(code: number, message: string, data?: unknown, method?: string) {
    super(message);
    this.name = 'JsonRpcRemoteError';
    this.code = code;
    this.data = data;
    this.method = method;
  }

  /** The wire form. */
  toJSON(): JsonRpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  /** Brand check across bundled copies. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isJsonRpcRemoteError(value);
  }

  get [BRAND](): true {
    return true;
  }
}

/** True for a {@link JsonRpcRemoteError}, including one from another bundled copy. */
export function isJsonRpcRemoteError(value: unknown): value is JsonRpcRemoteError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
