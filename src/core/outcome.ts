import type { Failure } from './failure.js';

/** Every terminal status of an execution. */
export const OUTCOME_STATUSES = ['succeeded', 'failed', 'cancelled', 'timed_out', 'rejected'] as const;

/**
 * How an execution ended. `failed` covers facts such as a non-zero exit; `rejected` is used when
 * admission (the node) refuses a request before any I/O.
 */
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** Timing and volume of one execution; lanes add their own counters (bytes, attempts …). */
export interface ExecutionMetrics {
  /** ISO-8601 time the execution started. */
  readonly started_at: string;
  /** ISO-8601 time the outcome settled. */
  readonly finished_at: string;
  /** Milliseconds between start and settlement (monotonic clock). */
  readonly duration_ms: number;
  /** Events emitted, `execution.started` and `execution.completed` included. */
  readonly events_emitted: number;
  /** Events dropped because nobody iterated and the queue was full. */
  readonly events_dropped: number;
  /** Lane-specific counters. */
  readonly [metric: string]: unknown;
}

interface OutcomeFields<O> {
  readonly contract_version: 1;
  /** The execution's ref. */
  readonly execution_ref: string;
  /** The lane that ran it. */
  readonly lane_id: string;
  /** Timing and volume. */
  readonly metrics: ExecutionMetrics;
  /** The lane's raw, typed output; kept on failure too when the lane had one. */
  readonly output: O | null;
}

/** An execution that did what it was asked: no failure. */
export interface SucceededOutcome<O = unknown> extends OutcomeFields<O> {
  readonly status: 'succeeded';
  readonly failure: null;
}

/**
 * An execution that ended otherwise. `failed` may carry no failure: a fact such as a non-zero exit
 * (the reference's failed fact without a class); `cancelled`, `timed_out` and `rejected` always do.
 */
export type UnsucceededOutcome<O = unknown> =
  | (OutcomeFields<O> & { readonly status: 'failed'; readonly failure: Failure | null })
  | (OutcomeFields<O> & {
      readonly status: 'cancelled' | 'timed_out' | 'rejected';
      readonly failure: Failure;
    });

/**
 * The terminal fact of an execution. It never rejects out of `execution.result`: a failure is
 * data. Narrow on `status`: `succeeded` has `failure: null`; `cancelled`, `timed_out` and
 * `rejected` always have a failure; `failed` has one unless it records a fact (a non-zero exit).
 *
 * @example
 * const outcome = await execution.result;
 * if (outcome.status === 'timed_out') console.log(outcome.failure.code); // 'TIMEOUT'
 */
export type ExecutionOutcome<O = unknown> = SucceededOutcome<O> | UnsucceededOutcome<O>;
