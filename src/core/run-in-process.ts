import type { EventPayloadMap } from './event.js';
import type { ExecutionOptions, ResolvedExecutionOptions } from './execution-options.js';
import { resolveExecutionOptions } from './execution-options.js';
import { type AnyEvent, ExecutionRun } from './execution-run.js';
import type { Lane } from './lane.js';
import type { ExecutionOutcome } from './outcome.js';
import { withLaneDefaults } from './start-execution.js';

/** Where an in-process run's events and outcome go, as they happen. Neither may throw. */
export interface RunObserver<O> {
  /** Each event as the lane emits it, `execution.started` first (never `execution.completed`). */
  event(event: AnyEvent): void;
  /** Once: the final `execution.completed` event, and the outcome it carries. */
  end(completed: AnyEvent, outcome: ExecutionOutcome<O>): void;
}

/** A run started by {@link runInProcess}: its ref, and a cancel that waits for its end. */
export interface InProcessRun {
  readonly ref: string;
  /** Cancels (idempotent) as `Execution.cancel` does; resolves once the run has ended. */
  cancel(reason?: string): Promise<void>;
}

/**
 * Runs one execution of `lane` for a caller inside this process that only wants its events and
 * its outcome: the pipeline of `startExecution` (the same options, plan, events, timeout, abort
 * grace, failures and cancellation), but each event goes to `observer` as the lane emits it — no
 * handle, no event queue, no iterator promises, no `result` promise. The observer takes every
 * event at once, so a lane never waits on it and none is dropped. Not part of the public API (the
 * node's in-process target uses it); bad input throws `INVALID_OPTIONS` synchronously, as there.
 */
export function runInProcess<P, O, E extends EventPayloadMap>(
  lane: Lane<P, O, E>,
  input: unknown,
  options: ExecutionOptions | undefined,
  observer: RunObserver<O>,
): InProcessRun {
  const entry = `${lane.id} execution`;
  const checked = resolveExecutionOptions(options, entry);
  const plan = lane.plan(input);
  return new ObservedRun(lane, plan, withLaneDefaults(lane, plan, options ?? {}, checked, entry), observer);
}

class ObservedRun<P, O, E extends EventPayloadMap> extends ExecutionRun<P, O, E> implements InProcessRun {
  #observer: RunObserver<O>;
  // Made only when a cancel waits for the end.
  #ended: Promise<void> | undefined;
  #onEnded: (() => void) | undefined;

  constructor(lane: Lane<P, O, E>, payload: P, options: ResolvedExecutionOptions, observer: RunObserver<O>) {
    super(lane.id, options);
    this.#observer = observer;
    this.begin(lane, payload, options);
  }

  cancel(reason = 'cancelled by caller'): Promise<void> {
    this.cancelRun(reason);
    if (this.status !== 'running') return Promise.resolve();
    this.#ended ??= new Promise((resolve) => {
      this.#onEnded = resolve;
    });
    return this.#ended;
  }

  protected deliver(event: AnyEvent): undefined {
    this.#observer.event(event);
    return undefined;
  }

  protected end(last: AnyEvent, outcome: ExecutionOutcome<O>): void {
    this.#observer.end(last, outcome);
    this.#onEnded?.();
  }

  protected get dropped(): number {
    return 0;
  }

  protected release(): void {}
}
