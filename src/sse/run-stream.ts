import { ExecutionError, isExecutionError } from '../core/errors.js';
import type { LaneContext, LaneResult } from '../core/lane.js';
import { headerRecordOf, redactHeaders } from '../internal/http/headers.js';
import { redactUrl } from '../internal/http/redaction.js';
import { classifyTransportError } from '../internal/http/transport-error.js';
import { PhaseWatchdog } from '../internal/http/watchdog.js';
import { runRedacted } from '../internal/redact-lane.js';
import { sleep } from '../internal/sleep.js';
import { type Connected, connect } from './connect.js';
import { Delivery } from './delivery.js';
import { disconnected, sseTimeout } from './errors.js';
import type { SseEndReason, SseLaneEvents, SseReconnectingEventPayload, SseStreamOutput } from './events.js';
import type { SseStreamPlan } from './plan-stream.js';
import { isRetryableStatus, reconnectDelay } from './reconnect.js';

type Result = LaneResult<SseStreamOutput>;

// Connection-ending ids remembered to tell a replaying server from progress.
const MAX_REMEMBERED_IDS = 1_024;

/** Why a connection ended without the stream ending: what the reconnect decision needs. */
interface Drop {
  readonly error: ExecutionError;
  readonly reason: SseReconnectingEventPayload['reason'];
  readonly status: number | null;
  readonly retryAfterMs: number | undefined;
}

const drop = (
  error: ExecutionError,
  reason: Drop['reason'],
  status: number | null = null,
  retryAfterMs?: number,
) => ({
  error,
  reason,
  status,
  retryAfterMs,
});

/** Runs one stream: connections, reconnects with Last-Event-ID, and delivery with backpressure. */
export function runStream(plan: SseStreamPlan, ctx: LaneContext<SseLaneEvents>): Promise<Result> {
  return runRedacted(plan.redaction.redactor, ctx, (scoped) => new StreamRun(plan, scoped).run());
}

class StreamRun {
  #plan: SseStreamPlan;
  #ctx: LaneContext<SseLaneEvents>;
  #delivery: Delivery;
  #reconnects = 0;
  // Reconnects in a row without progress; a message with a new event id resets it.
  #failures = 0;
  // Ids that ended earlier connections (bounded): returning to one of them is no progress.
  #endIds = new Set<string | undefined>();
  #status: number | null = null;

  constructor(plan: SseStreamPlan, ctx: LaneContext<SseLaneEvents>) {
    this.#plan = plan;
    this.#ctx = ctx;
    this.#delivery = new Delivery(plan, ctx.emit);
  }

  async run(): Promise<Result> {
    for (let attempt = 1; ; attempt++) {
      const before = this.#delivery.messages;
      const ended = await this.#connection(attempt);
      if (typeof ended === 'string') return this.#result(ended);
      if (this.#delivery.messages > before) this.#progress(this.#delivery.lastEventId);
      const delay = this.#reconnectDelay(ended);
      const errno = ended.error.details.errno;
      const reconnecting = this.#ctx.emit('sse.reconnecting', {
        attempt: attempt + 1,
        delay_ms: delay,
        last_event_id: this.#delivery.lastEventId || null,
        reason: ended.reason,
        status: ended.status,
        errno: typeof errno === 'string' ? errno : null,
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
    const watchdog = new PhaseWatchdog<'open' | 'idle'>((phase, ms) =>
      controller.abort(sseTimeout(phase, ms)),
    );
    watchdog.enter('open', plan.openTimeoutMs);
    try {
      const lastEventId = this.#delivery.lastEventId;
      let connected: Connected;
      try {
        connected = await connect(plan, plan.fetch ?? globalThis.fetch, lastEventId, controller.signal);
      } catch (error) {
        return this.#drop(error, controller.signal, false);
      }
      this.#status = connected.kind === 'open' ? connected.response.status : connected.status;
      if (connected.kind === 'no_content') return 'no_content';
      const { response, url } = connected;
      const opened = this.#ctx.emit('sse.open', {
        attempt,
        status: response.status,
        headers: redactHeaders(headerRecordOf(response.headers), plan.redaction.credentials),
        url: redactUrl(url, plan.redaction),
        last_event_id: lastEventId || null,
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

  /** Reads the body only as fast as events are delivered; parse and delivery errors are final. */
  async #pump(response: Response, watchdog: PhaseWatchdog<'open' | 'idle'>, signal: AbortSignal) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const delivery = this.#delivery;
    const idleMs = this.#plan.idleTimeoutMs;
    delivery.reset();
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
          return drop(disconnected('SSE server ended the stream', {}), 'eof');
        }
        watchdog.touch();
        const wait = delivery.feed(chunk.value);
        if (wait) {
          // Waiting on a slow consumer is not the server being idle.
          watchdog.pause();
          await wait;
          if (idleMs !== null) watchdog.enter('idle', idleMs);
        }
        if (delivery.sentinelSeen) return 'sentinel';
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /** Classifies why a connection ended; final errors (4xx, wrong content type, cancel) throw. */
  #drop(error: unknown, signal: AbortSignal, open: boolean): Drop {
    if (this.#ctx.signal.aborted) throw this.#ctx.signal.reason;
    const cause = signal.aborted ? signal.reason : error;
    if (isExecutionError(cause) && cause.code === 'TIMEOUT')
      return drop(cause, open ? 'idle' : 'open_timeout');
    if (isExecutionError(cause) && cause.code === 'SSE_BAD_STATUS') {
      const status = cause.details.status as number;
      if (!isRetryableStatus(status)) throw cause;
      return drop(cause, 'status', status, (cause.details.retry_after_ms as number | null) ?? undefined);
    }
    if (isExecutionError(cause) && cause.code !== 'HTTP_TRANSPORT_FAILED') throw cause;
    const transport = classifyTransportError(cause, open ? 'body' : 'connect');
    // Malformed HTTP (a bad chunk, a broken status line) would be malformed again: final.
    if (transport.code === 'HTTP_PROTOCOL_ERROR') throw transport;
    if (!open) return drop(transport, 'transport');
    const details = { errno: transport.details.errno ?? null };
    return drop(disconnected(`SSE connection dropped: ${transport.message}`, details), 'disconnect');
  }

  /** A connection delivered messages: progress only when they led to an id not ended on before. */
  #progress(id: string | undefined): void {
    if (this.#endIds.has(id)) return;
    this.#failures = 0;
    if (this.#endIds.size >= MAX_REMEMBERED_IDS) this.#endIds.delete(this.#endIds.values().next().value);
    this.#endIds.add(id);
  }

  /** The delay before reconnecting, or throws the drop's error when the stream must not resume. */
  #reconnectDelay(dropped: Drop): number {
    const policy = this.#plan.reconnect;
    const { sinceId } = this.#delivery;
    if (sinceId > 0) {
      throw disconnected(
        `SSE connection dropped after ${sinceId} message(s) without an id: resuming would repeat them`,
        { messages_since_id: sinceId, cause: dropped.error.message },
      );
    }
    if (this.#failures >= policy.maxAttempts) {
      throw this.#failures === 0 ? dropped.error : withAttempts(dropped.error, this.#failures);
    }
    this.#failures++;
    let delay: number;
    if (dropped.retryAfterMs !== undefined) {
      if (dropped.retryAfterMs > policy.maxDelayMs) throw dropped.error;
      delay = dropped.retryAfterMs;
    } else delay = reconnectDelay(this.#failures, policy, this.#delivery.serverRetryMs);
    // The floor no server can lower (`retry: 0`, `Retry-After: 0`): at most ~10 reconnects a second.
    delay = Math.max(delay, policy.minDelayMs);
    const { deadline } = this.#ctx;
    if (deadline !== null && Date.now() + delay >= deadline) throw dropped.error;
    return delay;
  }

  #result(endReason: SseEndReason): Result {
    const { messages, lastEventId } = this.#delivery;
    return {
      output: {
        messages,
        last_event_id: lastEventId || null,
        reconnects: this.#reconnects,
        end_reason: endReason,
        status: this.#status,
      },
      metrics: { messages, reconnects: this.#reconnects },
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
