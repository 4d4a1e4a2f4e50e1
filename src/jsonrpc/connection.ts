import * as z from 'zod/mini';
import {
  defineLane,
  type Execution,
  ExecutionDelegate,
  type ExecutionOptions,
  type ExecutionOutcome,
  outcomeError,
  parseOptions,
  startExecution,
} from '../core/index.js';
import type { JsonRpcChannel } from './channel.js';
import {
  type JsonRpcConnectionOptions,
  JsonRpcConnectionOptionsSchema,
  splitExecutionOptions,
} from './connection-options.js';
import { ConnectionRuntime, type JsonRpcNotificationHandler } from './connection-runtime.js';
import type { JsonRpcConnectionOutput, JsonRpcEvents } from './events.js';
import type { JsonRpcRequestHandler } from './inbound.js';
import type { JsonRpcRequestOptions } from './outbound.js';
import type { JsonRpcBatchCall, JsonRpcBatchResult } from './outbound-calls.js';

/**
 * A JSON-RPC 2.0 connection over a channel: the {@link Execution} of the connection (events
 * `jsonrpc.notification` for unhandled peer notifications and `jsonrpc.diagnostic` for noise;
 * `result` says how it ended) plus the calls. Peer-initiated traffic goes to handlers.
 *
 * @example
 * await using rpc = createJsonRpcConnection(channel, { dialect: 'mcp' });
 * rpc.onRequest('roots/list', () => ({ roots: [] }));
 * const tools = await rpc.request('tools/list', {}, { timeoutMs: 5_000 });
 */
export interface JsonRpcConnection extends Execution<JsonRpcConnectionOutput, JsonRpcEvents> {
  /**
   * Sends a request and resolves with its result. Rejects with a {@link JsonRpcRemoteError} for an
   * error response, or an ExecutionError: `TIMEOUT`, `CANCELLED`, `CLOSED` (the connection ended),
   * `LIMIT_EXCEEDED` (`maxInFlight`), `INVALID_PARAMS` (params not JSON-serializable).
   */
  request(method: string, params?: unknown, options?: JsonRpcRequestOptions): Promise<unknown>;
  /** Sends a notification; resolves once the channel has taken it. */
  notify(method: string, params?: unknown): Promise<void>;
  /** Sends several calls as one batch; results come back in call order. */
  batch(calls: readonly JsonRpcBatchCall[], options?: JsonRpcRequestOptions): Promise<JsonRpcBatchResult[]>;
  /** Handles peer requests for `method` (`'*'`: every method without its own handler). Returns an unsubscribe. */
  onRequest(method: string, handler: JsonRpcRequestHandler): () => void;
  /** Handles peer notifications for `method` (`'*'` for all others); unhandled ones become events. */
  onNotification(method: string, handler: JsonRpcNotificationHandler): () => void;
  /** Closes the channel; pending requests reject with `CLOSED`. Resolves with the outcome (`succeeded`). */
  close(): Promise<ExecutionOutcome<JsonRpcConnectionOutput>>;
  /** Our requests awaiting a response. */
  readonly pendingRequests: number;
}

// One lane for every connection: the payload is the connection's runtime, already validated.
const connectionLane = /* @__PURE__ */ defineLane<ConnectionRuntime, JsonRpcConnectionOutput, JsonRpcEvents>({
  id: 'jsonrpc',
  capabilities: { protocols: ['jsonrpc'], surfaces: ['channel'] },
  payloadSchema: z.custom<ConnectionRuntime>((value) => value instanceof ConnectionRuntime),
  start: (runtime, context) => runtime.run(context),
  defaultTimeoutMs: null,
});

/**
 * Creates a JSON-RPC connection over `channel` and starts reading from it. Options are validated
 * before any I/O (`INVALID_OPTIONS` naming the option). The connection has no timeout of its own
 * (requests do); `signal` or `cancel()` ends it.
 *
 * @example
 * const [a, b] = createMemoryChannelPair();
 * const server = createJsonRpcConnection(b);
 * server.onRequest('echo', (params) => params);
 * const client = createJsonRpcConnection(a);
 * await client.request('echo', { hi: 1 }); // { hi: 1 }
 */
export function createJsonRpcConnection(
  channel: JsonRpcChannel,
  options: JsonRpcConnectionOptions & ExecutionOptions = {},
): JsonRpcConnection {
  const { rest, execution } = splitExecutionOptions(options);
  const parsed = parseOptions(JsonRpcConnectionOptionsSchema, rest, 'createJsonRpcConnection()');
  const runtime = new ConnectionRuntime(channel, parsed);
  const handle = startExecution(connectionLane, runtime, execution);
  // Cancelled before the lane even started: the runtime must still reject what is pending.
  handle.result.then((outcome) => runtime.close(outcomeError(outcome)));
  return new JsonRpcConnectionHandle(handle, runtime);
}

class JsonRpcConnectionHandle
  extends ExecutionDelegate<JsonRpcConnectionOutput, JsonRpcEvents>
  implements JsonRpcConnection
{
  #runtime: ConnectionRuntime;

  constructor(execution: Execution<JsonRpcConnectionOutput, JsonRpcEvents>, runtime: ConnectionRuntime) {
    super(execution);
    this.#runtime = runtime;
  }

  get pendingRequests(): number {
    return this.#runtime.outbound.size;
  }

  request(method: string, params?: unknown, options?: JsonRpcRequestOptions): Promise<unknown> {
    return this.#runtime.calls.request(method, params, options);
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.#runtime.calls.notify(method, params);
  }

  batch(calls: readonly JsonRpcBatchCall[], options?: JsonRpcRequestOptions): Promise<JsonRpcBatchResult[]> {
    return this.#runtime.calls.batch(calls, options);
  }

  onRequest(method: string, handler: JsonRpcRequestHandler): () => void {
    return this.#runtime.onRequest(method, handler);
  }

  onNotification(method: string, handler: JsonRpcNotificationHandler): () => void {
    return this.#runtime.onNotification(method, handler);
  }

  async close(): Promise<ExecutionOutcome<JsonRpcConnectionOutput>> {
    await this.#runtime.close();
    return this.result;
  }
}
