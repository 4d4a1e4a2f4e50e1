import type { Execution } from '../core/index.js';
import { enterLane } from '../core/start-execution.js';
import { withUrl } from '../internal/http/with-url.js';
import type { HttpBodyStream } from './body-stream.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import { type HttpExecution, outputAtHeaders, RequestExecution } from './http-execution.js';
import { requestLane } from './http-lane.js';
import type { RequestOptions, ResponseType } from './options.js';
import { planRequest } from './plan-request.js';

/** `output.body`'s type for a `responseType`: a string, parsed JSON (`unknown`), bytes or a stream. */
type BodyFor<R extends ResponseType> = R extends 'bytes'
  ? Uint8Array
  : R extends 'json'
    ? unknown
    : R extends 'stream'
      ? HttpBodyStream
      : string;

/**
 * Sends one HTTP request and returns its Execution. Options — the request's and the execution's
 * (`timeoutMs`, `signal` …) in one object — are checked before any I/O (`INVALID_OPTIONS`). The
 * output is the final response whatever its status, unless `throwOnHttpError` is set; `json()`,
 * `text()` and `bytes()` give the body of a successful response alone. With
 * `responseType: 'stream'` the output arrives with the headers and its body is read as it comes.
 * The execution times out after `timeoutMs` (30 s unless given), retries and body included.
 *
 * @example
 * await using execution = request('https://api.example.com/items', { responseType: 'json' });
 * const { status, body } = await execution.output();
 */
export function request<R extends ResponseType = 'text'>(
  url: string | URL,
  options?: RequestOptions<R>,
): HttpExecution<BodyFor<R>> {
  type Output = HttpResponseOutput<BodyFor<R>>;
  const input = withUrl(url, options, 'request()');
  const type: ResponseType = options?.responseType ?? 'text';
  if (type !== 'stream') {
    const execution = enterLane(requestLane, input, 'request()') as Execution<Output, HttpLaneEvents>;
    return new RequestExecution(execution, type);
  }
  const atHeaders = outputAtHeaders<Output>();
  // Only this entry point can take the body at the headers, so only it plans a stream.
  const lane = {
    ...requestLane,
    plan: (payload: unknown, entry?: string) => planRequest(payload, entry, atHeaders.deliver),
  };
  const execution = enterLane(lane, input, 'request()') as Execution<Output, HttpLaneEvents>;
  atHeaders.follow(execution);
  return new RequestExecution(execution, type, atHeaders.promise);
}
