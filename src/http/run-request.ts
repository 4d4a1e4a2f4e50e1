import type { ExecutionError, LaneContext, LaneResult } from '../core/index.js';
import { redactUrl } from '../internal/http/redaction.js';
import { runRedacted } from '../internal/redact-lane.js';
import { sleep } from '../internal/sleep.js';
import { Attempt, type RequestScope } from './attempt.js';
import { isReplayable, prepareBody } from './body.js';
import { bodyPreview, decodeBody } from './decode-body.js';
import { httpStatusError, responseTooLarge } from './errors.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import { hasBody } from './has-body.js';
import type { HttpRequestPlan } from './plan.js';
import {
  decideErrorRetry,
  decideStatusRetry,
  type RetryDecision,
  type RetryState,
} from './retry-decision.js';
import { selectEngine } from './select-engine.js';
import { streamOfBytes, streamResponse } from './stream-response.js';

type Result = LaneResult<HttpResponseOutput>;
/** The output while it is built: its body is set once read. */
type Building = { -readonly [K in keyof HttpResponseOutput]: HttpResponseOutput[K] };
type Retry = RetryDecision & { retry: true };
type Step = { readonly result: Result } | { readonly retry: Retry; readonly cause: RetryCause };
interface RetryCause {
  readonly reason: 'status' | 'transport' | 'timeout';
  readonly status: number | null;
  readonly errno: string | null;
}

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
  // Set by the execution's abort callback: no AbortSignal is made for a request that is not retried.
  let aborted = false;
  ctx.onAbort(() => {
    aborted = true;
  });
  const scope: RequestScope = {
    plan,
    engine,
    headers,
    body: prepared?.body,
    emit: ctx.emit,
    onAbort: ctx.onAbort,
    aborted: () => aborted,
    deadline: ctx.deadline,
  };
  for (let number = 1; ; number++) {
    const step = await runAttempt(scope, number);
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

// What a retry decision needs to know about the request so far: built only when one is asked.
function retryState(scope: RequestScope, number: number): RetryState {
  const { plan } = scope;
  return {
    plan: plan.retry,
    method: plan.method,
    retries: number - 1,
    replayable: isReplayable(scope.body),
    deadline: scope.deadline,
  };
}

// A failed attempt: retried when the policy says so, otherwise its error ends the request.
function onError(scope: RequestScope, number: number, error: ExecutionError): Step {
  // Cancelled or out of time as a whole: nothing is retried.
  if (scope.aborted()) throw error;
  const retry = decideErrorRetry(error, retryState(scope, number));
  if (!retry.retry) throw error;
  const errno = error.details.errno;
  return {
    retry,
    cause: {
      reason: error.failureClass === 'timeout' ? 'timeout' : 'transport',
      status: null,
      errno: typeof errno === 'string' ? errno : null,
    },
  };
}

async function runAttempt(scope: RequestScope, number: number): Promise<Step> {
  const { plan } = scope;
  const attempt = new Attempt(scope, number);
  try {
    let exchanged: Awaited<ReturnType<Attempt['exchange']>>;
    try {
      exchanged = await attempt.exchange();
    } catch (error) {
      return onError(scope, number, attempt.classify(error));
    }
    const { response, url, redirects } = exchanged;
    const { status } = response;
    // Most statuses are not in the policy: no retry state is built for them.
    if (plan.retry.statusCodes.has(status)) {
      const retry = decideStatusRetry(status, response.headers, retryState(scope, number));
      if (retry.retry) {
        response.discard();
        return { retry, cause: { reason: 'status', status, errno: null } };
      }
    }
    const length = hasBody(plan.method, status) ? Number(response.headers['content-length']) : 0;
    if (length > plan.maxResponseBytes) {
      response.discard();
      throw responseTooLarge(plan.maxResponseBytes, { contentLength: length });
    }
    // The output, its body set once read (one object per response, not one per step).
    const output: Building = {
      status,
      status_text: response.statusText,
      headers: exchanged.headers,
      body: null,
      url: redactUrl(url, plan.redaction),
      redirects,
      attempts: number,
    };
    // A failed status with throwOnHttpError is read whole, for its preview, and never delivered.
    if (plan.responseType === 'stream' && !(plan.throwOnHttpError && status >= 400)) {
      return { result: await streamResponse(plan, attempt, response, output) };
    }
    attempt.readingBody();
    let bytes: Uint8Array;
    try {
      bytes = await response.readBody(plan.maxResponseBytes, attempt.touch, () =>
        responseTooLarge(plan.maxResponseBytes, undefined),
      );
    } catch (error) {
      return onError(scope, number, attempt.classify(error));
    }
    return { result: finish(plan, output, bytes) };
  } finally {
    attempt.close();
  }
}

function finish(plan: HttpRequestPlan, output: Building, bytes: Uint8Array): Result {
  const metrics = {
    attempts: output.attempts,
    redirects: output.redirects.length,
    bytes_read: bytes.byteLength,
  };
  try {
    output.body =
      plan.responseType === 'stream' ? streamOfBytes(bytes) : decodeBody(bytes, plan.responseType);
  } catch (error) {
    const e = error as ExecutionError;
    output.body = decodeBody(bytes, 'text');
    return {
      output,
      metrics,
      failure: {
        failure_class: 'protocol_framing_failed',
        code: e.code,
        reason: e.message,
        details: e.details,
      },
    };
  }
  if (plan.throwOnHttpError && output.status >= 400) {
    const error = httpStatusError(output.status, output.status_text, bodyPreview(bytes));
    return {
      output,
      metrics,
      failure: {
        failure_class: 'semantic_runtime_failed',
        code: error.code,
        reason: error.message,
        details: error.details,
      },
    };
  }
  return { output, metrics };
}
