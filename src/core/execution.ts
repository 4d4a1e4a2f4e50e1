import type { EventPayloadMap, ExecutionEventOf } from './event.js';
import type { ExecutionOutcome, OutcomeStatus } from './outcome.js';

/**
 * The handle every lane call returns.
 *
 * - Iterate it (`for await`) for events; iterating slowly slows the lane down (backpressure).
 *   Iteration ends after `execution.completed` and never throws for execution failures.
 *   One iterator at a time.
 * - A handle nobody iterates never blocks its lane: it keeps the newest
 *   `eventQueueCapacity` events and counts the rest in `metrics.events_dropped`.
 * - `result` resolves with the outcome and never rejects; `output()` gives the typed output or
 *   rejects with an ExecutionError.
 *
 * Not a thenable: `await execution` does not wait; await `execution.result`.
 *
 * @example
 * await using execution = run('git', ['status']);
 * for await (const event of execution) console.log(event.event_type);
 * const { status } = await execution.result;
 */
export interface Execution<O = unknown, E extends EventPayloadMap = Record<string, unknown>>
  extends AsyncIterable<ExecutionEventOf<O, E>>,
    AsyncDisposable {
  /** Execution ref (`exec-…`). */
  readonly ref: string;
  /** The lane that runs it. */
  readonly laneId: string;
  /** `running` until the outcome settles, then its status. */
  readonly status: 'running' | OutcomeStatus;
  /** The outcome; never rejects. */
  readonly result: Promise<ExecutionOutcome<O>>;
  /** The lane's output when the status is `succeeded`; otherwise rejects with an ExecutionError. */
  output(): Promise<O>;
  /** Cancels (idempotent); resolves with the outcome, `cancelled` unless it had already ended. */
  cancel(reason?: string): Promise<ExecutionOutcome<O>>;
}
