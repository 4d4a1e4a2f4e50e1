import { decodeContract } from '../core/contracts/codec.js';
import { ExecutionError } from '../core/errors.js';
import type { HttpRequestInput } from './options.js';

/** The retry class that turns retries on (the reference's fixture value); any other means none. */
export const SAFE_IDEMPOTENT_RETRY_CLASS = 'safe_idempotent';

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

/**
 * Maps an `http_execution_intent.v1` and its `execution_route.v1` (wire shapes, snake_case) to
 * the HTTP lane's payload, as the reference's HTTP protocol reads them: url and method from
 * `route.resolved_target` (method defaults to POST), headers and body from the intent (a body
 * without a content-type header is sent as `application/json`), `timeouts.request_timeout_ms`
 * and `route.resolved_budget.timeout_ms` as the total timeout, and retries only for
 * `retry_class: "safe_idempotent"`. A route with `lower_simulation` is refused: simulated
 * routes must never reach real I/O.
 *
 * @example
 * const payload = httpPayloadFromIntent(intent, route);
 * startExecution(httpLane, payload);
 */
export function httpPayloadFromIntent(intent: unknown, route: unknown): HttpRequestInput {
  const i = decodeContract(intent, 'http_execution_intent.v1');
  const r = decodeContract(route, 'execution_route.v1');
  const target = r.resolved_target;
  if (r.protocol !== 'http' || typeof target.url !== 'string') {
    throw new ExecutionError(
      'INVALID_CONTRACT',
      'an http route needs protocol "http" and resolved_target.url',
      {
        failureClass: 'route_unresolved',
        details: { route_protocol: r.protocol, has_url: typeof target.url === 'string' },
      },
    );
  }
  if ('lower_simulation' in target) {
    throw new ExecutionError(
      'NOT_SUPPORTED',
      'a lower_simulation route is run by the kernel, never by the http lane',
      {
        failureClass: 'route_unresolved',
        details: { route_protocol: r.protocol },
      },
    );
  }
  const method = (typeof target.method === 'string' ? target.method : 'POST').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(i.headers ?? {})) headers[name] = String(value);
  const body = isEmptyBody(i.body) ? undefined : i.body;
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (body !== undefined && !hasType) headers['content-type'] = 'application/json';
  const totals = [positive(i.timeouts?.request_timeout_ms), positive(r.resolved_budget?.timeout_ms)].filter(
    (value): value is number => value !== undefined,
  );
  return {
    url: target.url,
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(totals.length > 0 ? { timeouts: { totalMs: Math.min(...totals) } } : {}),
    retry: i.retry_class === SAFE_IDEMPOTENT_RETRY_CLASS ? {} : false,
  };
}

// The reference sends nothing for nil, "", %{} and [].
function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  if (Array.isArray(body)) return body.length === 0;
  return (
    typeof body === 'object' &&
    Object.getPrototypeOf(body) === Object.prototype &&
    Object.keys(body).length === 0
  );
}
