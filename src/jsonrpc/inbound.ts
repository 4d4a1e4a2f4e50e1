import { ExecutionError } from '../core/index.js';
import type { JsonRpcDialect } from './dialect.js';
import type { JsonRpcId } from './message.js';
import { isJsonRpcRemoteError, JSONRPC_ERROR_CODES, type JsonRpcErrorObject } from './remote-error.js';

/** What a request handler gets besides the params. */
export interface JsonRpcRequestContext {
  /** The request's id. */
  readonly id: string | number;
  /** The request's method. */
  readonly method: string;
  /** Aborted when the peer cancels the request or the connection ends. */
  readonly signal: AbortSignal;
  /** Reports progress to the peer, when it attached a progress token (else does nothing). */
  progress(value: unknown): void;
}

/** Answers a peer request: return the result (or a promise of it), or throw to answer with an error. */
export type JsonRpcRequestHandler = (params: unknown, context: JsonRpcRequestContext) => unknown;

/** Longest handler error message copied into an error response. */
const MAX_ERROR_MESSAGE = 1_024;

interface Running {
  readonly controller: AbortController;
  cancelled: boolean;
}

/**
 * Peer requests: the handler registry (`'*'` catches every method without its own handler), a
 * bound on how many run at once, cancellation by the peer, and turning a handler's outcome into
 * the response text.
 */
export class InboundRequests {
  #handlers: ReadonlyMap<string, JsonRpcRequestHandler>;
  #running = new Map<JsonRpcId, Running>();
  #max: number;
  #dialect: JsonRpcDialect;
  #notify: (method: string, params: unknown) => void;

  constructor(
    handlers: ReadonlyMap<string, JsonRpcRequestHandler>,
    max: number,
    dialect: JsonRpcDialect,
    notify: (method: string, params: unknown) => void,
  ) {
    this.#handlers = handlers;
    this.#max = max;
    this.#dialect = dialect;
    this.#notify = notify;
  }

  /** Runs the handler for one request; resolves with the response text, or undefined for none. */
  async run(id: JsonRpcId, method: string, params: unknown): Promise<string | undefined> {
    const handler = this.#handlers.get(method) ?? this.#handlers.get('*');
    if (!handler) {
      return errorResponse(id, {
        code: JSONRPC_ERROR_CODES.METHOD_NOT_FOUND,
        message: `method not found: ${method}`,
      });
    }
    if (this.#running.has(id)) {
      return errorResponse(id, {
        code: JSONRPC_ERROR_CODES.INVALID_REQUEST,
        message: `request id ${id} is already in use`,
      });
    }
    if (this.#running.size >= this.#max) {
      return errorResponse(id, {
        code: JSONRPC_ERROR_CODES.SERVER_BUSY,
        message: `server busy: ${this.#max} requests already running`,
      });
    }
    const running: Running = { controller: new AbortController(), cancelled: false };
    this.#running.set(id, running);
    const token = this.#dialect.progressTokenIn(params);
    const context: JsonRpcRequestContext = {
      id,
      method,
      signal: running.controller.signal,
      progress: (value) => {
        if (token === undefined || running.controller.signal.aborted) return;
        const spec = this.#dialect.progressNotification(token, value);
        this.#notify(spec.method, spec.params);
      },
    };
    try {
      const result = await handler(params, context);
      if (running.cancelled && !this.#dialect.answerCancelled) return undefined;
      return resultResponse(id, result);
    } catch (error) {
      if (running.cancelled && !this.#dialect.answerCancelled) return undefined;
      return errorResponse(id, toErrorObject(error, running.cancelled));
    } finally {
      this.#running.delete(id);
    }
  }

  /** The peer cancelled request `id`. */
  cancel(id: JsonRpcId): void {
    const running = this.#running.get(id);
    if (!running) return;
    running.cancelled = true;
    running.controller.abort(
      new ExecutionError('CANCELLED', 'request cancelled by the peer', { failureClass: 'cancellation' }),
    );
  }

  /** The connection ended: abort every running handler. */
  abortAll(reason: ExecutionError): void {
    for (const running of this.#running.values()) running.controller.abort(reason);
  }
}

/** The response text for a result (`undefined` becomes `null`, as a result member is required). */
export function resultResponse(id: JsonRpcId | null, result: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    return errorResponse(id, {
      code: JSONRPC_ERROR_CODES.INTERNAL_ERROR,
      message: `result is not JSON-serializable: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${json ?? 'null'}}`;
}

/** The response text for an error. */
export function errorResponse(id: JsonRpcId | null, error: JsonRpcErrorObject): string {
  let json: string;
  try {
    json = JSON.stringify(error);
  } catch {
    json = JSON.stringify({ code: error.code, message: error.message });
  }
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":${json}}`;
}

function toErrorObject(error: unknown, cancelled: boolean): JsonRpcErrorObject {
  if (isJsonRpcRemoteError(error)) return error.toJSON();
  if (cancelled) return { code: JSONRPC_ERROR_CODES.REQUEST_CANCELLED, message: 'request cancelled' };
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: JSONRPC_ERROR_CODES.INTERNAL_ERROR,
    message: message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE)}…` : message,
  };
}
