import type {
  ExecutionStream,
  RuntimeCallOptions,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import type { PrincipalView } from './principal.js';
import { NODE_METHODS, paramsOf, STREAM_NOTIFICATIONS, TARGET_METHODS } from './remote-protocol.js';
import type { RpcConnection, RpcRequestContext } from './rpc-modules.js';
import { StreamPump } from './stream-pump.js';

/**
 * One client connection of a node server: answers the `node.*` methods (and `execution.*` when
 * the node is served as a target), pumps streams by credit, and when the connection ends cancels
 * every execution this client started and can no longer hear about.
 */
export class ServerSession {
  #rpc: RpcConnection;
  #node: PrincipalView['client'];
  #pumps = new Map<string, StreamPump>();
  #calls = new Map<string, AbortController>();
  #ended = false;

  // `view`: the node as the connection's principal sees it (its own executions only).
  constructor(rpc: RpcConnection, view: PrincipalView, serveTarget: boolean) {
    const node = view.client;
    this.#rpc = rpc;
    this.#node = node;
    rpc.onRequest(NODE_METHODS.describe, () => node.describe());
    rpc.onRequest(NODE_METHODS.admit, (params) => node.admit(paramsOf(params).request as never));
    rpc.onRequest(NODE_METHODS.execute, (params, context) => this.#execute(paramsOf(params), context));
    rpc.onRequest(NODE_METHODS.stream, async (params) => {
      const p = paramsOf(params);
      return this.#stream(await node.stream(p.request as never, callOptions(p, undefined)));
    });
    rpc.onRequest(NODE_METHODS.cancel, (params) => node.cancel(paramsOf(params).execution_ref as string));
    if (serveTarget) {
      const target = view.target;
      rpc.onRequest(TARGET_METHODS.describe, () => target.describe());
      rpc.onRequest(TARGET_METHODS.execute, (params, context) =>
        target.execute(params as never, { signal: context.signal }),
      );
      rpc.onRequest(TARGET_METHODS.stream, async (params) =>
        this.#stream(await target.stream(params as never)),
      );
      rpc.onRequest(TARGET_METHODS.cancel, (params) =>
        target.cancel({ contract_version: 1, ref: paramsOf(params).execution_ref as string }),
      );
    }
    rpc.onNotification(STREAM_NOTIFICATIONS.pull, (params) => {
      const p = paramsOf(params);
      this.#pumps.get(p.execution_ref as string)?.grant(p.credit as number);
    });
    rpc.onNotification(STREAM_NOTIFICATIONS.close, (params) => {
      this.#pumps.get(paramsOf(params).execution_ref as string)?.close();
    });
    rpc.onNotification(STREAM_NOTIFICATIONS.abort, (params) => {
      this.#calls.get(paramsOf(params).call_id as string)?.abort();
    });
    rpc.result.then(() => this.#end());
  }

  async #execute(params: Record<string, unknown>, context: RpcRequestContext) {
    const callId = typeof params.call_id === 'string' ? params.call_id : undefined;
    const controller = new AbortController();
    // The call's own signal aborts when the connection ends.
    const stop = () => controller.abort();
    context.signal.addEventListener('abort', stop, { once: true });
    if (callId) this.#calls.set(callId, controller);
    try {
      return await this.#node.execute(params.request as never, callOptions(params, controller.signal));
    } finally {
      context.signal.removeEventListener('abort', stop);
      if (callId) this.#calls.delete(callId);
    }
  }

  #stream(verdict: Verdict<'events', ExecutionStream>) {
    if (!verdict.ok) return verdict;
    const stream = verdict.events;
    const ref = stream.executionRef;
    if (this.#ended) {
      void this.#node.cancel(ref);
    } else {
      const pump = new StreamPump(stream, {
        event: (executionRef, event) =>
          this.#rpc.notify(STREAM_NOTIFICATIONS.event, { execution_ref: executionRef, event }),
        end: (executionRef, result) =>
          this.#rpc.notify(STREAM_NOTIFICATIONS.end, { execution_ref: executionRef, result }),
      });
      this.#pumps.set(ref, pump);
      pump.done.then(() => this.#pumps.delete(ref));
    }
    return { ok: true, execution_ref: ref };
  }

  // Nobody can hear about these executions any more: cancel them (no orphans).
  #end(): void {
    this.#ended = true;
    for (const controller of this.#calls.values()) controller.abort();
    for (const pump of this.#pumps.values()) {
      pump.close();
      void this.#node.cancel(pump.ref);
    }
  }
}

function callOptions(params: Record<string, unknown>, signal: AbortSignal | undefined): RuntimeCallOptions {
  const timeoutMs = params.timeout_ms as number | null | undefined;
  return signal
    ? { signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) }
    : timeoutMs === undefined
      ? {}
      : { timeoutMs };
}
