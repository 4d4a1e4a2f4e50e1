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
 * Validates execution options synchronously, before any I/O, and lays them over `lane`, the
 * lane's defaults for this plan (trusted, not checked): the caller wins, except that the smaller
 * timeout applies and both signals cancel. Kept free of zod so a consumer that only uses the
 * execution model does not bundle a schema library.
 */
export function resolveExecutionOptions(
  options: unknown,
  entry: string,
  lane: ExecutionOptions = NO_OPTIONS,
): ResolvedExecutionOptions {
  if (options === undefined) options = NO_OPTIONS;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOptions('options', 'an object', describeValue(options), entry);
  }
  const o = options as Record<string, unknown>;
  // `for…in` with an own-key check, and module-level checkers below: no key array and no
  // closures per call (this runs for every execution of every lane).
  for (const key in o) {
    if (Object.hasOwn(o, key) && !EXECUTION_OPTION_KEYS.includes(key)) {
      throw invalidOptions(
        key,
        'a known option',
        'an unknown option key',
        entry,
        nearestKey(key, EXECUTION_OPTION_KEYS),
      );
    }
  }
  const { signal, ref, deadline } = o;
  if (signal !== undefined && !(signal instanceof AbortSignal)) refuse(o, 'signal', 'an AbortSignal', entry);
  if (ref !== undefined && (typeof ref !== 'string' || ref === '')) {
    refuse(o, 'ref', 'a non-empty string', entry);
  }
  let deadlineMs: number | undefined;
  if (deadline !== undefined) {
    // Offsets are required so a deadline means the same instant on every machine.
    deadlineMs =
      deadline instanceof Date
        ? deadline.getTime()
        : typeof deadline === 'number'
          ? deadline
          : typeof deadline === 'string' && ISO_WITH_OFFSET.test(deadline)
            ? Date.parse(deadline)
            : Number.NaN;
    if (!Number.isFinite(deadlineMs))
      refuse(o, 'deadline', 'epoch milliseconds, a Date or ISO-8601 with offset', entry);
  }
  const own = signal as AbortSignal | undefined;
  return {
    timeoutMs: smallestTimeout(
      o.timeoutMs === null ? null : int(o, 'timeoutMs', MAX_TIMER_MS, undefined, entry),
      lane.timeoutMs,
    ),
    deadlineMs,
    signal: own && lane.signal ? AbortSignal.any([own, lane.signal]) : (own ?? lane.signal),
    eventQueueCapacity: int(
      o,
      'eventQueueCapacity',
      1_000_000,
      lane.eventQueueCapacity ?? DEFAULT_EVENT_QUEUE_CAPACITY,
      entry,
    ) as number,
    eventQueueMaxBytes: int(
      o,
      'eventQueueMaxBytes',
      Number.MAX_SAFE_INTEGER,
      lane.eventQueueMaxBytes ?? DEFAULT_EVENT_QUEUE_MAX_BYTES,
      entry,
    ) as number,
    abortGraceMs: int(
      o,
      'abortGraceMs',
      MAX_TIMER_MS,
      lane.abortGraceMs ?? DEFAULT_ABORT_GRACE_MS,
      entry,
    ) as number,
    ref: ref as string | undefined,
  };
}

const NO_OPTIONS: ExecutionOptions = Object.freeze({});

function refuse(o: Record<string, unknown>, key: string, expected: string, entry: string): never {
  throw invalidOptions(key, expected, describeValue(o[key]), entry);
}

// A positive integer up to `max` under `key`, or `fallback` when absent.
function int(
  o: Record<string, unknown>,
  key: string,
  max: number,
  fallback: number | undefined,
  entry: string,
): number | undefined {
  const value = o[key];
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) <= 0 || (value as number) > max) {
    refuse(o, key, `a positive integer up to ${max}`, entry);
  }
  return value as number;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
