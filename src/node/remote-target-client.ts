import { decodeBoundary } from '../core/contracts/boundary/boundary-codec.js';
import type {
  ExecutionStream,
  TargetCallOptions,
  TargetClient,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionRef } from '../core/contracts/boundary/execution-ref.js';
import type { ExecutionRequest } from '../core/contracts/boundary/execution-request.js';
import { type ExecutionResult, ExecutionResultSchema } from '../core/contracts/boundary/execution-result.js';
import { RemoteConnection } from './remote-connection.js';
import type { RemoteClientOptions } from './remote-options.js';
import { paramsOf, TARGET_METHODS } from './remote-protocol.js';

/**
 * A target reached over the network: another node served with `serveNode(node, { target: true })`.
 * A node that connects it (`connectTarget(attestation, new RemoteTargetClient(url, …))`)
 * dispatches admitted requests to it with the reference's target frame — JSON-RPC
 * `execution.execute` / `execution.stream` whose params are the `ExecutionRequest` — and cancels
 * them there (`execution.cancel`) when the dispatching node cancels.
 *
 * @example
 * await nodeA.connectTarget(attestationOfB, new RemoteTargetClient('ws://node-b:7070/', { token }));
 */
export class RemoteTargetClient implements TargetClient, AsyncDisposable {
  #connection: RemoteConnection;

  /** Validates `options` (`INVALID_OPTIONS`, before any I/O) and starts connecting to `url`. */
  constructor(url: string, options?: RemoteClientOptions) {
    this.#connection = new RemoteConnection(url, options, 'RemoteTargetClient');
  }

  /** Resolves once the connection is open; rejects with `SESSION_ENDED` (cause: why) if it ends first. */
  ready(): Promise<void> {
    return this.#connection.ready();
  }

  async describe(): Promise<Record<string, unknown>> {
    const answer = paramsOf(await this.#connection.ask(TARGET_METHODS.describe, {}));
    return { transport: 'jsonrpc_over_websocket', ...answer };
  }

  async execute(request: ExecutionRequest, options: TargetCallOptions = {}): Promise<ExecutionResult> {
    const unwatch = this.#watch(request, options.signal);
    try {
      const answer = await this.#connection.call(TARGET_METHODS.execute, request, { timeoutMs: null });
      return decodeBoundary(ExecutionResultSchema, answer);
    } finally {
      unwatch();
    }
  }

  stream(
    request: ExecutionRequest,
    options: TargetCallOptions = {},
  ): Promise<Verdict<'events', ExecutionStream>> {
    return this.#connection.stream(
      TARGET_METHODS.stream,
      request,
      request.provenance,
      options.signal,
      (ref) => void this.cancel({ contract_version: 1, ref }).catch(() => {}),
    );
  }

  cancel(ref: ExecutionRef): Promise<Verdict<'cancelled', boolean>> {
    return this.#connection.cancel(TARGET_METHODS.cancel, ref.ref);
  }

  /** Closes the connection (idempotent); dispatches in flight end `failed`, later calls reject with `SESSION_ENDED`. */
  close(): Promise<void> {
    return this.#connection.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // The dispatching node cancels through the signal; the target learns it by `execution.cancel`.
  #watch(request: ExecutionRequest, signal: AbortSignal | undefined): () => void {
    const ref = request.execution_ref;
    if (!signal || ref === null) return () => {};
    const cancel = () => void this.cancel({ contract_version: 1, ref }).catch(() => {});
    if (signal.aborted) cancel();
    signal.addEventListener('abort', cancel, { once: true });
    return () => signal.removeEventListener('abort', cancel);
  }
}
