import type { Execution } from '../core/index.js';
import { enterLane } from '../core/start-execution.js';
import { withUrl } from '../internal/http/with-url.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import { httpLane } from './http-lane.js';
import type { RequestOptions, ResponseType } from './options.js';

/** `output.body`'s type for a `responseType`: a string, parsed JSON (`unknown`) or bytes. */
type BodyFor<R extends ResponseType> = R extends 'bytes' ? Uint8Array : R extends 'json' ? unknown : string;

/**
 * Sends one HTTP request and returns its Execution. Options — the request's and the execution's
 * (`timeoutMs`, `signal` …) in one object — are checked before any I/O (`INVALID_OPTIONS`). The
 * output is the final response whatever its status, unless `throwOnHttpError` is set. The
 * execution times out after `timeoutMs` (30 s unless given), retries included.
 *
 * @example
 * await using execution = request('https://api.example.com/items', { responseType: 'json' });
 * const { status, body } = await execution.output();
 */
export function request<R extends ResponseType = 'text'>(
  url: string | URL,
  options?: RequestOptions<R>,
): Execution<HttpResponseOutput<BodyFor<R>>, HttpLaneEvents> {
  return enterLane(httpLane, withUrl(url, options, 'request()'), 'request()') as Execution<
    HttpResponseOutput<BodyFor<R>>,
    HttpLaneEvents
  >;
}
