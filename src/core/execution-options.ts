import { describeValue } from '../internal/describe-value.js';
import { invalidOptions } from './errors.js';
import { DEFAULT_ABORT_GRACE_MS, DEFAULT_EVENT_QUEUE_CAPACITY, MAX_TIMER_MS } from './limits.js';

/** Options every execution accepts, whatever its lane. */
export interface ExecutionOptions {
  /**
   * Milliseconds before the execution ends as `timed_out`. `null` turns the timeout off (long-lived
   * sessions). The effective timeout is the smallest of this, the deadline and the lane's default.
   * @defaultValue the lane's default, {@link DEFAULT_TIMEOUT_MS} unless the lane says otherwise
   */
  readonly timeoutMs?: number | null | undefined;
  /** Absolute deadline (epoch milliseconds, a Date or an ISO-8601 string with offset). */
  readonly deadline?: number | Date | string | undefined;
  /** Aborting this signal cancels the execution (status `cancelled`). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Events held for the handle; see {@link DEFAULT_EVENT_QUEUE_CAPACITY}.
   * @defaultValue 1024
   */
  readonly eventQueueCapacity?: number | undefined;
  /**
   * Grace after cancel or timeout before the outcome settles without the lane.
   * @defaultValue 5000
   */
  readonly abortGraceMs?: number | undefined;
  /** Execution ref to use instead of a generated `exec-…` one (the node passes its admitted ref). */
  readonly ref?: string | undefined;
}

/** {@link ExecutionOptions} after validation. */
export interface ResolvedExecutionOptions {
  readonly timeoutMs: number | null | undefined;
  readonly deadlineMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly eventQueueCapacity: number;
  readonly abortGraceMs: number;
  readonly ref: string | undefined;
}

const EXECUTION_KEYS = [
  'timeoutMs',
  'deadline',
  'signal',
  'eventQueueCapacity',
  'abortGraceMs',
  'ref',
] as const;
const KNOWN: ReadonlySet<string> = /* @__PURE__ */ new Set(EXECUTION_KEYS);

/**
 * Separates the {@link ExecutionOptions} keys (`signal`, `timeoutMs` …) from a lane entry point's
 * options bag, so one argument can carry both. A value that is not a plain object is returned as
 * `rest` untouched, for the lane's own validation to reject by name.
 *
 * @example
 * const { rest, execution } = splitExecutionOptions({ url, signal, timeoutMs: 5_000 });
 */
export function splitExecutionOptions(options: unknown): { rest: unknown; execution: ExecutionOptions } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return { rest: options, execution: {} };
  }
  const rest: Record<string, unknown> = { ...options };
  const execution: Record<string, unknown> = {};
  for (const key of EXECUTION_KEYS) {
    if (key in rest) {
      execution[key] = rest[key];
      delete rest[key];
    }
  }
  return { rest, execution };
}

/**
 * Validates execution options synchronously, before any I/O. Kept free of zod so a consumer that
 * only uses the execution model does not bundle a schema library.
 */
export function resolveExecutionOptions(options: unknown, entry: string): ResolvedExecutionOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOptions('options', 'an object', describeValue(options), entry);
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw invalidOptions(key, 'a known option', 'an unknown option key', entry);
  }
  const timeoutMs = o.timeoutMs;
  if (timeoutMs !== undefined && timeoutMs !== null) positiveInt('timeoutMs', timeoutMs, entry, MAX_TIMER_MS);
  const signal = o.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidOptions('signal', 'an AbortSignal', describeValue(signal), entry);
  }
  const ref = o.ref;
  if (ref !== undefined && (typeof ref !== 'string' || ref.length === 0)) {
    throw invalidOptions('ref', 'a non-empty string', describeValue(ref), entry);
  }
  return {
    timeoutMs: timeoutMs as number | null | undefined,
    deadlineMs: resolveDeadline(o.deadline, entry),
    signal,
    eventQueueCapacity:
      o.eventQueueCapacity === undefined
        ? DEFAULT_EVENT_QUEUE_CAPACITY
        : positiveInt('eventQueueCapacity', o.eventQueueCapacity, entry, 1_000_000),
    abortGraceMs:
      o.abortGraceMs === undefined
        ? DEFAULT_ABORT_GRACE_MS
        : positiveInt('abortGraceMs', o.abortGraceMs, entry, MAX_TIMER_MS),
    ref,
  };
}

function positiveInt(option: string, value: unknown, entry: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > max) {
    throw invalidOptions(option, `a positive integer up to ${max}`, describeValue(value), entry);
  }
  return value;
}

// Offsets are required so a deadline means the same instant on every machine.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function resolveDeadline(value: unknown, entry: string): number | undefined {
  if (value === undefined) return undefined;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && ISO_WITH_OFFSET.test(value)) ms = Date.parse(value);
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) {
    throw invalidOptions(
      'deadline',
      'epoch milliseconds, a Date or ISO-8601 with offset',
      describeValue(value),
      entry,
    );
  }
  return ms;
}

/**
 * The effective timeout: the smallest positive candidate, or `fallback` when none is positive.
 * Non-finite and non-positive candidates are ignored.
 *
 * @example
 * effectiveTimeoutMs([1500, 750, undefined], 30_000); // 750
 */
export function effectiveTimeoutMs(
  candidates: ReadonlyArray<number | null | undefined>,
  fallback: number | null,
): number | null {
  let best: number | null = null;
  for (const c of candidates) {
    if (typeof c === 'number' && Number.isFinite(c) && c > 0 && (best === null || c < best)) best = c;
  }
  return best ?? fallback;
}
