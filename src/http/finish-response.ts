import type { ExecutionError, LaneResult } from '../core/index.js';
import { bodyPreview, decodeBody } from './decode-body.js';
import { httpStatusError } from './errors.js';
import type { HttpResponseOutput } from './events.js';
import type { HttpRequestPlan } from './plan.js';
import { streamOfBytes } from './stream-response.js';

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
