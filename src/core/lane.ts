import type { EventPayloadMap } from './event.js';
import type { ExecutionOptions } from './execution-options.js';
import type { FailureInput } from './failure.js';

/** What a lane can do, in the boundary `Lane.Capabilities` shape the node describes. */
export interface LaneCapabilities {
  readonly lane_id: string;
  readonly protocols: readonly string[];
  readonly surfaces: readonly string[];
  readonly supports_execute: boolean;
  readonly supports_stream: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Everything a running lane gets from core. */
export interface LaneContext<E extends EventPayloadMap = Record<string, unknown>> {
  /** The execution ref. */
  readonly ref: string;
  /**
   * Aborted on cancel, timeout or the caller's signal; `signal.reason` is an ExecutionError. Made
   * on first read: a lane that only needs a callback takes {@link LaneContext.onAbort}, which costs
   * no AbortController and no event listener.
   */
  readonly signal: AbortSignal;
  /**
   * Calls `listener` once with the abort reason (an ExecutionError) on cancel, timeout or the
   * caller's signal — at once when the execution is already aborted. Returns the unsubscribe.
   */
  onAbort(listener: (reason: unknown) => void): () => void;
  /** Epoch ms at which the execution times out, or `null` when it has no timeout. */
  readonly deadline: number | null;
  /**
   * Emits a lane event. When a consumer is iterating and the queue is full this returns a promise
   * that resolves once there is room: await it before reading more input (backpressure). Returns
   * nothing when there is room, so the fast path allocates no promise. `bytes` is the payload's
   * size as the lane counts it (the bytes of output it carries); the queue holds at most
   * `eventQueueMaxBytes` of them.
   */
  emit<K extends keyof E & string>(type: K, payload: E[K], bytes?: number): undefined | Promise<void>;
}

/**
 * How a lane's run ended. A `failure` makes the status `failed` (or `timed_out` / `cancelled` for
 * those classes); `status: 'failed'` without a failure records a failed fact with no failure class
 * (the reference's non-zero exit). `output` is kept either way.
 */
export interface LaneResult<O> {
  readonly output?: O | undefined;
  readonly status?: 'succeeded' | 'failed' | undefined;
  readonly failure?: FailureInput | null | undefined;
  /** Lane counters merged into the outcome's metrics (`bytes_read`, `attempts` …). */
  readonly metrics?: Readonly<Record<string, number>> | undefined;
}

/**
 * The one contract every lane implements: an id, its capabilities, `plan`, which turns caller
 * input into the plan the lane runs (validation and defaults in exactly one place), and `start`,
 * which performs one execution's I/O. Core owns state, events, timeouts, failure classification
 * and the outcome; a lane supplies I/O only. Every entry point (`run`, `request`, `connect` …, the
 * node's dispatch, the kernel) goes through `startExecution`, which calls `plan` once.
 *
 * @typeParam P - the plan (validated input with defaults applied)
 * @typeParam O - raw output
 * @typeParam E - lane event payloads by event type
 */
export interface Lane<P = unknown, O = unknown, E extends EventPayloadMap = Record<string, unknown>> {
  /** The lane id, also the outcome's `lane_id`. */
  readonly id: string;
  /** What the lane can do, as the node describes it. */
  readonly capabilities: LaneCapabilities;
  /**
   * Turns input into the plan: throws `INVALID_OPTIONS` naming the field, the value and the
   * nearest known key, before any I/O. `entry` names the caller in messages (`request()`).
   */
  plan(input: unknown, entry?: string): P;
  /**
   * Execution options a plan implies (an HTTP total timeout, a process's abort grace). The
   * caller's own options win, except timeouts, where the smaller one applies, and signals, which
   * both cancel. Read: `timeoutMs`, `signal`, `eventQueueCapacity`, `eventQueueMaxBytes`,
   * `abortGraceMs` (trusted, not validated again); `deadline` and `ref` are the caller's alone.
   */
  executionDefaults?(plan: P): ExecutionOptions;
  /**
   * Runs one execution. Resolve with the result, or throw an ExecutionError carrying a
   * `failureClass`. Stop promptly when `context.signal` aborts.
   */
  start(plan: P, context: LaneContext<E>): Promise<LaneResult<O>>;
  /**
   * Timeout used when the caller gives none; `null` for long-lived sessions.
   * @defaultValue {@link DEFAULT_TIMEOUT_MS}
   */
  readonly defaultTimeoutMs?: number | null | undefined;
}
