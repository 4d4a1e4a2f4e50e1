import type {
  AnyLane,
  ExecutionStream,
  TargetClient,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionRequest } from '../core/contracts/boundary/execution-request.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import { type ExecutionError, isExecutionError } from '../core/errors.js';
import type { ExecutionEvent } from '../core/event.js';
import type { OutcomeStatus } from '../core/outcome.js';
import { onAbort } from '../internal/abort-fanout.js';
import { ChurnTable } from '../internal/churn-table.js';
import type { Redactor } from '../internal/redact.js';
import type { Admitted } from './admission.js';
import { deepFreeze } from './deep-freeze.js';
import type { EvidenceContext } from './evidence-context.js';
import type { EvidenceEmitter } from './evidence-emitter.js';
import { failedResult, rejectedResult } from './execution-results.js';
import type { ExecutionRecord, ExecutionTable } from './execution-table.js';
import { isRefused, LocalTargetClient, type RunEnd, runLocal } from './local-target-client.js';
import { redactEvent, redactOwnedResult, redactRejection, redactResult } from './redact-results.js';
import { withRequestId } from './rejections.js';
import { messageOf } from './verdicts.js';

/** What dispatch reads from its node. */
export interface DispatchEnv {
  readonly evidence: EvidenceEmitter;
  readonly table: ExecutionTable;
  /** The redaction policy results, refusals and streamed events go through. */
  readonly redactor: Redactor;
  /** The node's own local target client (nobody else reaches it, so it keeps no running list). */
  readonly direct: TargetClient;
  authorityId(): string | null;
}

/** Where one execution goes: the request its target receives, the lane, the client, the context. */
export interface DispatchPlan {
  readonly request: ExecutionRequest;
  readonly lane: AnyLane;
  readonly client: TargetClient;
  readonly context: EvidenceContext;
  /** Aborting it cancels the execution (the caller's signal). */
  readonly signal?: AbortSignal | undefined;
  /** The principal that started it (`null`: the in-process caller); only it may cancel it. */
  readonly owner?: string | null | undefined;
}

/**
 * The plan of an admitted request: its one target (the in-process `direct` client when it has
 * none), and the caller's timeout carried in the request's metadata so a remote target sees it.
 */
export function planOf(
  admitted: Admitted,
  direct: TargetClient,
  options: { readonly timeoutMs?: number | null | undefined; readonly signal?: AbortSignal | undefined },
  owner: string | null = null,
): DispatchPlan {
  const { request, decision, target } = admitted;
  return {
    request: {
      contract_version: 1,
      execution_ref: decision.execution_ref,
      admission_request: request,
      target_descriptor: target?.descriptor ?? null,
      lane_id: request.lane_id,
      operation: request.operation,
      payload: request.payload,
      provenance: request.provenance,
      metadata: options.timeoutMs === undefined ? {} : { timeout_ms: options.timeoutMs },
    },
    lane: admitted.lane,
    client: target?.client ?? direct,
    context: admitted.context,
    signal: options.signal,
    owner,
  };
}

/**
 * One admitted execution on its way to its one target, and its record in the execution table.
 * `inProcess`: the node starts it on a {@link LocalTargetClient} itself and holds the execution,
 * so cancelling needs no AbortController of the node's and the caller's signal reaches the
 * execution directly; otherwise the target watches the signal of the node's controller.
 */
class Dispatch implements ExecutionRecord, RunEnd {
  readonly ref: string;
  readonly hash: number;
  readonly mode: 'execute' | 'stream';
  readonly owner: string | null;
  readonly context: EvidenceContext;
  readonly request: ExecutionRequest;
  readonly client: TargetClient;
  status: ExecutionRecord['status'] = 'running';
  #env: DispatchEnv;
  #lane: AnyLane;
  #controller: AbortController | undefined;
  #execution: { cancel(reason?: string): unknown } | undefined;
  #earlyAbort: ExecutionError | undefined;
  #done = false;
  #settled: Promise<void> | undefined;
  #settle: (() => void) | undefined;
  #unlink: (() => void) | undefined;
  // In process: the caller's promise, settled by the run's end (see `runIn`).
  #resolve: ((result: ExecutionResult) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  // In process: the plan, whose lane and caller's signal are the target's call options.
  #plan: DispatchPlan | undefined;

  constructor(env: DispatchEnv, plan: DispatchPlan, mode: 'execute' | 'stream', inProcess: boolean) {
    this.#env = env;
    this.#lane = plan.lane;
    this.ref = plan.request.execution_ref as string;
    this.hash = ChurnTable.hash(this.ref);
    this.mode = mode;
    this.owner = plan.owner ?? null;
    this.context = plan.context;
    this.request = plan.request;
    this.client = plan.client;
    // Shared by the caller's result and evidence of the start: nobody may change it on the way.
    deepFreeze(plan.request.provenance);
    if (inProcess) this.#plan = plan;
    else {
      const controller = new AbortController();
      this.#controller = controller;
      const signal = plan.signal;
      if (signal?.aborted) controller.abort(signal.reason);
      else if (signal) this.#unlink = onAbort(signal, (reason) => controller.abort(reason));
    }
    env.table.add(this);
    // Fingerprints cost a hash each: only computed when some sink will see them.
    if (env.evidence.active) env.evidence.emitStarted(plan.context, this.request, mode, env.authorityId());
  }

  get callOptions() {
    return { lane: this.#lane, signal: this.#controller?.signal };
  }

  /**
   * Runs the request on a local target in process; the run's end settles the caller's promise
   * through {@link done} or {@link fail} (this record is the run's `RunEnd`: no objects of its own).
   */
  runIn(resolve: (result: ExecutionResult) => void, reject: (error: unknown) => void): void {
    this.#resolve = resolve;
    this.#reject = reject;
    const client = this.client as LocalTargetClient;
    try {
      // The plan carries the lane and the caller's signal, as the target's call options.
      const run = runLocal(
        client,
        this.request,
        this.#plan as DispatchPlan,
        client !== this.#env.direct,
        this,
      );
      if (isRefused(run)) this.done(rejectedResult(this.ref, run.rejection, this.request.provenance));
      else this.attach(run);
    } catch (error) {
      this.fail(error);
    }
  }

  /** The in-process result (built for this call alone: redacted in place) for the caller. */
  done(result: ExecutionResult): void {
    try {
      this.#resolve?.(this.finish(result, true));
    } catch (error) {
      this.#reject?.(error);
    }
  }

  /** Building the in-process result failed: the caller gets a failure, never a throw. */
  fail(error: unknown): void {
    this.done(this.failed(`target client failed: ${messageOf(error)}`, error));
  }

  /** The in-process execution, once started; a cancel that came first reaches it now. */
  attach(execution: { cancel(reason?: string): unknown }): void {
    this.#execution = execution;
    if (this.#earlyAbort) void execution.cancel(this.#earlyAbort.message);
  }

  // The node cancels with its own `CANCELLED` errors (class `cancellation`); `cancel(message)`
  // makes the same error inside the execution that the aborted signal would have carried in.
  abort(reason: ExecutionError): void {
    if (this.#controller) this.#controller.abort(reason);
    else if (this.#execution) void this.#execution.cancel(reason.message);
    else this.#earlyAbort ??= reason;
  }

  settled(): Promise<void> {
    if (this.#done) return Promise.resolve();
    this.#settled ??= new Promise<void>((resolve) => {
      this.#settle = resolve;
    });
    return this.#settled;
  }

  /** A target's answer as a result: anything that is not one is a failure, never a throw. */
  checked(result: unknown): ExecutionResult {
    const value = result as ExecutionResult | null;
    if (typeof value === 'object' && value !== null && typeof value.status === 'string') return value;
    return this.failed('target returned no execution result');
  }

  /** A failure the node observed itself; an ExecutionError's class (`remote_disconnect` …) is kept. */
  failed(reason: string, cause?: unknown): ExecutionResult {
    const failureClass = (isExecutionError(cause) && cause.failureClass) || 'transport_failed';
    const code = isExecutionError(cause) ? cause.code : 'EXECUTION_FAILED';
    return failedResult(
      this.ref,
      { failure_class: failureClass, code, reason, details: { target_id: this.context.target_id } },
      this.request.provenance,
    );
  }

  /** `owned`: nobody else holds `raw` (the node built it), so it is redacted in place. */
  finish(raw: ExecutionResult, owned = false): ExecutionResult {
    const redactor = this.#env.redactor;
    const result = owned ? redactOwnedResult(redactor, raw) : redactResult(redactor, raw);
    this.#unlink?.();
    if (this.#env.evidence.active)
      this.#env.evidence.emitCompleted(this.context, result, this.#env.authorityId());
    this.#env.table.finish(this, result.status as OutcomeStatus);
    this.#done = true;
    this.#settle?.();
    return result;
  }
}

/**
 * Runs an admitted request on its one target (no fallback) and returns its result: evidence
 * `execution.started`, then the target's `execute`, then `execution.completed`. Recorded while in
 * flight, so `cancel` reaches it. Never throws.
 */
export function dispatchExecute(env: DispatchEnv, plan: DispatchPlan): Promise<ExecutionResult> {
  const client = plan.client;
  // Only the class's own `execute`: a subclass or a patched instance is called as any target.
  if (client instanceof LocalTargetClient && client.execute === LOCAL_EXECUTE) {
    return executeInProcess(env, plan);
  }
  return executeOnTarget(env, plan);
}

async function executeOnTarget(env: DispatchEnv, plan: DispatchPlan): Promise<ExecutionResult> {
  const dispatch = new Dispatch(env, plan, 'execute', false);
  let result: ExecutionResult;
  try {
    result = dispatch.checked(await dispatch.client.execute(dispatch.request, dispatch.callOptions));
  } catch (error) {
    result = dispatch.failed(`target client failed: ${messageOf(error)}`, error);
  }
  return dispatch.finish(result);
}

const LOCAL_EXECUTE = LocalTargetClient.prototype.execute;

/**
 * `dispatchExecute` on a local target: the same steps and the same result as its `execute`, with
 * the run held by the node (see {@link Dispatch}) and the result finished the moment the run ends:
 * one promise, the caller's.
 */
function executeInProcess(env: DispatchEnv, plan: DispatchPlan): Promise<ExecutionResult> {
  starting = new Dispatch(env, plan, 'execute', true);
  return new Promise(startInProcess);
}

// The dispatch the next `new Promise(startInProcess)` runs: the executor is called synchronously
// by the constructor, so one shared function serves every execution without a closure per call
// (it takes the dispatch before running it, so an execution started from inside a lane is safe).
let starting: Dispatch | undefined;
const startInProcess = (resolve: (result: ExecutionResult) => void, reject: (error: unknown) => void) => {
  const dispatch = starting as Dispatch;
  starting = undefined;
  dispatch.runIn(resolve, reject);
};

/**
 * Starts an admitted request on its one target as a stream. The stream is recorded and
 * cancellable like `execute`; `execution.completed` is emitted when its result settles, whether
 * or not anyone iterates it. A target that refuses (`stream_not_supported` …) gives the
 * rejection, with the request id.
 */
export async function dispatchStream(
  env: DispatchEnv,
  plan: DispatchPlan,
): Promise<Verdict<'events', ExecutionStream>> {
  const dispatch = new Dispatch(env, plan, 'stream', false);
  let verdict: Verdict<'events', ExecutionStream>;
  try {
    verdict = await dispatch.client.stream(dispatch.request, dispatch.callOptions);
  } catch (error) {
    return endedStream(dispatch, dispatch.failed(`target client failed: ${messageOf(error)}`, error));
  }
  if (!verdict.ok) {
    const refusal = redactRejection(env.redactor, withRequestId(verdict.rejection, plan.context.request_id));
    dispatch.finish(rejectedResult(dispatch.ref, refusal, dispatch.request.provenance));
    return { ok: false, rejection: refusal };
  }
  const inner = verdict.events;
  const result = Promise.resolve(inner.result).then(
    (value) => dispatch.finish(dispatch.checked(value)),
    (error: unknown) => dispatch.finish(dispatch.failed(`stream failed: ${messageOf(error)}`, error)),
  );
  return {
    ok: true,
    events: {
      executionRef: dispatch.ref,
      result,
      [Symbol.asyncIterator]: () => redactedEvents(env.redactor, inner[Symbol.asyncIterator]()),
    },
  };
}

function endedStream(dispatch: Dispatch, failed: ExecutionResult): Verdict<'events', ExecutionStream> {
  const result = dispatch.finish(failed);
  return {
    ok: true,
    events: {
      executionRef: dispatch.ref,
      result: Promise.resolve(result),
      [Symbol.asyncIterator]: () => noEvents(),
    },
  };
}

// A stream that never started has no events; its result says why.
async function* noEvents(): AsyncGenerator<never> {}

// A stream's events through the policy, one by one; `return` still reaches the inner iterator.
function redactedEvents(
  redactor: Redactor,
  inner: AsyncIterator<ExecutionEvent>,
): AsyncIterableIterator<ExecutionEvent> {
  const map = (step: IteratorResult<ExecutionEvent>) =>
    step.done ? step : { done: false as const, value: redactEvent(redactor, step.value) };
  return {
    next: async () => map(await inner.next()),
    return: async (value?: unknown) => (await inner.return?.(value)) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
