import type { LaneContext, LaneResult } from '../core/index.js';
import type { HeaderRecord } from '../internal/http/headers.js';
import { runRedacted } from '../internal/redact-lane.js';
import { sleep } from '../internal/sleep.js';
import { Attempt, type RequestScope, type Retry, type RetryCause } from './attempt.js';
import { type BodyWithType, type PreparedBody, prepareBody } from './body.js';
import type { HttpEngine } from './engine.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import type { HttpRequestPlan } from './plan.js';
import { selectEngine } from './select-engine.js';

type Result = LaneResult<HttpResponseOutput>;

/**
 * Runs one request: attempts with backoff between them, each following redirects and reading a
 * bounded body. Final HTTP statuses are facts; only transport faults and limits fail.
 */
export function runRequest(plan: HttpRequestPlan, ctx: LaneContext<HttpLaneEvents>): Promise<Result> {
  return runRedacted(plan.redaction.redactor, ctx, requestWith, plan);
}

// Not async: with no body to prepare and the engine loaded (the common case), the first attempt
// starts in this call, and no async step of its own waits around the attempts.
function requestWith(ctx: LaneContext<HttpLaneEvents>, plan: HttpRequestPlan): Promise<Result> {
  if (plan.body === undefined) return withEngine(plan, ctx, undefined);
  return prepareBody(plan.body).then((prepared) => withEngine(plan, ctx, prepared));
}

function withEngine(
  plan: HttpRequestPlan,
  ctx: LaneContext<HttpLaneEvents>,
  prepared: BodyWithType | undefined,
): Promise<Result> {
  const contentType = prepared?.contentType;
  const headers =
    contentType && plan.headers['content-type'] === undefined
      ? { ...plan.headers, 'content-type': contentType }
      : plan.headers;
  const body = prepared?.body;
  const selected = selectEngine(plan);
  if ('send' in selected) return new RequestRun(plan, selected, headers, body, ctx).run(1);
  return selected.then((engine) => new RequestRun(plan, engine, headers, body, ctx).run(1));
}

/**
 * The scope of one request's attempts. It alone listens to the execution's abort (a callback,
 * no AbortSignal) and hands it to the attempt in progress: one listener per request, not one per
 * attempt plus one for the request.
 */
class RequestRun implements RequestScope {
  readonly plan: HttpRequestPlan;
  readonly engine: HttpEngine;
  readonly headers: HeaderRecord;
  readonly body: PreparedBody | undefined;
  readonly emit: LaneContext<HttpLaneEvents>['emit'];
  readonly deadline: number | null;
  aborted = false;
  #ctx: LaneContext<HttpLaneEvents>;
  #reason: unknown;
  #current: Attempt | undefined;

  constructor(
    plan: HttpRequestPlan,
    engine: HttpEngine,
    headers: HeaderRecord,
    body: PreparedBody | undefined,
    ctx: LaneContext<HttpLaneEvents>,
  ) {
    this.plan = plan;
    this.engine = engine;
    this.headers = headers;
    this.body = body;
    this.emit = ctx.emit;
    this.deadline = ctx.deadline;
    this.#ctx = ctx;
    ctx.onAbort((reason) => {
      this.aborted = true;
      this.#reason = reason;
      this.#current?.abort.abort(reason);
    });
  }

  /** Attempt `number`; its result is the request's, or a retry's it asks for. */
  run(number: number): Promise<Result> {
    return this.#attempt(number).run();
  }

  /** The next attempt, after `http.retrying` and the backoff. */
  async retry(retry: Retry, cause: RetryCause, number: number): Promise<Result> {
    const ctx = this.#ctx;
    const retrying = ctx.emit('http.retrying', {
      attempt: number + 1,
      delay_ms: retry.delayMs,
      reason: cause.reason,
      status: cause.status,
      errno: cause.errno,
      retry_after_ms: retry.retryAfterMs,
    });
    if (retrying) await retrying;
    await sleep(retry.delayMs, ctx.signal);
    if (ctx.signal.aborted) throw ctx.signal.reason;
    return this.run(number + 1);
  }

  // An attempt, aborted at once when the execution already is.
  #attempt(number: number): Attempt {
    const attempt = new Attempt(this, number);
    if (this.aborted) attempt.abort.abort(this.#reason);
    else this.#current = attempt;
    return attempt;
  }

  release(attempt: Attempt): void {
    if (this.#current === attempt) this.#current = undefined;
  }
}
