import type { AdmissionRejection } from '../core/contracts/boundary/admission-rejection.js';
import type {
  ExecutionStream,
  TargetCallOptions,
  TargetClient,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionRef } from '../core/contracts/boundary/execution-ref.js';
import type { ExecutionRequest } from '../core/contracts/boundary/execution-request.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import { isExecutionError } from '../core/errors.js';
import type { ExecutionEvent } from '../core/event.js';
import type { Execution } from '../core/execution.js';
import { MAX_TIMER_MS } from '../core/limits.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import { type InProcessRun, type RunObserver, runInProcess } from '../core/run-in-process.js';
import { startExecution } from '../core/start-execution.js';
import { ChurnTable } from '../internal/churn-table.js';
import { smallestTimeout } from '../internal/timeouts.js';
import { completedEvent, rejectedResult, resultOfOutcome } from './execution-results.js';
import { DEFAULT_MAX_RESULT_EVENTS } from './node-options.js';
import { type ReferenceShape, referenceResult, referenceShapeOf } from './reference-results.js';
import { rejection } from './rejections.js';
import { messageOf } from './verdicts.js';

/** An execution a {@link LocalTargetClient} started as a handle (a stream), and its result shape. */
interface Started {
  readonly ok: true;
  readonly execution: Execution;
  readonly shape: ReferenceShape | undefined;
}

/** A request the local target refuses before anything runs. */
export interface Refused {
  readonly ok: false;
  readonly rejection: AdmissionRejection;
}

/** Where {@link runLocal} hands the result: `done` with it, or `fail` when building it threw. */
export interface RunEnd {
  done(result: ExecutionResult): void;
  fail(error: unknown): void;
}

/**
 * The node's own way into a local target, without the {@link TargetClient} round: what `execute`
 * does, with the run held by the node — its cancel goes straight to the run (no AbortController
 * of its own, no signal listener), the caller's signal reaches it directly, and the result goes to
 * `end` as soon as the run ends (no promise of the target's own). Not part of the public API.
 */
export let runLocal: (
  client: LocalTargetClient,
  request: ExecutionRequest,
  options: TargetCallOptions,
  tracked: boolean,
  end: RunEnd,
) => InProcessRun | Refused;

/** True when {@link runLocal} refused the request. */
export const isRefused = (value: InProcessRun | Refused): value is Refused =>
  (value as Partial<Refused>).ok === false;

/** Options of {@link LocalTargetClient}. */
export interface LocalTargetClientOptions {
  /**
   * Events kept in an `execute` result (the first ones and `execution.completed`).
   * @defaultValue {@link DEFAULT_MAX_RESULT_EVENTS}
   */
  readonly maxResultEvents?: number | undefined;
}

/**
 * The in-process target: runs an execution request on the lane the node passes in
 * (`options.lane`) through core's entry pipeline, using the admitted execution ref, so events,
 * outcome, timeout and cancellation are the execution model's own. `execute` collects the events
 * as the lane emits them (core's in-process run: no handle, queue or iterator); `stream` hands out
 * the execution handle. A payload the lane refuses is a `rejected` result
 * (`invalid_lane_request`), never a throw.
 *
 * @example
 * node.connectTarget(mintLocalAttestation({ targetId: 'local-1', laneId: 'process' }), new LocalTargetClient());
 */
export class LocalTargetClient implements TargetClient {
  // Not a Map: an entry per execution comes and goes (see ChurnTable for why that matters).
  #running = new ChurnTable<string, { cancel(reason?: string): Promise<unknown> }>();
  #maxResultEvents: number;

  constructor(options: LocalTargetClientOptions = {}) {
    this.#maxResultEvents = options.maxResultEvents ?? DEFAULT_MAX_RESULT_EVENTS;
  }

  async describe(): Promise<Record<string, unknown>> {
    return { transport: 'in_process', running: this.#running.size };
  }

  execute(request: ExecutionRequest, options: TargetCallOptions = {}): Promise<ExecutionResult> {
    return new Promise((resolve, reject) => {
      const run = this.#run(request, options, true, { done: resolve, fail: reject });
      if (isRefused(run)) {
        resolve(rejectedResult(request.execution_ref ?? '', run.rejection, request.provenance));
      }
    });
  }

  // An `execute`: the run's events are collected as the lane emits them, and the result is built
  // the moment it ends (no handle, queue or iterator; see `runInProcess`).
  #run(
    request: ExecutionRequest,
    options: TargetCallOptions,
    tracked: boolean,
    end: RunEnd,
  ): InProcessRun | Refused {
    const lane = options.lane;
    if (!lane || lane.id !== request.lane_id) return laneRefused(request);
    const collector = new ResultCollector(request, this.#maxResultEvents, end);
    let run: InProcessRun;
    try {
      const shape = referenceShapeOf(request, lane);
      collector.shape = shape;
      run = runInProcess(lane, payloadOf(request, shape), runOptionsOf(request, options, shape), collector);
    } catch (error) {
      return invalidLaneRequest(request, lane.id, error);
    }
    // A run that ended already (an aborted signal) has nothing left to cancel.
    if (!tracked || collector.ended) return run;
    const ref = run.ref;
    const hash = ChurnTable.hash(ref);
    this.#running.set(ref, run, hash);
    collector.untrack = () => this.#running.deleteIf(ref, run, hash);
    return run;
  }

  static {
    runLocal = (client, request, options, tracked, end) => client.#run(request, options, tracked, end);
  }

  async stream(
    request: ExecutionRequest,
    options: TargetCallOptions = {},
  ): Promise<Verdict<'events', ExecutionStream>> {
    if (options.lane && options.lane.capabilities.supports_stream === false) {
      return { ok: false, rejection: rejection('stream_not_supported', requestIdOf(request)) };
    }
    const started = this.#start(request, options);
    if (!started.ok) return started;
    const execution = started.execution;
    return {
      ok: true,
      events: {
        executionRef: execution.ref,
        result: execution.result.then((outcome) =>
          started.shape
            ? referenceResult(started.shape, request, outcome, [completedEvent(outcome)])
            : resultOfOutcome(outcome, [completedEvent(outcome)], request.provenance),
        ),
        [Symbol.asyncIterator]: heldIterator(execution),
      },
    };
  }

  async cancel(ref: ExecutionRef): Promise<Verdict<'cancelled', boolean>> {
    const execution = this.#running.get(ref.ref ?? '');
    if (!execution) return { ok: true, cancelled: false };
    await execution.cancel('cancelled by the node');
    return { ok: true, cancelled: true };
  }

  // A stream's execution, kept in `#running` for this client's own `cancel` and `describe`.
  #start(request: ExecutionRequest, options: TargetCallOptions): Started | Refused {
    const lane = options.lane;
    if (!lane || lane.id !== request.lane_id) return laneRefused(request);
    let execution: Execution;
    let shape: ReferenceShape | undefined;
    try {
      shape = referenceShapeOf(request, lane);
      execution = startExecution(lane, payloadOf(request, shape), runOptionsOf(request, options, shape));
    } catch (error) {
      return invalidLaneRequest(request, lane.id, error);
    }
    const ref = execution.ref;
    const hash = ChurnTable.hash(ref);
    this.#running.set(ref, execution, hash);
    execution.result.then(() => this.#running.deleteIf(ref, execution, hash));
    return { ok: true, execution, shape };
  }
}

/**
 * Collects an `execute`'s events as its run emits them — the first `max - 1` and always the final
 * `execution.completed` (the `seq` gap shows what was left out) — and builds the result when the
 * run ends.
 */
class ResultCollector implements RunObserver<unknown> {
  readonly #request: ExecutionRequest;
  readonly #max: number;
  readonly #end: RunEnd;
  // The first event alone, then the list: a first push into `[]` reserves 17 slots, and most
  // executions end after one event (`execution.started`), so their list is made at the end with
  // exactly two.
  #first: ExecutionEvent | undefined;
  #events: ExecutionEvent[] | undefined;
  #count = 0;
  shape: ReferenceShape | undefined;
  untrack: (() => void) | undefined;
  ended = false;

  constructor(request: ExecutionRequest, max: number, end: RunEnd) {
    this.#request = request;
    this.#max = max;
    this.#end = end;
  }

  event(event: ExecutionEvent): void {
    if (this.#count >= this.#max - 1) return;
    this.#count++;
    if (this.#events !== undefined) this.#events.push(event);
    else if (this.#first === undefined) this.#first = event;
    else this.#events = [this.#first, event];
  }

  end(completed: ExecutionEvent, outcome: ExecutionOutcome): void {
    this.ended = true;
    this.untrack?.();
    let events = this.#events;
    if (events !== undefined) events.push(completed);
    else events = this.#first === undefined ? [completed] : [this.#first, completed];
    let result: ExecutionResult;
    try {
      result = this.shape
        ? referenceResult(this.shape, this.#request, outcome, events)
        : resultOfOutcome(outcome, events, this.#request.provenance);
    } catch (error) {
      this.#end.fail(error);
      return;
    }
    this.#end.done(result);
  }
}

// A reference-shaped request runs its payload read into the lane's shape.
function payloadOf(request: ExecutionRequest, shape: ReferenceShape | undefined): unknown {
  return shape ? shape.read.payload : request.payload;
}

function runOptionsOf(
  request: ExecutionRequest,
  options: TargetCallOptions,
  shape: ReferenceShape | undefined,
) {
  return {
    ref: request.execution_ref ?? undefined,
    signal: options.signal,
    timeoutMs: smallestTimeout(timeoutOf(request.metadata), shape?.read.timeoutMs),
  };
}

function laneRefused(request: ExecutionRequest): Refused {
  return { ok: false, rejection: rejection('lane_not_registered', requestIdOf(request)) };
}

// A payload or options the lane refuses: a rejection naming the lane, never a throw.
function invalidLaneRequest(request: ExecutionRequest, laneId: string, error: unknown): Refused {
  const message = isExecutionError(error) ? error.message : messageOf(error);
  return {
    ok: false,
    rejection: rejection('invalid_lane_request', requestIdOf(request), { lane_id: laneId }, message),
  };
}

/**
 * The execution's events are held for the caller from the start — the lane may emit before the
 * caller's `for await` begins, a few promise hops after dispatch — with backpressure. A caller
 * that has not started iterating by the next macrotask is not coming: the hold is released, so an
 * unread stream falls back to the execution model's bounded retention and never blocks its lane.
 */
function heldIterator(execution: Execution): () => AsyncIterator<ExecutionEvent> {
  const held = execution[Symbol.asyncIterator]();
  let handed = false;
  let released = false;
  setImmediate(() => {
    if (handed) return;
    released = true;
    void held.return?.();
  });
  return () => {
    if (handed || released) return execution[Symbol.asyncIterator]();
    handed = true;
    return held;
  };
}

/** The admitted request's id, for rejections raised at the target. */
function requestIdOf(request: ExecutionRequest): string | null {
  return request.admission_request?.request_id ?? null;
}

// The node carries the caller's timeout in the request's metadata, so remote targets see it too.
function timeoutOf(metadata: Record<string, unknown>): number | null | undefined {
  const value = metadata.timeout_ms;
  if (value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_TIMER_MS
    ? value
    : undefined;
}
