import { ExecutionError } from '../core/errors.js';
import type { LaneContext, LaneResult } from '../core/lane.js';
import type { ChannelDiagnostic, JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import type { ConnectionPlan, ResolvedConnectionOptions } from './connection-options.js';
import { jsonRpcDefaults } from './defaults.js';
import { type JsonRpcDialect, resolveDialect } from './dialect.js';
import type {
  JsonRpcClosedBy,
  JsonRpcConnectionOutput,
  JsonRpcDiagnosticKind,
  JsonRpcEvents,
} from './events.js';
import { errorResponse, InboundRequests, type JsonRpcRequestHandler } from './inbound.js';
import { classify, isId, type JsonRpcId } from './message.js';
import { OutboundRequests } from './outbound.js';
import { OutboundCalls } from './outbound-calls.js';
import { JSONRPC_ERROR_CODES } from './remote-error.js';

/** Handles a peer notification; errors are reported as `jsonrpc.diagnostic` events. */
export type JsonRpcNotificationHandler = (params: unknown, method: string) => unknown;

/** The handlers a connection dispatches peer traffic to (registered on its handle, even before start). */
export interface ConnectionHandlers {
  readonly requests: ReadonlyMap<string, JsonRpcRequestHandler>;
  readonly notifications: ReadonlyMap<string, JsonRpcNotificationHandler>;
}

type Emit = LaneContext<JsonRpcEvents>['emit'];

/**
 * The engine of one connection: parses inbound messages and dispatches them (responses to our
 * pending requests, peer requests to handlers, notifications to handlers or events), and owns
 * the connection's lifecycle. Outbound calls are built by {@link OutboundCalls}.
 */
export class ConnectionRuntime implements JsonRpcChannelSink {
  readonly channel: JsonRpcChannel;
  readonly dialect: JsonRpcDialect;
  readonly outbound: OutboundRequests;
  readonly calls: OutboundCalls;
  #options: ResolvedConnectionOptions;
  #inbound: InboundRequests;
  #notificationHandlers: ReadonlyMap<string, JsonRpcNotificationHandler>;
  #emit: Emit | undefined;
  #closed: ExecutionError | undefined;
  #done = Promise.withResolvers<LaneResult<JsonRpcConnectionOutput>>();
  #counts = { responses: 0, errors: 0, requests: 0, notifications: 0, diagnostics: 0 };

  constructor(plan: ConnectionPlan, handlers: ConnectionHandlers) {
    const { channel, ...options } = plan;
    this.channel = channel;
    this.#options = options;
    this.#notificationHandlers = handlers.notifications;
    this.dialect = resolveDialect(options.dialect);
    const notify = (method: string, params: unknown) =>
      void this.calls.notify(method, params).catch(() => {});
    this.outbound = new OutboundRequests(options, this.dialect, options.requestIdStart, notify);
    this.#inbound = new InboundRequests(handlers.requests, options.maxInboundRequests, this.dialect, notify);
    this.calls = new OutboundCalls(this, options.maxBatchSize, {
      unsupported: options.batchUnsupported,
      probeMs: options.batchProbeMs,
    });
  }

  /** Set once the connection has ended; every call rejects with it. */
  get closedError(): ExecutionError | undefined {
    return this.#closed;
  }

  /** The lane body: starts the channel and resolves when the connection ends. */
  run(context: LaneContext<JsonRpcEvents>): Promise<LaneResult<JsonRpcConnectionOutput>> {
    this.#emit = context.emit;
    context.signal.addEventListener('abort', () => this.close(context.signal.reason as ExecutionError), {
      once: true,
    });
    if (!this.#closed) this.channel.start(this);
    return this.#done.promise;
  }

  /** Ends the connection from our side. */
  close(reason: ExecutionError = closedError('local')): Promise<void> {
    this.#shutdown('local', reason, undefined);
    return this.channel.close().catch(() => undefined);
  }

  // JsonRpcChannelSink

  message(text: string): undefined | Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return this.#diagnose('invalid_json', text);
    }
    if (Array.isArray(message)) return this.#batch(message);
    return this.#dispatch(message, undefined);
  }

  diagnostic(diagnostic: ChannelDiagnostic): undefined | Promise<void> {
    return this.#diagnose(diagnostic.kind, diagnostic.text);
  }

  lost(id: JsonRpcId, error: ExecutionError): void {
    this.outbound.fail(id, error);
  }

  closed(error?: ExecutionError): void {
    this.#shutdown('remote', error ?? closedError('remote'), error);
  }

  // Dispatch

  #dispatch(
    message: unknown,
    replies: Array<Promise<string | undefined>> | undefined,
  ): undefined | Promise<void> {
    const m = message as Record<string, unknown>;
    // Responses first: the hot path of a client.
    if (m !== null && typeof m === 'object' && m.method === undefined && m.id !== undefined) {
      if ('result' in m || 'error' in m) return this.#response(m);
    }
    switch (classify(message)) {
      case 'request': {
        this.#counts.requests++;
        const reply = this.#closed
          ? undefined
          : this.#inbound.run(m.id as JsonRpcId, m.method as string, m.params);
        if (reply) {
          if (replies) replies.push(reply);
          else reply.then((text) => text && this.#reply(text));
        }
        return undefined;
      }
      case 'notification':
        return this.#notification(m.method as string, m.params);
      default: {
        if (isId(m?.id)) {
          const text = errorResponse(m.id, {
            code: JSONRPC_ERROR_CODES.INVALID_REQUEST,
            message: 'invalid request',
          });
          if (replies) replies.push(Promise.resolve(text));
          else this.#reply(text);
        }
        return this.#diagnose('invalid_message', safeStringify(message));
      }
    }
  }

  #response(m: Record<string, unknown>): undefined | Promise<void> {
    this.#counts.responses++;
    if (m.error !== undefined && !('result' in m)) this.#counts.errors++;
    if (isId(m.id) && this.outbound.settle(m.id, m)) return undefined;
    // A lone error with a null id while a batch is unanswered: the peer refused the batch.
    if (m.id === null && m.error !== undefined && this.calls.batchSupport.refused()) return undefined;
    return this.#diagnose('unknown_response', safeStringify(m));
  }

  #notification(method: string, params: unknown): undefined | Promise<void> {
    this.#counts.notifications++;
    const progress = this.dialect.progressOf(method, params);
    if (progress) {
      try {
        if (this.outbound.progress(progress.token, progress.value)) return undefined;
      } catch (error) {
        return this.#diagnose('handler_failed', describe(error), method);
      }
    }
    const cancelled = this.dialect.cancelledId(method, params);
    if (cancelled !== undefined) {
      this.#inbound.cancel(cancelled);
      return undefined;
    }
    const handler = this.#notificationHandlers.get(method) ?? this.#notificationHandlers.get('*');
    if (!handler) return this.#emit?.('jsonrpc.notification', { method, params });
    try {
      const result = handler(params, method) as { then?: unknown } | undefined;
      if (typeof result?.then === 'function') {
        (result as Promise<unknown>).then(undefined, (error: unknown) => {
          void this.#diagnose('handler_failed', describe(error), method);
        });
      }
    } catch (error) {
      return this.#diagnose('handler_failed', describe(error), method);
    }
    return undefined;
  }

  #batch(items: unknown[]): undefined | Promise<void> {
    if (items.length === 0 || items.length > this.#options.maxBatchSize) {
      const message =
        items.length === 0
          ? 'empty batch'
          : `batch of ${items.length} exceeds maxBatchSize (${this.#options.maxBatchSize})`;
      this.#reply(errorResponse(null, { code: JSONRPC_ERROR_CODES.INVALID_REQUEST, message }));
      return this.#diagnose('invalid_message', message);
    }
    const replies: Array<Promise<string | undefined>> = [];
    let wait: Promise<void> | undefined;
    for (const item of items) wait = this.#dispatch(item, replies) ?? wait;
    if (replies.length > 0) {
      Promise.all(replies).then((texts) => {
        const parts = texts.filter((t): t is string => t !== undefined);
        if (parts.length > 0) this.#reply(`[${parts.join(',')}]`);
      });
    }
    return wait;
  }

  #reply(text: string): void {
    if (this.#closed) return;
    const wait = this.channel.send(text);
    if (wait) wait.then(undefined, (error: unknown) => void this.#diagnose('send_failed', describe(error)));
  }

  #diagnose(kind: JsonRpcDiagnosticKind, text: string, method?: string): undefined | Promise<void> {
    this.#counts.diagnostics++;
    const cut =
      text.length > jsonRpcDefaults.diagnosticPreviewChars
        ? `${text.slice(0, jsonRpcDefaults.diagnosticPreviewChars)}…`
        : text;
    return this.#emit?.('jsonrpc.diagnostic', {
      kind,
      text: cut,
      length: text.length,
      ...(method ? { method } : {}),
    });
  }

  #shutdown(by: JsonRpcClosedBy, reason: ExecutionError, failure: ExecutionError | undefined): void {
    if (this.#closed) return;
    this.#closed = reason;
    const pending = this.outbound.rejectAll((method, id) => pendingError(reason, by, method, id));
    this.#inbound.abortAll(reason);
    const c = this.#counts;
    const output: JsonRpcConnectionOutput = {
      requests_sent: this.calls.requestsSent,
      notifications_sent: this.calls.notificationsSent,
      responses_received: c.responses,
      errors_received: c.errors,
      requests_received: c.requests,
      notifications_received: c.notifications,
      diagnostics: c.diagnostics,
      pending_at_close: pending,
      closed_by: by,
    };
    this.#done.resolve({
      output,
      failure: failure
        ? {
            failure_class: failure.failureClass ?? 'remote_disconnect',
            code: failure.code,
            reason: failure.message,
            details: failure.details,
          }
        : null,
    });
  }
}

function closedError(by: JsonRpcClosedBy): ExecutionError {
  return by === 'local'
    ? new ExecutionError('SESSION_ENDED', 'JSON-RPC connection closed', { failureClass: 'cancellation' })
    : new ExecutionError('CHANNEL_CLOSED', 'JSON-RPC channel closed by the peer', {
        failureClass: 'remote_disconnect',
      });
}

// One error per pending request, so each says which request it was.
function pendingError(
  reason: ExecutionError,
  by: JsonRpcClosedBy,
  method: string,
  id: JsonRpcId,
): ExecutionError {
  const code = reason.code === 'CANCELLED' || reason.code === 'TIMEOUT' ? reason.code : 'SESSION_ENDED';
  return new ExecutionError(code, `request ${method} (id ${id}) aborted: ${reason.message}`, {
    failureClass: reason.failureClass ?? (by === 'local' ? 'cancellation' : 'remote_disconnect'),
    details: { ...reason.details, method, id, closed_by: by },
    cause: reason,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
