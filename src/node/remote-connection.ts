import {
  ExecutionError,
  type ExecutionEvent,
  type ExecutionResult,
  type ExecutionStream,
  isExecutionError,
  outcomeError,
  type Provenance,
  parseOptions,
  type Verdict,
} from '../core/index.js';
import type { JsonRpcConnection } from '../jsonrpc/index.js';
import {
  type RemoteClientOptions,
  RemoteClientOptionsSchema,
  type ResolvedRemoteClientOptions,
} from './remote-options.js';
import { paramsOf, STREAM_NOTIFICATIONS } from './remote-protocol.js';
import { RemoteStream } from './remote-stream.js';
import { cancelVerdictOf } from './remote-verdicts.js';

/**
 * One client connection to a node server: a WebSocket session from `execution-plane/websocket`
 * carrying a JSON-RPC connection from `execution-plane/jsonrpc` (both loaded on first use, so
 * importing the node subpath loads neither), plus the streams open on it.
 */
export class RemoteConnection {
  #options: ResolvedRemoteClientOptions;
  #rpc: Promise<JsonRpcConnection>;
  #streams = new Map<string, RemoteStream>();
  #lost: ExecutionError | undefined;
  #closing = false;

  /** Validates the options (`INVALID_OPTIONS` naming one) and starts connecting in the background. */
  constructor(url: string, options: RemoteClientOptions, entry: string) {
    this.#options = parseOptions(RemoteClientOptionsSchema, options, entry);
    this.#rpc = this.#open(url);
    // Failures reach every caller through call(); this only keeps the rejection handled.
    this.#rpc.catch(() => {});
  }

  /** A short call (`describe`, `admit`, `cancel`), bounded by `callTimeoutMs`. */
  ask(method: string, params: unknown): Promise<unknown> {
    return this.call(method, params, { timeoutMs: this.#options.callTimeoutMs });
  }

  /** Cancels `ref` with `method` and reads the verdict. */
  async cancel(method: string, ref: string): Promise<Verdict<'cancelled', boolean>> {
    return cancelVerdictOf(await this.ask(method, { execution_ref: ref }));
  }

  /** Sends a request; rejects with an ExecutionError (`CLOSED`, `TIMEOUT` …) or a JsonRpcRemoteError. */
  async call(
    method: string,
    params: unknown,
    options: { timeoutMs: number | null; signal?: AbortSignal | undefined },
  ): Promise<unknown> {
    const rpc = await this.#rpc;
    try {
      return await rpc.request(method, params, options);
    } catch (error) {
      throw await this.#explained(rpc, method, error);
    }
  }

  /** Sends a notification; a closed connection drops it (the caller learns through its calls). */
  notify(method: string, params: unknown): void {
    this.#rpc.then((rpc) => rpc.notify(method, params)).catch(() => {});
  }

  /**
   * Opens a stream with `method`: its answer is `{ ok: true, execution_ref }` or a rejection; the
   * events then arrive by credit. `cancel` is called when `signal` aborts.
   */
  async stream(
    method: string,
    params: unknown,
    provenance: Provenance,
    signal: AbortSignal | undefined,
    cancel: (ref: string) => void,
  ): Promise<Verdict<'events', ExecutionStream>> {
    const answer = paramsOf(await this.ask(method, params));
    if (answer.ok !== true) return answer as Verdict<'events', ExecutionStream>;
    const ref = String(answer.execution_ref);
    const stream = new RemoteStream(
      ref,
      this.#options.streamWindow,
      {
        pull: (credit) => this.notify(STREAM_NOTIFICATIONS.pull, { execution_ref: ref, credit }),
        close: () => this.notify(STREAM_NOTIFICATIONS.close, { execution_ref: ref }),
      },
      provenance,
    );
    this.#streams.set(ref, stream);
    stream.result.then(() => this.#streams.delete(ref));
    if (this.#lost) stream.fail(this.#lost);
    if (signal) {
      const abort = () => cancel(ref);
      if (signal.aborted) abort();
      else {
        signal.addEventListener('abort', abort, { once: true });
        stream.result.then(() => signal.removeEventListener('abort', abort));
      }
    }
    return { ok: true, events: stream };
  }

  /** Closes the connection; pending calls reject with `CLOSED`, open streams fail. Idempotent. */
  async close(): Promise<void> {
    this.#closing = true;
    const rpc = await this.#rpc.catch(() => undefined);
    if (rpc) await rpc.close();
  }

  // A call that failed because the connection ended says why it ended (a 401 handshake, a drop …).
  async #explained(rpc: JsonRpcConnection, method: string, error: unknown): Promise<unknown> {
    if (!isExecutionError(error) || error.code !== 'CLOSED') return error;
    await rpc.result;
    const lost = this.#lost;
    if (!lost || lost.message === error.message) return error;
    // The session's failure arrives wrapped by each layer (`jsonrpc execution … failed: …`).
    const why = lost.message.replace(/^(?:\S+ execution \S+ failed: )+/, '');
    return new ExecutionError('CLOSED', `${method} failed: ${why}`, {
      failureClass: lost.failureClass ?? 'remote_disconnect',
      details: { method },
      cause: lost,
    });
  }

  async #open(url: string): Promise<JsonRpcConnection> {
    const [{ connect }, { createJsonRpcConnection, createWebSocketChannel }] = await Promise.all([
      import('../websocket/index.js'),
      import('../jsonrpc/index.js'),
    ]);
    if (this.#closing)
      throw new ExecutionError('CLOSED', 'remote client closed', { failureClass: 'cancellation' });
    const options = this.#options;
    const session = connect(url, {
      headers: options.token
        ? { ...options.headers, authorization: `Bearer ${options.token}` }
        : options.headers,
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      pingIntervalMs: options.pingIntervalMs,
      maxPayloadBytes: options.maxMessageBytes,
    });
    const rpc = createJsonRpcConnection(createWebSocketChannel(session), {
      requestTimeoutMs: null,
      maxInFlight: options.maxInFlight,
    });
    rpc.onNotification(STREAM_NOTIFICATIONS.event, (params) => {
      const p = paramsOf(params);
      this.#streams.get(p.execution_ref as string)?.push(p.event as ExecutionEvent);
    });
    rpc.onNotification(STREAM_NOTIFICATIONS.end, (params) => {
      const p = paramsOf(params);
      this.#streams.get(p.execution_ref as string)?.end(p.result as ExecutionResult);
    });
    rpc.result.then((outcome) => {
      this.#lost =
        outcome.status === 'succeeded'
          ? new ExecutionError('CLOSED', 'connection to the node closed', {
              failureClass: 'remote_disconnect',
            })
          : outcomeError(outcome);
      for (const stream of this.#streams.values()) stream.fail(this.#lost);
    });
    return rpc;
  }
}
