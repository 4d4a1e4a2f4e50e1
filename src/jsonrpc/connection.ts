import { defineLane } from '../core/define-lane.js';
import type { Execution } from '../core/execution.js';
import type { Lane } from '../core/lane.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import { SessionHandle } from '../core/session.js';
import { enterLane } from '../core/start-execution.js';
import { createRedactor } from '../internal/redact.js';
import { withRedaction } from '../internal/redact-lane.js';
import type { JsonRpcChannel } from './channel.js';
import {
  type ConnectionPlan,
  ConnectionPlanSchema,
  type JsonRpcConnectionOptions,
} from './connection-options.js';
import { ConnectionPort } from './connection-port.js';
import { ConnectionRuntime, type JsonRpcNotificationHandler } from './connection-runtime.js';
import type { JsonRpcConnectionOutput, JsonRpcEvents } from './events.js';
import type { JsonRpcRequestHandler } from './inbound.js';
import type { JsonRpcRequestOptions } from './outbound.js';
import type { JsonRpcBatchCall, JsonRpcBatchResult } from './outbound-calls.js';
import { validateResult } from './result-schema.js';

// The lane of one connection: `plan` validates the channel and the options and applies defaults,
// once; `start` builds the runtime and hands it to the connection's port.
function connectionLane(port: ConnectionPort): Lane<ConnectionPlan, JsonRpcConnectionOutput, JsonRpcEvents> {
  const lane = defineLane<ConnectionPlan, JsonRpcConnectionOutput, JsonRpcEvents>({
    id: 'jsonrpc',
    capabilities: { protocols: ['jsonrpc'], surfaces: ['channel'] },
    input: ConnectionPlanSchema,
    defaultTimeoutMs: null,
    start: (plan, context) => {
      const runtime = new ConnectionRuntime(plan, port);
      port.attach(runtime);
      return runtime.run(context);
    },
  });
  return withRedaction(lane, (plan) => createRedactor({ secrets: plan.secrets }));
}

/**
 * Creates a JSON-RPC connection over `channel` and starts reading from it. The channel and the
 * options are validated before any I/O (`INVALID_OPTIONS` naming the option). The connection has
 * no timeout of its own (its requests do); `signal`, `cancel()` or `close()` end it.
 *
 * @example
 * const [a, b] = createMemoryChannelPair();
 * await using server = createJsonRpcConnection(b);
 * server.onRequest('echo', (params) => params);
 * await using client = createJsonRpcConnection(a);
 * await client.request('echo', { hi: 1 }); // { hi: 1 }
 */
export function createJsonRpcConnection(
  channel: JsonRpcChannel,
  options?: JsonRpcConnectionOptions,
): JsonRpcConnection {
  const port = new ConnectionPort();
  const input =
    typeof options === 'object' && options !== null && !Array.isArray(options)
      ? { ...options, channel }
      : options === undefined
        ? { channel }
        : options;
  return new JsonRpcConnection(enterLane(connectionLane(port), input, 'createJsonRpcConnection()'), port);
}

/**
 * A JSON-RPC 2.0 connection over a channel, made by {@link createJsonRpcConnection}: the
 * Execution of the connection (events `jsonrpc.notification` for unhandled peer notifications and
 * `jsonrpc.diagnostic` for noise; `result` says how it ended) plus the calls. Peer-initiated
 * traffic goes to handlers. After the connection ended every call rejects with `SESSION_ENDED`,
 * whose `cause` is the real reason (`PEER_EXITED`, `CONNECT_FAILED` …). `await using` closes it.
 *
 * @example
 * await using rpc = createJsonRpcConnection(channel, { dialect: 'mcp' });
 * rpc.onRequest('roots/list', () => ({ roots: [] }));
 * const tools = await rpc.request('tools/list', {}, { timeoutMs: 5_000 });
 */
export class JsonRpcConnection extends SessionHandle<JsonRpcConnectionOutput, JsonRpcEvents> {
  readonly #port: ConnectionPort;

  /** @internal Use `createJsonRpcConnection()`. */
  constructor(execution: Execution<JsonRpcConnectionOutput, JsonRpcEvents>, port: ConnectionPort) {
    super(execution);
    this.#port = port;
    void execution.result.then(() => port.end());
  }

  /** Our requests awaiting a response. */
  get pendingRequests(): number {
    return this.#port.runtime?.outbound.size ?? 0;
  }

  /**
   * Resolves once the channel is usable (a WebSocket open, a process spawned); rejects with
   * `SESSION_ENDED` (its `cause` says why) if the connection ends first.
   */
  async ready(): Promise<void> {
    const runtime = this.#port.runtime ?? (await this.#port.started);
    if (!runtime || runtime.closedError) throw await this.endedError('ready()');
    try {
      await runtime.channel.ready?.();
    } catch {
      throw await this.endedError('ready()');
    }
    if (runtime.closedError) throw await this.endedError('ready()');
  }

  /**
   * Sends a request and resolves with its result — validated and typed by `options.schema` when
   * given (a mismatch rejects with `INVALID_RESULT`). Rejects with a `JsonRpcRemoteError` for an
   * error response, or an ExecutionError: `TIMEOUT`, `CANCELLED`, `SESSION_ENDED` (the
   * connection ended; `cause` says why), `LIMIT_EXCEEDED` (`maxInFlight`), `INVALID_PARAMS`
   * (params not JSON-serializable).
   */
  request<T = unknown>(method: string, params?: unknown, options?: JsonRpcRequestOptions<T>): Promise<T> {
    const runtime = this.#port.runtime;
    if (!runtime) return this.#afterStart('request()', () => this.request(method, params, options));
    if (runtime.closedError) return this.#rejectEnded('request()');
    const sent = runtime.calls.request(method, params, options);
    const schema = options?.schema;
    return (schema ? sent.then((result) => validateResult(schema, result, method)) : sent) as Promise<T>;
  }

  /** Sends a notification; resolves once the channel has taken it. */
  notify(method: string, params?: unknown): Promise<void> {
    const runtime = this.#port.runtime;
    if (!runtime) return this.#afterStart('notify()', () => this.notify(method, params));
    if (runtime.closedError) return this.#rejectEnded('notify()');
    return runtime.calls.notify(method, params);
  }

  /** Sends several calls as one batch; results come back in call order. */
  batch(calls: readonly JsonRpcBatchCall[], options?: JsonRpcRequestOptions): Promise<JsonRpcBatchResult[]> {
    const runtime = this.#port.runtime;
    if (!runtime) return this.#afterStart('batch()', () => this.batch(calls, options));
    if (runtime.closedError) return this.#rejectEnded('batch()');
    return runtime.calls.batch(calls, options);
  }

  /**
   * Handles peer requests for `method` (`'*'`: every method without its own handler). Returns an
   * unsubscribe function.
   */
  onRequest(method: string, handler: JsonRpcRequestHandler): () => void {
    return register(this.#port.requests, method, handler);
  }

  /** Handles peer notifications for `method` (`'*'` for all others); unhandled ones become events. */
  onNotification(method: string, handler: JsonRpcNotificationHandler): () => void {
    return register(this.#port.notifications, method, handler);
  }

  /**
   * Closes the channel; pending requests reject with `SESSION_ENDED`. Resolves with the outcome
   * (`succeeded` unless the connection had already failed). Idempotent.
   */
  async close(): Promise<ExecutionOutcome<JsonRpcConnectionOutput>> {
    if (this.status === 'running') {
      const runtime = this.#port.runtime ?? (await this.#port.started);
      await runtime?.close();
    }
    return this.result;
  }

  // A call made before the lane started: made again once it did, or rejected if it never will.
  #afterStart<R>(name: string, call: () => Promise<R>): Promise<R> {
    return this.#port.started.then((runtime) => (runtime ? call() : this.#rejectEnded(name)));
  }

  async #rejectEnded(call: string): Promise<never> {
    throw await this.endedError(call);
  }
}

function register<H>(handlers: Map<string, H>, method: string, handler: H): () => void {
  handlers.set(method, handler);
  return () => {
    if (handlers.get(method) === handler) handlers.delete(method);
  };
}
