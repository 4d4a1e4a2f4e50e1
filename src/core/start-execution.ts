import { describeValue } from '../internal/describe-value.js';
import { EventQueue } from '../internal/event-queue.js';
import { ExecutionError, invalidOptions } from './errors.js';
import type { EventPayloadMap, ExecutionEventOf } from './event.js';
import type { Execution } from './execution.js';
import {
  type ExecutionOptions,
  type ResolvedExecutionOptions,
  resolveExecutionOptions,
  splitExecutionOptions,
} from './execution-options.js';
import { type AnyEvent, ExecutionRun } from './execution-run.js';
import type { Lane } from './lane.js';
import type { ExecutionOutcome } from './outcome.js';
import { outputOf } from './outcome-error.js';

/**
 * Starts one execution of `lane` — the one entry pipeline every entry point goes through:
 * validates the execution options, turns `input` into the lane's plan (once), applies the plan's
 * execution defaults, then runs `lane.start` and returns the handle. Bad input throws
 * `INVALID_OPTIONS` synchronously, before any I/O.
 *
 * @example
 * const execution = startExecution(memoryLane, { events: [{ type: 'memory.note', payload: 'hi' }] });
 * const outcome = await execution.result;
 */
export function startExecution<P, O, E extends EventPayloadMap>(
  lane: Lane<P, O, E>,
  input: unknown,
  options?: ExecutionOptions,
): Execution<O, E> {
  const entry = `${lane.id} execution`;
  const checked = resolveExecutionOptions(options, entry);
  return launch(lane, lane.plan(input), options ?? {}, checked, entry);
}

/**
 * The entry-point form of the pipeline: `input` is one options object holding the lane's options
 * and the execution options together (`{ url, headers, timeoutMs, signal }`); the execution keys
 * are split off, the rest is planned by the lane. `entry` names the caller in messages. `taken`
 * sees each event as the consumer takes it, one by one or in batches, in the same step (a
 * WebSocket session frees the bytes it counted for a message there).
 */
export function enterLane<P, O, E extends EventPayloadMap>(
  lane: Lane<P, O, E>,
  input: unknown,
  entry: string,
  taken?: (event: ExecutionEventOf<O, E>) => void,
): Execution<O, E> {
  const { rest, execution } = splitExecutionOptions(input);
  const checked = resolveExecutionOptions(execution, entry);
  return launch(lane, lane.plan(rest, entry), execution, checked, entry, taken);
}

function launch<P, O, E extends EventPayloadMap>(
  lane: Lane<P, O, E>,
  plan: P,
  caller: ExecutionOptions,
  checked: ResolvedExecutionOptions,
  entry: string,
  taken?: (event: ExecutionEventOf<O, E>) => void,
): Execution<O, E> {
  const options = withLaneDefaults(lane, plan, caller, checked, entry);
  return new ExecutionHandle(lane, plan, options, taken as ((event: AnyEvent) => void) | undefined);
}

/** The execution options of one run: the caller's, merged with the plan's execution defaults. */
export function withLaneDefaults<P, O, E extends EventPayloadMap>(
  lane: Lane<P, O, E>,
  plan: P,
  caller: ExecutionOptions,
  checked: ResolvedExecutionOptions,
  entry: string,
): ResolvedExecutionOptions {
  const defaults = lane.executionDefaults?.(plan);
  return defaults ? resolveExecutionOptions(caller, entry, defaults) : checked;
}

/** The public handle: a run whose events wait in a bounded queue for one iterator. */
class ExecutionHandle<P, O, E extends EventPayloadMap>
  extends ExecutionRun<P, O, E>
  implements Execution<O, E>
{
  readonly result: Promise<ExecutionOutcome<O>>;
  #queue: EventQueue<AnyEvent>;
  #iterating = false;
  #resolve!: (outcome: ExecutionOutcome<O>) => void;

  constructor(
    lane: Lane<P, O, E>,
    payload: P,
    options: ResolvedExecutionOptions,
    taken?: (event: AnyEvent) => void,
  ) {
    super(lane.id, options);
    this.#queue = new EventQueue(options.eventQueueCapacity, () => this.#leave(), options.eventQueueMaxBytes);
    this.#queue.taken = taken;
    this.result = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    this.begin(lane, payload, options);
  }

  protected deliver(event: AnyEvent, wait: boolean, bytes: number | undefined): undefined | Promise<void> {
    return this.#queue.push(event, wait, bytes);
  }

  protected end(last: AnyEvent, outcome: ExecutionOutcome<O>): void {
    this.#queue.close(last);
    this.#resolve(outcome);
  }

  protected get dropped(): number {
    return this.#queue.dropped;
  }

  protected release(): void {
    this.#queue.release();
  }

  output(): Promise<O> {
    return this.result.then(outputOf) as Promise<O>;
  }

  cancel(reason = 'cancelled by caller'): Promise<ExecutionOutcome<O>> {
    this.cancelRun(reason);
    return this.result;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.cancel('execution disposed');
  }

  [Symbol.asyncIterator](): AsyncIterator<ExecutionEventOf<O, E>> {
    return this.#iterate(() => this.#queue.next() as Promise<IteratorResult<ExecutionEventOf<O, E>>>);
  }

  batches(options: { max?: number } = {}): AsyncIterable<ExecutionEventOf<O, E>[]> {
    const max = options.max ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(max) || max < 1)
      throw invalidOptions('max', 'a positive integer', describeValue(max), 'batches()');
    return {
      [Symbol.asyncIterator]: () =>
        this.#iterate(() => this.#queue.nextBatch(max) as Promise<IteratorResult<ExecutionEventOf<O, E>[]>>),
    };
  }

  // One consumer at a time, whether it reads events one by one or in batches.
  #iterate<T>(next: () => Promise<IteratorResult<T>>): AsyncIterableIterator<T> {
    if (this.#iterating) {
      throw new ExecutionError('ALREADY_ITERATING', `execution ${this.ref} is already being iterated`);
    }
    this.#iterating = true;
    this.#queue.attach();
    const iterator: AsyncIterableIterator<T> = {
      next,
      return: async () => {
        this.#leave();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  // The consumer stopped (break, return or drained): back to bounded retention, producers released.
  #leave(): void {
    if (!this.#iterating) return;
    this.#iterating = false;
    this.#queue.detach();
  }
}
