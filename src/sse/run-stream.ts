import { ExecutionError, isExecutionError, type LaneContext, type LaneResult } from '../core/index.js';
import { classifyTransportError, PhaseWatchdog, redactHeaders } from '../http/index.js';
import { sleep } from '../internal/sleep.js';
import { type Connected, connect } from './connect.js';
import { messagePayload } from './decode-value.js';
import { disconnected, sseTimeout } from './errors.js';
import type { SseEndReason, SseLaneEvents, SseReconnectingEventPayload, SseStreamOutput } from './events.js';
import { parseSse, type SseMessage, type SseParser } from './parse-sse.js';
import type { SseStreamPlan } from './plan-stream.js';
import { isRetryableStatus, reconnectDelay } from './reconnect.js';

type Result = LaneResult<SseStreamOutput>;
type Pending = SseMessage | { readonly comment: string };

/** Why a connection ended without the stream ending: what the reconnect decision needs. */
interface Drop {
  readonly error: ExecutionError;
  readonly reason: SseReconnectingEventPayload['reason'];
  readonly status: number | null;
  readonly retryAfterMs: number | undefined;
}

/** Runs one stream: connections, reconnects with Last-Event-ID, and delivery with backpressure. */
export function runStream(plan: SseStreamPlan, ctx: LaneContext<SseLaneEvents>): Promise<Result> {
  return new StreamRun(plan, ctx).run();
}

class StreamRun {
  #plan: SseStreamPlan;
  #ctx: LaneContext<SseLaneEvents>;
  #parser: SseParser;
  #pending: Pending[] = [];
  #lastEventId: string | undefined;
  // Messages delivered since the last id: a resume would repeat them, so it is refused.
  #sinceId = 0;
  #serverRetryMs: number | undefined;
  #messages = 0;
  #reconnects = 0;
  #failures = 0;
  #status: number | null = null;
  #sentinelSeen = false;

  constructor(plan: SseStreamPlan, ctx: LaneContext<SseLaneEvents>) {
    this.#plan = plan;
    this.#ctx = ctx;
    this.#lastEventId = plan.lastEventId;
    const pending = this.#pending;
    this.#parser = parseSse({
      maxEventBytes: plan.maxEventBytes,
      onEvent: (message) => {
        if (message.id === undefined) this.#sinceId++;
        pending.push(message);
      },
      onId: (id) => {
        this.#lastEventId = id;
        this.#sinceId = 0;
      },
      onRetry: (ms) => {
        this.#serverRetryMs = ms;
      },
      onComment: plan.comments ? (comment) => pending.push({ comment }) : undefined,
    });
  }

  async run(): Promise<Result> {
    for (let attempt = 1; ; attempt++) {
      const ended = await this.#connection(attempt);
      if (typeof ended === 'string') return this.#result(ended);
      const delay = this.#reconnectDelay(ended);
      const reconnecting = this.#ctx.emit('sse.reconnecting', {
        attempt: attempt + 1,
        delay_ms: delay,
        last_event_id: this.#lastEventId || null,
        reason: ended.reason,
        status: ended.status,
        error_code:
          typeof ended.error.details.error_code === 'string' ? ended.error.details.error_code : null,
      });
      if (reconnecting) await reconnecting;
      await sleep(delay, this.#ctx.signal);
      if (this.#ctx.signal.aborted) throw this.#ctx.signal.reason;
      this.#reconnects++;
    }
  }

  /** One connection: resolves with how the stream ended, or the drop to reconnect after. */
  async #connection(attempt: number): Promise<SseEndReason | Drop> {
    const plan = this.#plan;
    const { signal } = this.#ctx;
    const controller = new AbortController();
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    const watchdog = new PhaseWatchdog<'open' | 'idle'>(controller, sseTimeout);
    watchdog.enter('open', plan.openTimeoutMs);
    try {
      let connected: Connected;
      try {
        connected = await connect(plan, plan.fetch ?? globalThis.fetch, this.#lastEventId, controller.signal);
      } catch (error) {
        return this.#drop(error, controller.signal, false);
      }
      this.#status = connected.kind === 'open' ? connected.response.status : connected.status;
      if (connected.kind === 'no_content') return 'no_content';
      const { response, url } = connected;
      const opened = this.#ctx.emit('sse.open', {
        attempt,
        status: response.status,
        headers: redactHeaders(Object.fromEntries(response.headers), plan.credentials),
        url: url.href,
        last_event_id: this.#lastEventId || null,
      });
      if (opened) await opened;
      if (plan.idleTimeoutMs === null) watchdog.stop();
      else watchdog.enter('idle', plan.idleTimeoutMs);
      return await this.#pump(response, watchdog, controller.signal);
    } finally {
      watchdog.stop();
      signal.removeEventListener('abort', forward);
    }
  }

  /** Reads the body only as fast as messages are delivered; parse and delivery errors are final. */
  async #pump(
    response: Response,
    watchdog: PhaseWatchdog<'open' | 'idle'>,
    signal: AbortSignal,
  ): Promise<SseEndReason | Drop> {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    this.#parser.reset();
    this.#pending.length = 0;
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          return this.#drop(error, signal, true);
        }
        if (chunk.done) {
          if (!this.#plan.reconnect.afterEnd) return 'eof';
          return {
            error: disconnected('SSE server ended the stream', {}),
            reason: 'eof',
            status: null,
            retryAfterMs: undefined,
          };
        }
        watchdog.touch();
        this.#parser.feed(chunk.value);
        if (this.#pending.length > 0) await this.#deliver();
        if (this.#sentinelSeen) return 'sentinel';
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  async #deliver(): Promise<void> {
    const { sentinel, json } = this.#plan;
    const { emit } = this.#ctx;
    const pending = this.#pending;
    for (let i = 0; i < pending.length; i++) {
      const item = pending[i] as Pending;
      let wait: undefined | Promise<void>;
      if ('comment' in item) wait = emit('sse.comment', { text: item.comment });
      else if (item.data === sentinel) {
        this.#sentinelSeen = true;
        break;
      } else {
        const payload = messagePayload(item, json);
        this.#messages++;
        this.#failures = 0;
        wait = emit('sse.message', payload instanceof Promise ? await payload : payload);
      }
      if (wait) await wait;
    }
    pending.length = 0;
  }

  /** Classifies why a connection ended; final errors (4xx, wrong content type, cancel) throw. */
  #drop(error: unknown, signal: AbortSignal, open: boolean): Drop {
    if (this.#ctx.signal.aborted) throw this.#ctx.signal.reason;
    const cause = signal.aborted ? signal.reason : error;
    if (isExecutionError(cause) && cause.code === 'TIMEOUT') {
      return { error: cause, reason: open ? 'idle' : 'open_timeout', status: null, retryAfterMs: undefined };
    }
    if (isExecutionError(cause) && cause.code === 'SSE_BAD_STATUS') {
      const status = cause.details.status as number;
      if (!isRetryableStatus(status)) throw cause;
      const retryAfterMs = (cause.details.retry_after_ms as number | null) ?? undefined;
      return { error: cause, reason: 'status', status, retryAfterMs };
    }
    if (isExecutionError(cause) && cause.failureClass !== undefined && cause.code !== 'HTTP_TRANSPORT_FAILED')
      throw cause;
    const transport = classifyTransportError(cause, open ? 'body' : 'connect');
    if (!open) return { error: transport, reason: 'transport', status: null, retryAfterMs: undefined };
    const details = { error_code: transport.details.error_code ?? null };
    return {
      error: disconnected(`SSE connection dropped: ${transport.message}`, details),
      reason: 'disconnect',
      status: null,
      retryAfterMs: undefined,
    };
  }

  /** The delay before reconnecting, or throws the drop's error when the stream must not resume. */
  #reconnectDelay(drop: Drop): number {
    const policy = this.#plan.reconnect;
    if (this.#sinceId > 0) {
      throw disconnected(
        `SSE connection dropped after ${this.#sinceId} message(s) without an id: resuming would repeat them`,
        { messages_since_id: this.#sinceId, cause: drop.error.message },
      );
    }
    if (this.#failures >= policy.maxAttempts) {
      throw this.#failures === 0 ? drop.error : withAttempts(drop.error, this.#failures);
    }
    this.#failures++;
    let delay: number;
    if (drop.retryAfterMs !== undefined) {
      if (drop.retryAfterMs > policy.maxDelayMs) throw drop.error;
      delay = drop.retryAfterMs;
    } else delay = reconnectDelay(this.#failures, policy, this.#serverRetryMs);
    const { deadline } = this.#ctx;
    if (deadline !== null && Date.now() + delay >= deadline) throw drop.error;
    return delay;
  }

  #result(endReason: SseEndReason): Result {
    return {
      output: {
        messages: this.#messages,
        last_event_id: this.#lastEventId || null,
        reconnects: this.#reconnects,
        end_reason: endReason,
        status: this.#status,
      },
      metrics: { messages: this.#messages, reconnects: this.#reconnects },
    };
  }
}

function withAttempts(error: ExecutionError, attempts: number): ExecutionError {
  return new ExecutionError(error.code, `${error.message} (after ${attempts} reconnect attempt(s))`, {
    failureClass: error.failureClass,
    details: { ...error.details, reconnect_attempts: attempts },
    cause: error.cause,
  });
}
