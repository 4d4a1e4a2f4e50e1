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
import type { ErrorCode } from '../core/error-codes.js';
import { ExecutionError } from '../core/errors.js';
import { RemoteConnection } from './remote-connection.js';
import type { RemoteClientOptions } from './remote-options.js';
import { NODE_METHODS, paramsOf, STREAM_NOTIFICATIONS } from './remote-protocol.js';
import { RemoteTerminalAttachment } from './remote-terminal.js';
import { decisionVerdictOf } from './remote-verdicts.js';
import { TERMINAL_METHODS, TERMINAL_NOTIFICATIONS } from './serve-terminals.js';

/** A terminal's info as the node reports it (`TerminalInfo` of `execution-plane/terminal`). */
type RemoteTerminalInfo = Readonly<Record<string, unknown>> & { readonly terminal_id: string };

/** Notifications that arrived before their attach answer, by attach id (bounded). */
const EARLY_NOTIFICATIONS = 256;

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
  #attachments = new Map<string, RemoteTerminalAttachment>();
  #early = new Map<string, Array<(a: RemoteTerminalAttachment) => void>>();

  /** Validates `options` (`INVALID_OPTIONS`, before any I/O) and starts connecting to `url`. */
  constructor(url: string, options?: RemoteClientOptions) {
    this.#connection = new RemoteConnection(url, options, 'RemoteRuntimeClient');
    const route = (
      params: unknown,
      deliver: (a: RemoteTerminalAttachment, p: Record<string, unknown>) => void,
    ) => {
      const p = paramsOf(params);
      const id = String(p.attach_id);
      const attachment = this.#attachments.get(id);
      if (attachment) return deliver(attachment, p);
      const early = this.#early.get(id) ?? [];
      if (early.length < EARLY_NOTIFICATIONS) early.push((a) => deliver(a, p));
      this.#early.set(id, early);
    };
    this.#connection.onNotification(TERMINAL_NOTIFICATIONS.output, (params) =>
      route(params, (a, p) => a.output(String(p.data ?? ''))),
    );
    this.#connection.onNotification(TERMINAL_NOTIFICATIONS.dropped, (params) =>
      route(params, (a, p) => a.droppedOnNode(Number(p.bytes) || 0)),
    );
    this.#connection.onNotification(TERMINAL_NOTIFICATIONS.ended, (params) =>
      route(params, (a, p) => {
        a.end(typeof p.code === 'string' ? p.code : undefined);
        this.#attachments.delete(a.attachId);
      }),
    );
    void this.#connection.closed.then(() => {
      for (const a of this.#attachments.values()) a.end('REMOTE_DISCONNECT');
      this.#attachments.clear();
    });
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

  /** The node's open terminals, sorted by id (the node serves them with `serveNode(node, { terminals: true })`). */
  async listTerminals(): Promise<RemoteTerminalInfo[]> {
    return (await this.#terminalCall(TERMINAL_METHODS.list, {})).terminals as RemoteTerminalInfo[];
  }

  /** A terminal's info by id, or without an id the node's only terminal; `undefined` when none. */
  async terminalInfo(id?: string): Promise<RemoteTerminalInfo | undefined> {
    const answer = await this.#terminalCall(
      TERMINAL_METHODS.info,
      id === undefined ? {} : { terminal_id: id },
    );
    return (answer.info as RemoteTerminalInfo | null) ?? undefined;
  }

  /**
   * Opens a program terminal on the node (served with `terminals: { open: true }`); `options` may
   * hold `id`, `cols`, `rows`, `cwd`, `env`, `termName`, `scrollbackBytes`, `maxViewers`.
   */
  async openTerminal(
    command: string,
    args: readonly string[] = [],
    options: Readonly<Record<string, unknown>> = {},
  ): Promise<RemoteTerminalInfo> {
    return (await this.#terminalCall(TERMINAL_METHODS.open, { command, args, options }))
      .info as RemoteTerminalInfo;
  }

  /** Closes a terminal on the node; resolves false when it has no such terminal. */
  async stopTerminal(id: string): Promise<boolean> {
    return (await this.#terminalCall(TERMINAL_METHODS.stop, { terminal_id: id })).stopped === true;
  }

  /**
   * Attaches to a terminal on the node: `mode` `'view'` (default) or `'control'`, `replay` the
   * scrollback (default true), an `AttachGrant.v1` as `grant` where the terminal requires one.
   * Rejects with the node's code (`TERMINAL_NOT_FOUND`, `CONTROLLER_TAKEN`, `ATTACH_FORBIDDEN` …).
   */
  async attachTerminal(
    id: string,
    options: { readonly mode?: 'control' | 'view'; readonly replay?: boolean; readonly grant?: unknown } = {},
  ): Promise<RemoteTerminalAttachment> {
    const answer = await this.#terminalCall(TERMINAL_METHODS.attach, { terminal_id: id, ...options });
    const attachId = String(answer.attach_id);
    const attachment = new RemoteTerminalAttachment(
      { call: (method, params) => this.#connection.ask(method, params) },
      attachId,
      answer.mode === 'control' ? 'control' : 'view',
    );
    this.#attachments.set(attachId, attachment);
    for (const deliver of this.#early.get(attachId) ?? []) deliver(attachment);
    this.#early.delete(attachId);
    return attachment;
  }

  async #terminalCall(method: string, params: unknown): Promise<Record<string, unknown>> {
    const answer = paramsOf(await this.#connection.ask(method, params));
    if (answer.ok !== true) {
      throw new ExecutionError(
        String(answer.code) as ErrorCode,
        String(answer.message ?? `${method} refused`),
      );
    }
    return answer;
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
