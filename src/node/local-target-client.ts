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
import { startExecution } from '../core/start-execution.js';
import { ChurnTable } from '../internal/churn-table.js';
import { smallestTimeout } from '../internal/timeouts.js';
import { completedEvent, rejectedResult, resultOfOutcome } from './execution-results.js';
import { DEFAULT_MAX_RESULT_EVENTS } from './node-options.js';
import { type ReferenceShape, referenceResult, referenceShapeOf } from './reference-results.js';
import { rejection } from './rejections.js';
import { messageOf } from './verdicts.js';

/** An execution a {@link LocalTargetClient} started, and the reference shape it answers in. */
export interface Started {
  readonly ok: true;
  readonly execution: Execution;
  readonly shape: ReferenceShape | undefined;
}

interface Refused {
  readonly ok: false;
  readonly rejection: AdmissionRejection;
}

/**
 * The node's own way into a local target, without the {@link TargetClient} round: what `execute`
 * does in two steps, so the node holds the execution itself — its cancel goes straight to the
 * execution (no AbortController of its own, no signal listener), and the caller's signal reaches
 * it directly. Not part of the public API.
 */
export let startInProcess: (
  client: LocalTargetClient,
  request: ExecutionRequest,
  options: TargetCallOptions,
  tracked: boolean,
) => Started | Refused;

/** The result of an execution {@link startInProcess} started, exactly as `execute` builds it. */
export let resultInProcess: (
  client: LocalTargetClient,
  started: Started,
  request: ExecutionRequest,
) => Promise<ExecutionResult>;

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
 * (`options.lane`) with `startExecution`, using the admitted execution ref, so events, outcome,
 * timeout and cancellation are the execution model's own. A payload the lane refuses is a
 * `rejected` result (`invalid_lane_request`), never a throw.
 *
 * @example
 * node.connectTarget(mintLocalAttestation({ targetId: 'local-1', laneId: 'process' }), new LocalTargetClient());
 */
export class LocalTargetClient implements TargetClient {
  // Not a Map: an entry per execution comes and goes (see ChurnTable for why that matters).
  #running = new ChurnTable<string, Execution>();
  #maxResultEvents: number;

  constructor(options: LocalTargetClientOptions = {}) {
    this.#maxResultEvents = options.maxResultEvents ?? DEFAULT_MAX_RESULT_EVENTS;
  }

  async describe(): Promise<Record<string, unknown>> {
    return { transport: 'in_process', running: this.#running.size };
  }

  async execute(request: ExecutionRequest, options: TargetCallOptions = {}): Promise<ExecutionResult> {
    const started = this.#start(request, options);
    if (!started.ok) {
      return rejectedResult(request.execution_ref ?? '', started.rejection, request.provenance);
    }
    return this.#resultOf(started, request);
  }

  // The events the result keeps, then the outcome, as a boundary result. The outcome rides on the
  // final `execution.completed` event, which the collected events always keep: no second wait.
  #resultOf(started: Started, request: ExecutionRequest): Promise<ExecutionResult> {
    const build = (events: ExecutionEvent[], outcome: ExecutionOutcome): ExecutionResult =>
      started.shape
        ? referenceResult(started.shape, request, outcome, events)
        : resultOfOutcome(outcome, events, request.provenance);
    return collectEvents(started.execution, this.#maxResultEvents).then((events) => {
      const outcome = outcomeOf(events[events.length - 1]);
      return outcome ? build(events, outcome) : started.execution.result.then((late) => build(events, late));
    });
  }

  static {
    startInProcess = (client, request, options, tracked) => client.#start(request, options, tracked);
    resultInProcess = (client, started, request) => client.#resultOf(started, request);
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

  // `tracked`: kept in `#running` for this client's own `cancel` and `describe`; the node's
  // private client is never asked either (the node cancels through its execution table).
  #start(request: ExecutionRequest, options: TargetCallOptions, tracked = true): Started | Refused {
    const lane = options.lane;
    if (!lane || lane.id !== request.lane_id) {
      return { ok: false, rejection: rejection('lane_not_registered', requestIdOf(request)) };
    }
    let execution: Execution;
    let shape: ReferenceShape | undefined;
    try {
      // A reference-shaped request runs its payload read into this lane's shape.
      shape = referenceShapeOf(request, lane);
      execution = startExecution(lane, shape ? shape.read.payload : request.payload, {
        ref: request.execution_ref ?? undefined,
        signal: options.signal,
        timeoutMs: smallestTimeout(timeoutOf(request.metadata), shape?.read.timeoutMs),
      });
    } catch (error) {
      const message = isExecutionError(error) ? error.message : messageOf(error);
      return {
        ok: false,
        rejection: rejection('invalid_lane_request', requestIdOf(request), { lane_id: lane.id }, message),
      };
    }
    const ref = execution.ref;
    if (!tracked) return { ok: true, execution, shape };
    const hash = ChurnTable.hash(ref);
    this.#running.set(ref, execution, hash);
    execution.result.then(() => this.#running.deleteIf(ref, execution, hash));
    return { ok: true, execution, shape };
  }
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

// The outcome an `execution.completed` event carries (core puts the very object `result` resolves with).
function outcomeOf(event: ExecutionEvent | undefined): ExecutionOutcome | undefined {
  if (event?.event_type !== 'execution.completed') return undefined;
  return (event.payload as { outcome?: ExecutionOutcome } | null)?.outcome;
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

/**
 * Drains an execution's events, keeping the first `max - 1` and always the final
 * `execution.completed`; the `seq` gap shows what was left out.
 */
function collectEvents(execution: Execution, max: number): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  // Batches: one promise per burst of queued events, not one per event. A plain pump, not
  // `for await` in an async function: the same reads, with fewer promises and frames per execution.
  const batches = execution.batches()[Symbol.asyncIterator]();
  return new Promise((resolve, reject) => {
    const take = (step: IteratorResult<ExecutionEvent[]>): void => {
      if (step.done) {
        resolve(events);
        return;
      }
      for (const event of step.value) {
        if (events.length < max - 1 || event.event_type === 'execution.completed') events.push(event);
      }
      batches.next().then(take, reject);
    };
    batches.next().then(take, reject);
  });
}
