import type { ExecutionStream, Verdict } from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { Provenance } from '../core/contracts/boundary/provenance.js';
import type { NodeErrorCode } from '../core/error-codes.js';
import { ExecutionError, isExecutionError } from '../core/errors.js';
import type { ExecutionEvent } from '../core/event.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import { outcomeError } from '../core/outcome-error.js';
import { parseOptions } from '../core/parse-options.js';
import {
  type RemoteClientOptions,
  RemoteClientOptionsSchema,
  type ResolvedRemoteClientOptions,
} from './remote-options.js';
import { paramsOf, STREAM_NOTIFICATIONS } from './remote-protocol.js';
import { RemoteStream } from './remote-stream.js';
import { cancelVerdictOf } from './remote-verdicts.js';
import { loadClientModules, type RpcConnection } from './rpc-modules.js';

/**
 * One client connection to a node server: a WebSocket session from `execution-plane/websocket`
 * carrying a JSON-RPC connection from `execution-plane/jsonrpc` (both loaded on first use, so
 * importing the node subpath loads neither), plus the streams open on it.
 *
 * A long-lived handle: it becomes ready once the WebSocket is open, and ends once — closed by
 * the caller, or for a reason (`AUTHENTICATION_FAILED`, `CONNECT_FAILED`, `REMOTE_DISCONNECT`).
 * Calls pending at the end reject with that reason; calls made after it reject with
 * `SESSION_ENDED` whose `cause` is the reason.
 */
export class RemoteConnection {
  #options: ResolvedRemoteClientOptions;
  #entry: string;
  #rpc: Promise<RpcConnection>;
  #ready: Promise<void>;
  #streams = new Map<string, RemoteStream>();
  #opened = false;
  #closing = false;
  /** `undefined` while running; `null` once closed by the caller; else why it ended. */
  #end: ExecutionError | null | undefined;
  #ended: Promise<void>;

  /** Validates the options (`INVALID_OPTIONS` naming one) and starts connecting in the background. */
  constructor(url: string, options: RemoteClientOptions | undefined, entry: string) {
    this.#options = parseOptions(RemoteClientOptionsSchema, options ?? {}, entry);
    this.#entry = entry;
    const opening = this.#open(url);
    this.#rpc = opening.then((o) => o.rpc);
    this.#ready = opening.then((o) => o.opened);
    this.#ended = opening.then(
      (o) => o.rpc.result.then((outcome) => this.#settle(outcome)),
      (error: unknown) => this.#settle(undefined, error),
    );
    // Failures reach every caller through ready() and call(); these only keep rejections handled.
    this.#rpc.catch(() => {});
    this.#ready.catch(() => {});
  }

  /** Resolves once the connection is open; rejects with `SESSION_ENDED` (cause: why) if it ends first. */
  async ready(): Promise<void> {
    const ended = this.#endedError('ready()');
    if (ended) throw ended;
    await Promise.race([this.#ready.catch(() => this.#ended), this.#ended]);
    const after = this.#opened ? undefined : this.#endedError('ready()');
    if (after) throw after;
  }

  /** A short call (`describe`, `admit`, `cancel`), bounded by `callTimeoutMs`. */
  ask(method: string, params: unknown): Promise<unknown> {
    return this.call(method, params, { timeoutMs: this.#options.callTimeoutMs });
  }

  /** Cancels `ref` with `method` and reads the verdict. */
  async cancel(method: string, ref: string): Promise<Verdict<'cancelled', boolean>> {
    return cancelVerdictOf(await this.ask(method, { execution_ref: ref }));
  }

  /**
   * Sends a request. Rejects with an ExecutionError: the connection's end reason for a call it
   * interrupted, `SESSION_ENDED` for a call made after the end, `TIMEOUT` past `timeoutMs`,
   * `PROTOCOL_ERROR` when the node answered with a JSON-RPC error.
   */
  async call(
    method: string,
    params: unknown,
    options: { timeoutMs: number | null; signal?: AbortSignal | undefined },
  ): Promise<unknown> {
    const before = this.#endedError(`${method}()`);
    if (before) throw before;
    let rpc: RpcConnection;
    try {
      rpc = await this.#rpc;
    } catch {
      await this.#ended;
      throw this.#endedError(`${method}()`) as ExecutionError;
    }
    try {
      return await rpc.request(method, params, options);
    } catch (error) {
      throw await this.#explained(method, error);
    }
  }

  /** Resolves once the connection ended (never rejects). */
  get closed(): Promise<void> {
    return this.#ended;
  }

  /** Handles a notification from the node (registered on the connection once it exists). */
  onNotification(method: string, handler: (params: unknown) => void): void {
    this.#rpc.then((rpc) => rpc.onNotification(method, handler)).catch(() => {});
  }

  /** Sends a notification; an ended connection drops it (the caller learns through its calls). */
  notify(method: string, params: unknown): void {
    if (this.#end !== undefined) return;
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
    if (this.#end !== undefined) stream.fail(this.#end ?? this.#closedError());
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

  /** Closes the connection: pending calls reject, open streams fail, later calls get `SESSION_ENDED`. Idempotent. */
  async close(): Promise<void> {
    this.#closing = true;
    const rpc = await this.#rpc.catch(() => undefined);
    if (rpc) await rpc.close();
    await this.#ended;
  }

  async #open(url: string): Promise<{ rpc: RpcConnection; opened: Promise<void> }> {
    const modules = await loadClientModules();
    if (this.#closing) throw this.#closedError();
    const options = this.#options;
    const { session, rpc } = modules.open(url, {
      headers: options.token
        ? { ...options.headers, authorization: `Bearer ${options.token}` }
        : options.headers,
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      pingIntervalMs: options.pingIntervalMs,
      maxMessageBytes: options.maxMessageBytes,
      maxInFlight: options.maxInFlight,
    });
    const opened = modules.opened(session).then(() => {
      this.#opened = true;
    });
    rpc.onNotification(STREAM_NOTIFICATIONS.event, (params) => {
      const p = paramsOf(params);
      this.#streams.get(p.execution_ref as string)?.push(p.event as ExecutionEvent);
    });
    rpc.onNotification(STREAM_NOTIFICATIONS.end, (params) => {
      const p = paramsOf(params);
      this.#streams.get(p.execution_ref as string)?.end(p.result as ExecutionResult);
    });
    return { rpc, opened };
  }

  // The connection ended: decide why, once, and fail the streams still open.
  #settle(outcome: ExecutionOutcome | undefined, thrown?: unknown): void {
    if (this.#end !== undefined) return;
    if (this.#closing) this.#end = null;
    else {
      const underlying =
        outcome === undefined ? thrown : outcome.status === 'succeeded' ? undefined : outcomeError(outcome);
      this.#end = endReason(this.#opened, underlying);
    }
    const error = this.#end ?? this.#closedError();
    for (const stream of this.#streams.values()) stream.fail(error);
  }

  // A call that failed because the connection ended says why it ended (a 401 handshake, a drop …).
  async #explained(method: string, error: unknown): Promise<unknown> {
    if (isRemoteError(error)) {
      const wire = error as Error & { code: number };
      return new ExecutionError('PROTOCOL_ERROR', `${method} failed: the node answered ${wire.message}`, {
        failureClass: 'semantic_runtime_failed',
        details: { method, rpc_code: wire.code },
        cause: error,
      });
    }
    if (isExecutionError(error) && (error.code === 'TIMEOUT' || error.code === 'CANCELLED')) {
      if (!this.#closing) return error;
    }
    if (!this.#closing && !endsConnection(error)) return error;
    await this.#ended;
    const end = this.#end;
    if (end === null || end === undefined) return this.#closedError(method);
    return new ExecutionError(end.code as NodeErrorCode, `${method} failed: ${end.message}`, {
      failureClass: end.failureClass,
      details: { ...end.details, method },
      cause: end.cause ?? end,
    });
  }

  #endedError(call: string): ExecutionError | undefined {
    if (this.#end === undefined) return undefined;
    const end = this.#end;
    const why = end ? end.message : 'closed by the caller';
    return new ExecutionError(
      'SESSION_ENDED',
      `Cannot ${call}: the ${this.#entry} connection has ended (${why})`,
      {
        failureClass: end?.failureClass,
        details: end ? { cause_code: end.code } : {},
        cause: end ?? undefined,
      },
    );
  }

  #closedError(method?: string): ExecutionError {
    const what = method ? `${method} failed: ` : '';
    return new ExecutionError(
      'SESSION_ENDED',
      `${what}the ${this.#entry} connection was closed by the caller`,
      {
        failureClass: 'cancellation',
      },
    );
  }
}

/**
 * Why a connection ended, as a node code: refused with HTTP 401 (`AUTHENTICATION_FAILED`), never
 * opened (`CONNECT_FAILED`), or lost once open (`REMOTE_DISCONNECT`); `cause` is the lower lane's
 * own error.
 */
function endReason(opened: boolean, underlying: unknown): ExecutionError {
  const why =
    underlying instanceof Error ? stripLayers(underlying.message) : 'the node closed the connection';
  const options = { cause: underlying, details: {} as Record<string, unknown> };
  if (!opened && refusedWith401(underlying)) {
    return new ExecutionError('AUTHENTICATION_FAILED', `the node refused the credentials: ${why}`, {
      ...options,
      failureClass: 'semantic_runtime_failed',
      details: { status: 401 },
    });
  }
  if (!opened) {
    return new ExecutionError('CONNECT_FAILED', `could not connect to the node: ${why}`, {
      ...options,
      failureClass: 'transport_failed',
    });
  }
  return new ExecutionError('REMOTE_DISCONNECT', `connection to the node lost: ${why}`, {
    ...options,
    failureClass: 'remote_disconnect',
  });
}

// The session's failure arrives wrapped by each layer (`jsonrpc execution … failed: …`).
function stripLayers(message: string): string {
  return message.replace(/^(?:\S+ execution \S+ failed: )+/, '');
}

function refusedWith401(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (isExecutionError(e) && e.details?.status === 401) return true;
    if (/\bHTTP 401\b/.test(e.message)) return true;
  }
  return false;
}

// A JSON-RPC error response from the node (the jsonrpc lane brands it with `Symbol.for`).
function isRemoteError(error: unknown): boolean {
  return (
    error instanceof Error &&
    !isExecutionError(error) &&
    typeof (error as { code?: unknown }).code === 'number'
  );
}

// Errors the JSON-RPC connection rejects pending calls with when its channel ends.
function endsConnection(error: unknown): boolean {
  return (
    isExecutionError(error) &&
    (error.failureClass === 'remote_disconnect' ||
      ['CLOSED', 'SESSION_ENDED', 'PEER_EXITED', 'CONNECT_FAILED'].includes(error.code))
  );
}
