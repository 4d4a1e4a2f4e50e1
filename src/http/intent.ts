import * as z from 'zod/mini';
import { ExecutionError, parseOptions } from '../core/index.js';
import type { HttpRequestInput } from './options.js';

// Only the fields the HTTP lane reads; the contracts module validates the whole values.
const IntentSchema = z.looseObject({
  contract_version: z.optional(z.literal('http_execution_intent.v1')),
  envelope: z.looseObject({ family: z.string(), protocol: z.string() }),
  headers: z.optional(z.record(z.string(), z.unknown())),
  body: z.optional(z.unknown()),
  timeouts: z.optional(z.record(z.string(), z.unknown())),
  retry_class: z.optional(z.nullable(z.string())),
});

const RouteSchema = z.looseObject({
  contract_version: z.optional(z.literal('execution_route.v1')),
  protocol: z.literal('http'),
  resolved_target: z.looseObject({ url: z.string(), method: z.optional(z.string()) }),
  resolved_budget: z.optional(z.record(z.string(), z.unknown())),
});

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
  const i = parseOptions(IntentSchema, intent, 'http_execution_intent.v1');
  const r = parseOptions(RouteSchema, route, 'execution_route.v1');
  if ('lower_simulation' in r.resolved_target) {
    throw new ExecutionError(
      'NOT_SUPPORTED',
      'a lower_simulation route is run by the kernel, never by the http lane',
      {
        failureClass: 'route_unresolved',
        details: { route_protocol: r.protocol },
      },
    );
  }
  const method = (r.resolved_target.method ?? 'POST').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(i.headers ?? {})) headers[name] = String(value);
  const body = isEmptyBody(i.body) ? undefined : i.body;
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (body !== undefined && !hasType) headers['content-type'] = 'application/json';
  const totals = [positive(i.timeouts?.request_timeout_ms), positive(r.resolved_budget?.timeout_ms)].filter(
    (value): value is number => value !== undefined,
  );
  return {
    url: r.resolved_target.url,
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
