import { onAbort } from '../internal/abort-fanout.js';
import { formatIso, isoNow } from '../internal/clock.js';
import { stableId } from '../internal/ids.js';
import { smallestTimeout } from '../internal/timeouts.js';
import { ExecutionError, isExecutionError } from './errors.js';
import type { EventPayloadMap, ExecutionEvent } from './event.js';
import type { ResolvedExecutionOptions } from './execution-options.js';
import { createFailure, type Failure } from './failure.js';
import type { Lane, LaneContext, LaneResult } from './lane.js';
import { DEFAULT_TIMEOUT_MS } from './limits.js';
import type { ExecutionOutcome, OutcomeStatus } from './outcome.js';
import { statusOfFailure } from './outcome-error.js';

/** Any event of any lane, as a run hands them on. */
export type AnyEvent = ExecutionEvent<string, unknown>;

/**
 * What a lane's `start` gets. A class, so `signal` is a getter on the prototype: an accessor in an
 * object literal gives every context its own hidden class (peak RSS of an HTTP bench went from
 * ~170 to ~300 MiB with one).
 */
class Context<E extends EventPayloadMap> implements LaneContext<E> {
  readonly ref: string;
  readonly deadline: number | null;
  readonly emit: LaneContext<E>['emit'];
  readonly onAbort: LaneContext<E>['onAbort'];
  readonly #signal: () => AbortSignal;

  constructor(
    ref: string,
    deadline: number | null,
    emit: LaneContext<E>['emit'],
    onAbort: LaneContext<E>['onAbort'],
    signal: () => AbortSignal,
  ) {
    this.ref = ref;
    this.deadline = deadline;
    this.emit = emit;
    this.onAbort = onAbort;
    this.#signal = signal;
  }

  get signal(): AbortSignal {
    return this.#signal();
  }
}

/**
 * One execution of a lane — state, events, timeout, abort grace, failure taxonomy and outcome —
 * without saying where its events go. The public handle (`start-execution.ts`) queues them for an
 * iterator with backpressure; the in-process run (`run-in-process.ts`) hands them to callbacks.
 * A subclass sets up what `deliver` and `end` need, then calls {@link begin}.
 */
export abstract class ExecutionRun<P, O, E extends EventPayloadMap> {
  readonly ref: string;
  readonly laneId: string;
  #status: 'running' | OutcomeStatus = 'running';
  // Made when a lane first reads `signal` (an AbortController and its signal cost more than a
  // request's whole bookkeeping); `onAbort` listeners need none.
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  #abortListeners: Set<(reason: unknown) => void> | undefined;
  #idPrefix: string;
  #seq = 0;
  #startedAt = isoNow();
  #startedMono = performance.now();
  #abortGraceMs: number;
  // The timeout while running; once aborted, the abort grace.
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(laneId: string, options: ResolvedExecutionOptions) {
    this.ref = options.ref ?? stableId('exec');
    this.#idPrefix = `${this.ref}:`;
    this.laneId = laneId;
    this.#abortGraceMs = options.abortGraceMs;
  }

  /** Hands one event on; a promise asks the lane to wait (`wait` false: never ask). */
  protected abstract deliver(
    event: AnyEvent,
    wait: boolean,
    bytes: number | undefined,
  ): undefined | Promise<void>;
  /** The run is over: the final `execution.completed` event, and the outcome it carries. */
  protected abstract end(last: AnyEvent, outcome: ExecutionOutcome<O>): void;
  /** Events dropped on the way, for the outcome's metrics. */
  protected abstract get dropped(): number;
  /** Aborted: a lane waiting in `deliver` must not wait any longer. */
  protected abstract release(): void;

  get status(): 'running' | OutcomeStatus {
    return this.#status;
  }

  /** Emits `execution.started`, arms the timeout and the caller's signal, and starts the lane. */
  protected begin(lane: Lane<P, O, E>, payload: P, options: ResolvedExecutionOptions): void {
    const now = Date.now();
    const remaining = options.deadlineMs === undefined ? undefined : options.deadlineMs - now;
    const given = smallestTimeout(options.timeoutMs, remaining);
    const timeoutMs =
      given !== undefined
        ? given
        : lane.defaultTimeoutMs === undefined
          ? DEFAULT_TIMEOUT_MS
          : lane.defaultTimeoutMs;
    this.#push('execution.started', {
      lane_id: lane.id,
      timeout_ms: timeoutMs,
      deadline_at: timeoutMs === null ? null : formatIso(now + timeoutMs),
    });

    // Nothing to wind down yet: end at once and never start the lane.
    if (options.signal?.aborted || (remaining !== undefined && remaining <= 0)) {
      this.#aborted = true;
      this.#reason = options.signal?.aborted
        ? cancelledError(options.signal.reason)
        : timeoutError(0, 'deadline already passed');
      this.#finish(undefined, undefined);
      return;
    }
    if (timeoutMs !== null) {
      this.#timer = setTimeout(() => this.abort(timeoutError(timeoutMs)), timeoutMs);
    }
    if (options.signal)
      this.#unsubscribe = onAbort(options.signal, (reason) => this.abort(cancelledError(reason)));

    const context = new Context<E>(
      this.ref,
      timeoutMs === null ? null : now + timeoutMs,
      (type, eventPayload, bytes) => this.#push(type, eventPayload, bytes),
      (listener) => this.#onAbort(listener),
      () => this.#signal(),
    );
    // A microtask, so the caller holds the run (and can iterate it) before the lane does anything;
    // a cancel in between means the lane never starts.
    queueMicrotask(() => this.#run(lane, payload, context));
  }

  // One promise per execution for the lane's result (a `Promise.resolve().then().then()` chain
  // made three, and adopting the lane's promise cost two more microtask steps).
  #run(lane: Lane<P, O, E>, payload: P, context: Context<E>): void {
    if (this.#aborted) {
      this.#finish(undefined, undefined);
      return;
    }
    let started: Promise<LaneResult<O>>;
    try {
      started = Promise.resolve(lane.start(payload, context));
    } catch (error) {
      this.#finish(undefined, error);
      return;
    }
    started.then(
      (result) => this.#finish(result, undefined),
      (error: unknown) => this.#finish(undefined, error),
    );
  }

  #push(type: string, payload: unknown, bytes?: number): undefined | Promise<void> {
    if (this.#status !== 'running') return undefined;
    // Once aborted the lane is winding down: never make it wait on a slow consumer.
    return this.deliver(this.#event(type, payload, isoNow()), !this.#aborted, bytes);
  }

  #event(type: string, payload: unknown, emittedAt: string): AnyEvent {
    const seq = this.#seq++;
    return {
      contract_version: 1,
      event_id: this.#idPrefix + seq,
      execution_ref: this.ref,
      seq,
      event_type: type,
      payload,
      emitted_at: emittedAt,
    };
  }

  #signal(): AbortSignal {
    if (!this.#controller) {
      const controller = new AbortController();
      this.#controller = controller;
      // One more abort listener (run at once when already aborted).
      this.#onAbort((reason) => controller.abort(reason));
    }
    return this.#controller.signal;
  }

  #onAbort(listener: (reason: unknown) => void): () => void {
    if (this.#aborted) {
      listener(this.#reason);
      return () => {};
    }
    this.#abortListeners ??= new Set();
    this.#abortListeners.add(listener);
    return () => this.#abortListeners?.delete(listener);
  }

  /** Cancels as a caller does: a `CANCELLED` error of class `cancellation` saying `reason`. */
  protected cancelRun(reason: string): void {
    this.abort(new ExecutionError('CANCELLED', reason, { failureClass: 'cancellation' }));
  }

  protected abort(error: ExecutionError): void {
    if (this.#status !== 'running' || this.#aborted) return;
    this.#aborted = true;
    this.#reason = error;
    const listeners = this.#abortListeners;
    this.#abortListeners = undefined;
    // As an AbortSignal does: every listener runs; one that throws is reported, not swallowed.
    if (listeners)
      for (const listener of listeners) {
        try {
          listener(error);
        } catch (thrown) {
          queueMicrotask(() => {
            throw thrown;
          });
        }
      }
    this.release();
    // Bounded wait for the lane; an unresponsive lane cannot hold the outcome hostage.
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () =>
        this.#finish(undefined, undefined, { lane_unresponsive: true, abort_grace_ms: this.#abortGraceMs }),
      this.#abortGraceMs,
    );
  }

  #finish(result: LaneResult<O> | undefined, thrown: unknown, extraDetails?: Record<string, unknown>): void {
    if (this.#status !== 'running') return;
    // Nothing can abort a settled execution: its listeners (and what they hold) are let go.
    this.#abortListeners = undefined;
    // Only an aborted execution gets extra details (from the grace timer).
    const failure =
      this.#aborted || thrown !== undefined
        ? failureFromError(this.#aborted ? this.#reason : thrown, extraDetails)
        : result?.failure
          ? createFailure(result.failure)
          : null;
    const status: OutcomeStatus = failure
      ? statusOfFailure(failure)
      : result?.status === 'failed'
        ? 'failed'
        : 'succeeded';

    // The status comes from the failure when there is one, so the pair always fits the union.
    const outcome = {
      contract_version: 1,
      execution_ref: this.ref,
      lane_id: this.laneId,
      status,
      failure,
      metrics: {
        ...result?.metrics,
        started_at: this.#startedAt,
        finished_at: isoNow(),
        duration_ms: Math.round((performance.now() - this.#startedMono) * 1000) / 1000,
        events_emitted: this.#seq + 1,
        events_dropped: this.dropped,
      },
      output: result?.output ?? null,
    } as ExecutionOutcome<O>;
    this.#status = status;
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
    this.end(this.#event('execution.completed', { outcome }, outcome.metrics.finished_at), outcome);
  }
}

function timeoutError(ms: number, why?: string): ExecutionError {
  return new ExecutionError('TIMEOUT', why ? `timed out: ${why}` : `timed out after ${ms} ms`, {
    failureClass: 'timeout',
    details: { timeout_ms: ms },
  });
}

function cancelledError(reason: unknown): ExecutionError {
  if (isExecutionError(reason) && reason.failureClass === 'cancellation') return reason;
  const why =
    reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'signal aborted';
  return new ExecutionError('CANCELLED', `cancelled: ${why}`, {
    failureClass: 'cancellation',
    cause: reason,
  });
}

// Lanes fail by throwing an ExecutionError with a failure class; anything else is a transport fault.
function failureFromError(error: unknown, extraDetails?: Record<string, unknown>): Failure {
  const known = isExecutionError(error);
  return createFailure({
    failure_class: (known && error.failureClass) || 'transport_failed',
    code: known ? error.code : undefined,
    reason: error instanceof Error ? error.message : String(error),
    details: { ...(known && error.details), ...extraDetails },
  });
}
