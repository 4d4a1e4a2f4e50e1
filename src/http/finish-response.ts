import type { FailureInput } from '../core/failure.js';
import type { ExecutionError, LaneResult } from '../core/index.js';
import { type HttpBodyStream, iterableStream } from './body-stream.js';
import { bodyPreview, decodeBody } from './decode-body.js';
import { httpStatusError } from './errors.js';
import type { HttpResponseOutput } from './events.js';
import type { HttpRequestPlan } from './plan.js';

/** The output while it is built: its body is set once read. */
export type Building = { -readonly [K in keyof HttpResponseOutput]: HttpResponseOutput[K] };

/**
 * The request's result from a body read whole: decoded per `responseType` (an undecodable one
 * is kept as text and fails as framing), and failed for a 4xx/5xx with `throwOnHttpError`.
 */
export function finishResponse(
  plan: HttpRequestPlan,
  output: Building,
  bytes: Uint8Array,
): LaneResult<HttpResponseOutput> {
  let failure: FailureInput | undefined;
  try {
    output.body =
      plan.responseType === 'stream' ? streamOfBytes(bytes) : decodeBody(bytes, plan.responseType);
  } catch (error) {
    output.body = decodeBody(bytes, 'text');
    failure = failureOf(error as ExecutionError, 'protocol_framing_failed');
  }
  if (!failure && plan.throwOnHttpError && output.status >= 400) {
    const error = httpStatusError(output.status, output.status_text, bodyPreview(bytes));
    failure = failureOf(error, 'semantic_runtime_failed');
  }
  return resultOf(output, bytes.byteLength, failure);
}

/** The request's result: the output, its metrics, and the failure when there is one. */
export function resultOf(
  output: HttpResponseOutput,
  bytesRead: number,
  failure: FailureInput | undefined,
): LaneResult<HttpResponseOutput> {
  const metrics = { attempts: output.attempts, redirects: output.redirects.length, bytes_read: bytesRead };
  return failure ? { output, metrics, failure } : { output, metrics };
}

/** An ExecutionError as the outcome's failure, of `failureClass` unless it names its own. */
export function failureOf(error: ExecutionError, failureClass: FailureInput['failure_class']): FailureInput {
  return {
    failure_class: error.failureClass ?? failureClass,
    code: error.code,
    reason: error.message,
    details: error.details,
  };
}

/** A body of bytes already read, as a stream (a failed `throwOnHttpError` response). */
function streamOfBytes(bytes: Uint8Array): HttpBodyStream {
  return iterableStream(
    new ReadableStream<Uint8Array>({
      start(controller) {
        if (bytes.byteLength > 0) controller.enqueue(bytes);
        controller.close();
      },
    }),
  );
}
