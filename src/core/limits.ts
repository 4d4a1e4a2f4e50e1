/**
 * Named default limits of the execution model. Every lane documents its own `DEFAULT_*` limits
 * beside its options; these are the ones core applies to every execution.
 */

/** Effective timeout when no positive timeout, budget or deadline is given (as the reference kernel). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Events held for a handle. With a consumer iterating, a full queue makes the lane's `emit`
 * wait (backpressure); with nobody iterating, the oldest events are dropped and counted.
 */
export const DEFAULT_EVENT_QUEUE_CAPACITY = 1_024;

/**
 * Bytes of event payload held for a handle, as lanes report them with each event; past it the
 * oldest events are dropped (nobody iterating) or the lane waits (a consumer iterating).
 */
export const DEFAULT_EVENT_QUEUE_MAX_BYTES = 8 * 1024 * 1024;

/** How long core waits for a lane to wind down after cancel or timeout before settling without it. */
export const DEFAULT_ABORT_GRACE_MS = 5_000;

/** Upper bound for any millisecond option (about 24.8 days, the largest Node timer delay). */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The execution model's defaults and limits in one object, for callers and lane authors.
 *
 * @example
 * startExecution(lane, input, { timeoutMs: coreDefaults.timeoutMs * 2 });
 */
export const coreDefaults = /* @__PURE__ */ Object.freeze({
  /** {@link DEFAULT_TIMEOUT_MS}: milliseconds before a one-shot execution times out. */
  timeoutMs: DEFAULT_TIMEOUT_MS,
  /** {@link DEFAULT_EVENT_QUEUE_CAPACITY}: events held per handle. */
  eventQueueCapacity: DEFAULT_EVENT_QUEUE_CAPACITY,
  /** {@link DEFAULT_EVENT_QUEUE_MAX_BYTES}: bytes of event payload held per handle. */
  eventQueueMaxBytes: DEFAULT_EVENT_QUEUE_MAX_BYTES,
  /** {@link DEFAULT_ABORT_GRACE_MS}: milliseconds a lane gets to wind down after cancel or timeout. */
  abortGraceMs: DEFAULT_ABORT_GRACE_MS,
  /** {@link MAX_TIMER_MS}: the largest timer, in milliseconds, any timeout option accepts. */
  maxTimerMs: MAX_TIMER_MS,
});
