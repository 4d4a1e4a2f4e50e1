import type { LaneContext, LaneResult } from '../core/index.js';
import type { HeaderRecord } from '../internal/http/headers.js';
import { runRedacted } from '../internal/redact-lane.js';
import { sleep } from '../internal/sleep.js';
import { Attempt, type RequestScope } from './attempt.js';
import { type PreparedBody, prepareBody } from './body.js';
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
  return runRedacted(plan.redaction.redactor, ctx, (scoped) => requestWith(plan, scoped));
}

async function requestWith(plan: HttpRequestPlan, ctx: LaneContext<HttpLaneEvents>): Promise<Result> {
  const prepared = plan.body === undefined ? undefined : await prepareBody(plan.body);
  const contentType = prepared?.contentType;
  const headers =
    contentType && plan.headers['content-type'] === undefined
      ? { ...plan.headers, 'content-type': contentType }
      : plan.headers;
  const selected = selectEngine(plan);
  const engine = 'send' in selected ? selected : await selected;
  const scope = new RequestRun(plan, engine, headers, prepared?.body, ctx);
  for (let number = 1; ; number++) {
    const step = await scope.attempt(number).run();
    if ('result' in step) return step.result;
    const { retry, cause } = step;
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
  }
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
    ctx.onAbort((reason) => {
      this.aborted = true;
      this.#reason = reason;
      this.#current?.abort.abort(reason);
    });
  }

  /** The next attempt, aborted at once when the execution already is. */
  attempt(number: number): Attempt {
    const attempt = new Attempt(this, number);
    if (this.aborted) attempt.abort.abort(this.#reason);
    else this.#current = attempt;
    return attempt;
  }

  release(attempt: Attempt): void {
    if (this.#current === attempt) this.#current = undefined;
  }
}
