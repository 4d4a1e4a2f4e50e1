import { randomUUID } from 'node:crypto';
import type { AdmissionDecision } from '../core/contracts/boundary/admission-decision.js';
import { decodeBoundary } from '../core/contracts/boundary/boundary-codec.js';
import type {
  AdmissionRequestInput,
  ExecutionStream,
  RuntimeCallOptions,
  RuntimeClient,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionRef } from '../core/contracts/boundary/execution-ref.js';
import { type ExecutionResult, ExecutionResultSchema } from '../core/contracts/boundary/execution-result.js';
import { type NodeDescriptor, NodeDescriptorSchema } from '../core/contracts/boundary/node-descriptor.js';
import { nodeAdmittedProvenance } from '../core/contracts/boundary/provenance.js';
import { RemoteConnection } from './remote-connection.js';
import type { RemoteClientOptions } from './remote-options.js';
import { NODE_METHODS, STREAM_NOTIFICATIONS } from './remote-protocol.js';
import { decisionVerdictOf } from './remote-verdicts.js';

/**
 * A runtime client for a node served with `serveNode`, over JSON-RPC on a WebSocket. It is
 * interchangeable with the node itself (both are a `RuntimeClient`): same calls, same values
 * (decoded on arrival). The connection opens in the background on construction; calls wait for
 * it, and `ready()` says when it is open.
 *
 * A long-lived handle. A call rejects only when the connection fails, never for what the node
 * decided: with `AUTHENTICATION_FAILED` (the node answered HTTP 401), `CONNECT_FAILED` (it never
 * opened) or `REMOTE_DISCONNECT` (lost once open) for the calls it interrupted, `SESSION_ENDED`
 * (whose `cause` is that reason) for calls made after it ended or after `close()`, `TIMEOUT` past
 * `callTimeoutMs` (describe/admit/cancel). There is no reconnect: after a failure, create a new
 * client.
 *
 * @example
 * await using client = new RemoteRuntimeClient('ws://10.0.0.7:7070/', { token });
 * await client.ready();
 * const result = await client.execute(request, { timeoutMs: 60_000 });
 */
export class RemoteRuntimeClient implements RuntimeClient, AsyncDisposable {
  #connection: RemoteConnection;

  /** Validates `options` (`INVALID_OPTIONS`, before any I/O) and starts connecting to `url`. */
  constructor(url: string, options?: RemoteClientOptions) {
    this.#connection = new RemoteConnection(url, options, 'RemoteRuntimeClient');
  }

  /** Resolves once the connection is open; rejects with `SESSION_ENDED` (cause: why) if it ends first. */
  ready(): Promise<void> {
    return this.#connection.ready();
  }

  async describe(): Promise<NodeDescriptor> {
    return decodeBoundary(NodeDescriptorSchema, await this.#connection.ask(NODE_METHODS.describe, {}));
  }

  async admit(request: AdmissionRequestInput): Promise<Verdict<'decision', AdmissionDecision>> {
    return decisionVerdictOf(await this.#connection.ask(NODE_METHODS.admit, { request }));
  }

  /** Admits and runs on the remote node; `signal` cancels it there (the result is then `cancelled`). */
  async execute(request: AdmissionRequestInput, options: RuntimeCallOptions = {}): Promise<ExecutionResult> {
    const callId = randomUUID();
    const signal = options.signal instanceof AbortSignal ? options.signal : undefined;
    const abort = () => this.#connection.notify(STREAM_NOTIFICATIONS.abort, { call_id: callId });
    const answering = this.#connection.call(
      NODE_METHODS.execute,
      { request, call_id: callId, ...timeoutParam(options) },
      { timeoutMs: null },
    );
    // After the call, so the abort reaches the server behind the request it cancels.
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    try {
      return decodeBoundary(ExecutionResultSchema, await answering);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** Admits and streams from the remote node, with backpressure across the wire. */
  stream(
    request: AdmissionRequestInput,
    options: RuntimeCallOptions = {},
  ): Promise<Verdict<'events', ExecutionStream>> {
    return this.#connection.stream(
      NODE_METHODS.stream,
      { request, ...timeoutParam(options) },
      nodeAdmittedProvenance(),
      options.signal instanceof AbortSignal ? options.signal : undefined,
      (ref) => void this.cancel(ref).catch(() => {}),
    );
  }

  cancel(ref: ExecutionRef | string): Promise<Verdict<'cancelled', boolean>> {
    return this.#connection.cancel(NODE_METHODS.cancel, typeof ref === 'string' ? ref : ref.ref);
  }

  /**
   * Closes the connection (idempotent): pending calls and open streams end, later calls reject
   * with `SESSION_ENDED`. Executions the node started for this client are cancelled there.
   */
  close(): Promise<void> {
    return this.#connection.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** The `timeout_ms` param of a call, when the caller gave one. */
function timeoutParam(options: RuntimeCallOptions): { timeout_ms?: number | null } {
  return options.timeoutMs === undefined ? {} : { timeout_ms: options.timeoutMs };
}
