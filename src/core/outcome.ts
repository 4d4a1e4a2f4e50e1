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

/**
 * The terminal fact of an execution. It never rejects out of `execution.result`: a failure is
 * data. `output` is the lane's raw, typed output (present on failure too when the lane had one,
 * e.g. the exit code and stderr of a failed process).
 */
export interface ExecutionOutcome<O = unknown> {
  readonly contract_version: 1;
  readonly execution_ref: string;
  readonly lane_id: string;
  readonly status: OutcomeStatus;
  readonly failure: Failure | null;
  readonly metrics: ExecutionMetrics;
  readonly output: O | null;
}
