import { describeValue } from '../internal/describe-value.js';
import { smallestTimeout } from '../internal/timeouts.js';
import { invalidOptions } from './errors.js';
import {
  DEFAULT_ABORT_GRACE_MS,
  DEFAULT_EVENT_QUEUE_CAPACITY,
  DEFAULT_EVENT_QUEUE_MAX_BYTES,
  MAX_TIMER_MS,
} from './limits.js';
import { nearestKey } from './suggest-key.js';

/**
 * Options every execution accepts, whatever its lane. Every entry point takes them in its one
 * options object, beside the lane's own options: `request(url, { headers, timeoutMs, signal })`.
 */
export interface ExecutionOptions {
  /**
   * Milliseconds before the execution ends as `timed_out`. `null` turns the timeout off (long-lived
   * sessions). The effective timeout is the smallest of this, the deadline and the lane's own.
   * @defaultValue the lane's default: {@link DEFAULT_TIMEOUT_MS} (30 s) for one-shot lanes, none for sessions
   */
  readonly timeoutMs?: number | null | undefined;
  /**
   * Absolute deadline: epoch milliseconds, a `Date`, or an ISO-8601 string with an offset.
   * @defaultValue none
   */
  readonly deadline?: number | Date | string | undefined;
  /**
   * Aborting this signal cancels the execution (status `cancelled`).
   * @defaultValue none
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Events held for the handle while nobody iterates (the newest are kept), and the read-ahead
   * while a consumer iterates.
   * @defaultValue {@link DEFAULT_EVENT_QUEUE_CAPACITY} (1024); 256 for processes
   */
  readonly eventQueueCapacity?: number | undefined;
  /**
   * Bytes of event payload held for the handle, as the lane counts them (a process counts the
   * output its events carry; lanes that count nothing are bounded by `eventQueueCapacity` only).
   * Past it the oldest events are dropped (counted in `events_dropped`); the newest is always
   * kept. A consumer that iterates gets backpressure at this size.
   * @defaultValue {@link DEFAULT_EVENT_QUEUE_MAX_BYTES} (8 MiB)
   */
  readonly eventQueueMaxBytes?: number | undefined;
  /**
   * Milliseconds after cancel or timeout before the outcome settles without the lane.
   * @defaultValue {@link DEFAULT_ABORT_GRACE_MS} (5000); processes add their kill ladder
   */
  readonly abortGraceMs?: number | undefined;
  /**
   * Execution ref to use instead of a generated `exec-…` one (the node passes its admitted ref).
   * @defaultValue a generated, unguessable ref
   */
  readonly ref?: string | undefined;
}

/** {@link ExecutionOptions} after validation, with defaults applied. */
export interface ResolvedExecutionOptions {
  readonly timeoutMs: number | null | undefined;
  readonly deadlineMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly eventQueueCapacity: number;
  readonly eventQueueMaxBytes: number;
  readonly abortGraceMs: number;
  readonly ref: string | undefined;
}

/** The keys of {@link ExecutionOptions}, in every entry point's options object. */
export const EXECUTION_OPTION_KEYS: readonly string[] = [
  'timeoutMs',
  'deadline',
  'signal',
  'eventQueueCapacity',
  'eventQueueMaxBytes',
  'abortGraceMs',
  'ref',
];
const KNOWN: ReadonlySet<string> = /* @__PURE__ */ new Set(EXECUTION_OPTION_KEYS);

/**
 * Separates the execution keys (`signal`, `timeoutMs` …) from an entry point's options object,
 * so one argument carries both. A value that is not a plain object is returned as `rest`
 * untouched, for the lane's own validation to reject by name.
 */
export function splitExecutionOptions(options: unknown): { rest: unknown; execution: ExecutionOptions } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return { rest: options, execution: {} };
  }
  let rest: Record<string, unknown> | undefined;
  const execution: Record<string, unknown> = {};
  for (const key of EXECUTION_OPTION_KEYS) {
    if (key in options) {
      rest ??= { ...options };
      execution[key] = rest[key];
      delete rest[key];
    }
  }
  return { rest: rest ?? options, execution };
}

/**
 * The caller's options over the lane's defaults for this plan: the caller wins, except that the
 * smaller timeout applies and both signals cancel.
 */
export function withLaneDefaults(
  caller: ExecutionOptions,
  lane: ExecutionOptions | undefined,
): ExecutionOptions {
  if (!lane) return caller;
  const signal =
    caller.signal && lane.signal
      ? AbortSignal.any([caller.signal, lane.signal])
      : (caller.signal ?? lane.signal);
  return {
    ...lane,
    ...caller,
    timeoutMs: smallestTimeout(caller.timeoutMs, lane.timeoutMs),
    signal,
  };
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
    if (!KNOWN.has(key)) {
      const near = nearestKey(key, EXECUTION_OPTION_KEYS);
      throw invalidOptions(key, 'a known option', 'an unknown option key', entry, near);
    }
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
    eventQueueMaxBytes:
      o.eventQueueMaxBytes === undefined
        ? DEFAULT_EVENT_QUEUE_MAX_BYTES
        : positiveInt('eventQueueMaxBytes', o.eventQueueMaxBytes, entry, Number.MAX_SAFE_INTEGER),
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
