import { isExecutionError } from '../core/errors.js';
import type { FailureInput } from '../core/failure.js';
import type { LaneResult } from '../core/lane.js';
import type { Attempt } from './attempt.js';
import { type BodyEnd, createBodyStream, type HttpBodyStream } from './body-stream.js';
import type { EngineResponse } from './engine.js';
import { responseTooLarge } from './errors.js';
import type { HttpResponseOutput } from './events.js';
import { failureOf, resultOf } from './finish-response.js';
import type { HttpRequestPlan } from './plan.js';

/**
 * `responseType: 'stream'`: hands the output, its body a live stream, to `plan.onHeaders` as
 * soon as the final headers are in, then waits for the body to end, be cancelled or fail. The
 * idle limit runs only while the consumer waits for a chunk; the size cap counts as it streams.
 * Nothing is retried from here on: part of the body may already be consumed.
 */
export async function streamResponse(
  plan: HttpRequestPlan,
  attempt: Attempt,
  response: EngineResponse,
  base: Omit<HttpResponseOutput, 'body'>,
): Promise<LaneResult<HttpResponseOutput>> {
  attempt.readingBody();
  attempt.pause();
  const { stream, done } = createBodyStream(response.open(), {
    limit: plan.maxResponseBytes,
    tooLarge: () => responseTooLarge(plan.maxResponseBytes, undefined),
    waiting: () => attempt.limit('idle', plan.idleMs),
    delivered: () => attempt.pause(),
    classify: (error) => attempt.classify(error),
    onAbort: (listener) => attempt.abort.onAbort(listener),
  });
  const output: HttpResponseOutput<HttpBodyStream> = { ...base, body: stream };
  const redactor = plan.redaction.redactor;
  plan.onHeaders?.(redactor.hasSecrets ? redactor.scrubDeep(output) : output);
  const end = await done;
  return resultOf(output, end.bytes, endFailure(end));
}

function endFailure(end: BodyEnd): FailureInput | undefined {
  if (end.kind === 'ended') return undefined;
  if (end.kind === 'cancelled') {
    return {
      failure_class: 'cancellation',
      code: 'CANCELLED',
      reason: 'response body cancelled by its reader',
    };
  }
  const error = end.error as Error;
  return isExecutionError(error)
    ? failureOf(error, 'transport_failed')
    : { failure_class: 'transport_failed', reason: error.message };
}
