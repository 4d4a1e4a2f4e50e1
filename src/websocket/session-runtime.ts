import type WebSocket from 'ws';
import { ExecutionError, isExecutionError } from '../core/errors.js';
import type { FailureInput } from '../core/failure.js';
import type { LaneContext, LaneResult } from '../core/lane.js';
import { backoffDelay } from '../internal/backoff.js';
import { sleep } from '../internal/sleep.js';
import { classifyClose, isReconnectable } from './close-codes.js';
import type { WebSocketEvents, WebSocketOpenPayload, WebSocketOutput } from './events.js';
import { type CloseInfo, LiveConnection, type ReceiveCounters } from './live-connection.js';
import { openSocket } from './open-socket.js';
import type { ReconnectPolicy, ResolvedWebSocketOptions, SessionPlan } from './options.js';
import type { ReceiveBudget } from './receive-budget.js';
import { redactUrl } from './redact-url.js';
import { SendQueue, type WebSocketData } from './send-queue.js';

/** Longest wait for the peer's close frame when the session is cancelled or times out. */
const ABORT_CLOSE_TIMEOUT_MS = 1_000;

/**
 * Runs once, when the first connection opens (the node lane's script: its sends and its
 * `closeAfterMessages`); kept out of the runtime so a `connect()` bundle does not carry it.
 */
export type OnFirstOpen = (runtime: SessionRuntime, ws: WebSocket) => void;

/** Rejects a send made after the end; the session handle supplies its `SESSION_ENDED` error. */
export type EndedSend = () => Promise<never>;

const endedSend: EndedSend = () =>
  Promise.reject(new ExecutionError('SESSION_ENDED', 'Cannot send(): the websocket session has ended'));

type Stage = 'idle' | 'connecting' | 'open' | 'waiting' | 'closing' | 'closed';

/**
 * The I/O of one WebSocket session: connects, turns frames into events, reconnects when asked
 * to, and resolves the lane result when the session is over. The public session handle drives it
 * through `send`, `close` and `ping`.
 */
export class SessionRuntime {
  readonly url: string;
  #options: ResolvedWebSocketOptions;
  #onFirstOpen: OnFirstOpen | undefined;
  #queue: SendQueue;
  #received: ReceiveCounters = { messages: 0, bytes: 0 };
  #live: LiveConnection | undefined;
  #stage: Stage = 'idle';
  #stop = new AbortController();
  #localClose: { code: number; reason: string } | undefined;
  #connections = 0;
  #protocol = '';
  #last: CloseInfo | undefined;
  #opened: PromiseWithResolvers<WebSocketOpenPayload | undefined> | undefined;
  #firstOpen: WebSocketOpenPayload | undefined;
  #lastOpen: WebSocketOpenPayload | undefined;
  #ended = false;
  #exhausted: FailureInput | null = null;
  #budget: ReceiveBudget | undefined;

  /** `budget` bounds unread message bytes (sessions only: their iterator reports what it took). */
  constructor(
    plan: SessionPlan,
    ended: EndedSend = endedSend,
    budget?: ReceiveBudget,
    onFirstOpen?: OnFirstOpen,
  ) {
    const { url, ...options } = plan;
    this.#budget = budget;
    this.url = url;
    this.#options = options;
    this.#onFirstOpen = onFirstOpen;
    this.#queue = new SendQueue(
      {
        highWater: options.sendHighWaterBytes,
        maxWaiting: options.maxWaitingSends,
        maxBytes: options.maxQueuedSendBytes,
      },
      ended,
    );
  }

  /** True once the session is over. */
  get ended(): boolean {
    return this.#ended;
  }

  get stage(): Stage {
    return this.#stage;
  }

  /** The `websocket.open` payload of the current (or last) connection. */
  get lastOpen(): WebSocketOpenPayload | undefined {
    return this.#lastOpen;
  }

  get bufferedAmount(): number {
    return this.#queue.bufferedAmount;
  }

  /** Messages received over every connection so far. */
  get messagesReceived(): number {
    return this.#received.messages;
  }

  send(data: WebSocketData): Promise<void> {
    return this.#queue.send(data);
  }

  ping(): Promise<number> {
    if (!this.#live || this.#stage !== 'open') {
      return Promise.reject(new ExecutionError('NOT_CONNECTED', 'WebSocket is not open'));
    }
    return this.#live.ping();
  }

  /** Resolves with the first `websocket.open` payload, or `undefined` if the session ends before it. */
  opened(): Promise<WebSocketOpenPayload | undefined> {
    if (this.#firstOpen) return Promise.resolve(this.#firstOpen);
    this.#opened ??= Promise.withResolvers();
    if (this.#ended) this.#opened.resolve(undefined);
    return this.#opened.promise;
  }

  /** Ends the session from our side: a close handshake, or stops connecting / waiting. */
  close(code: number, reason: string): void {
    if (this.#localClose || this.#stage === 'closed') return;
    this.#localClose = { code, reason };
    if (this.#live && this.#stage === 'open') {
      this.#stage = 'closing';
      this.#live.close(code, reason);
    } else {
      this.#stop.abort(new ExecutionError('SESSION_ENDED', 'closed by caller'));
    }
  }

  /** The lane body: runs until the session is over. */
  async run(context: LaneContext<WebSocketEvents>): Promise<LaneResult<WebSocketOutput>> {
    const onAbort = () => this.#onAbort(context.signal.reason);
    context.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#loop(context);
    } finally {
      context.signal.removeEventListener('abort', onAbort);
      this.dispose();
    }
  }

  /** The session is over: waiting and later sends reject as the handle says; `opened()` gives `undefined`. Idempotent. */
  dispose(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#stage = 'closed';
    this.#stop.abort(new ExecutionError('SESSION_ENDED', 'session ended'));
    this.#queue.close();
    this.#budget?.release();
    if (!this.#firstOpen) this.#opened?.resolve(undefined);
  }

  async #loop(context: LaneContext<WebSocketEvents>): Promise<LaneResult<WebSocketOutput>> {
    const policy = this.#options.reconnect;
    let attempt = 0;
    for (;;) {
      if (this.#stop.signal.aborted) return this.#result(null);
      const live = await this.#connect(context);
      if (live instanceof LiveConnection) {
        const openedAt = performance.now();
        const failure = await this.#serve(live, context);
        if (!failure || !policy || !isReconnectable(failure) || this.#stop.signal.aborted) {
          return this.#result(failure);
        }
        if (performance.now() - openedAt >= policy.stableAfterMs) attempt = 0;
        attempt = await this.#backOff(policy, attempt, failure, context);
      } else {
        // Stopped while connecting (close or cancel): nothing failed.
        if (live === null) return this.#result(null);
        // A refused first connection is a configuration problem: report it, never retry it.
        if (this.#connections === 0 || !policy || !isReconnectable(live)) return this.#result(live);
        attempt = await this.#backOff(policy, attempt, live, context);
      }
      if (attempt > (policy?.maxAttempts ?? 0)) return this.#result(this.#exhausted);
    }
  }

  // Waits before the next attempt; returns the attempt number, past the budget when exhausted.
  async #backOff(
    policy: ReconnectPolicy,
    previous: number,
    failure: FailureInput,
    context: LaneContext<WebSocketEvents>,
  ): Promise<number> {
    const attempt = previous + 1;
    if (attempt > policy.maxAttempts) {
      this.#exhausted = {
        ...failure,
        details: { ...failure.details, reconnect_attempts: policy.maxAttempts },
      };
      return attempt;
    }
    const delay = backoffDelay(attempt, policy);
    this.#stage = 'waiting';
    const wait = context.emit('websocket.reconnecting', {
      attempt,
      delay_ms: delay,
      after: failure.reason ?? failure.failure_class,
    });
    if (wait) await wait;
    await sleep(delay, this.#stop.signal);
    return attempt;
  }

  // The open connection, the failure of the attempt, or null when stopped while connecting.
  async #connect(context: LaneContext<WebSocketEvents>): Promise<LiveConnection | FailureInput | null> {
    this.#stage = 'connecting';
    let live: LiveConnection | undefined;
    try {
      await openSocket(this.url, this.#options, this.#stop.signal, (ws) => {
        this.#connections++;
        live = new LiveConnection(ws, this.#options, context.emit, this.#received, this.#budget);
        // Announced from inside ws's open event, so it precedes any frame in the same read.
        live.announce({
          url: redactUrl(this.url),
          protocol: ws.protocol,
          extensions: ws.extensions,
          connection: this.#connections,
        });
      });
      return live as unknown as LiveConnection;
    } catch (error) {
      return this.#stop.signal.aborted ? null : failureOf(error);
    }
  }

  async #serve(live: LiveConnection, context: LaneContext<WebSocketEvents>): Promise<FailureInput | null> {
    this.#live = live;
    this.#stage = 'open';
    this.#protocol = live.ws.protocol;
    this.#queue.setSocket(live.ws);
    this.#firstOpen ??= live.openPayload;
    this.#lastOpen = live.openPayload;
    if (this.#firstOpen) this.#opened?.resolve(this.#firstOpen);
    if (this.#connections === 1) this.#onFirstOpen?.(this, live.ws);
    // Closed or cancelled while the open event was being delivered.
    if (this.#stop.signal.aborted && this.#stage === 'open') {
      if (this.#localClose) {
        this.#stage = 'closing';
        live.close(this.#localClose.code, this.#localClose.reason);
      } else this.#closeLive(live);
    }

    const info = await live.closed;
    this.#queue.setSocket(undefined);
    this.#live = undefined;
    this.#last = info;
    const closeWait = context.emit('websocket.close', {
      code: info.code,
      reason: info.reason,
      was_clean: info.wasClean,
      initiated_by: info.initiator,
    });
    if (closeWait) await closeWait;
    if (info.error) return failureOf(info.error);
    const failure = classifyClose(info.code, info.reason, info.initiator, this.#options.normalCloseCodes);
    if (failure && info.socketError) {
      return { ...failure, details: { ...failure.details, socket_error: info.socketError } };
    }
    return failure;
  }

  #onAbort(reason: unknown): void {
    this.#stop.abort(reason);
    if (this.#live && this.#stage === 'open') this.#closeLive(this.#live);
  }

  #closeLive(live: LiveConnection): void {
    this.#stage = 'closing';
    const why = isExecutionError(this.#stop.signal.reason) ? this.#stop.signal.reason.code.toLowerCase() : '';
    live.close(1000, why, 'local', Math.min(this.#options.closeTimeoutMs, ABORT_CLOSE_TIMEOUT_MS));
  }

  #result(failure: FailureInput | null): LaneResult<WebSocketOutput> {
    const last = this.#last;
    const output: WebSocketOutput = {
      url: redactUrl(this.url),
      protocol: this.#protocol,
      close_code: last?.code ?? null,
      close_reason: last?.reason ?? '',
      initiated_by: last?.initiator ?? null,
      was_clean: last?.wasClean ?? false,
      connections: this.#connections,
      messages_received: this.#received.messages,
      messages_sent: this.#queue.sent,
      bytes_received: this.#received.bytes,
      bytes_sent: this.#queue.bytes,
    };
    return {
      output,
      failure,
      metrics: {
        connections: this.#connections,
        messages_received: this.#received.messages,
        messages_sent: this.#queue.sent,
        bytes_read: this.#received.bytes,
        bytes_written: this.#queue.bytes,
      },
    };
  }
}

function failureOf(error: unknown): FailureInput {
  if (isExecutionError(error)) {
    return {
      failure_class: error.failureClass ?? 'transport_failed',
      code: error.code,
      reason: error.message,
      details: error.details,
    };
  }
  return {
    failure_class: 'transport_failed',
    reason: error instanceof Error ? error.message : String(error),
  };
}
