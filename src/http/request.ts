import * as z from 'zod/mini';
import { type Execution, type ExecutionOptions, parseOptions, startExecution } from '../core/index.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import { httpLane } from './http-lane.js';
import { HttpRequestInputSchema, type RequestOptions } from './options.js';
import type { HttpRequestPlan } from './plan.js';
import { planRequest } from './plan-request.js';

const RequestOptionsSchema = z.extend(HttpRequestInputSchema, {
  signal: z.optional(z.custom<AbortSignal>((value) => value instanceof AbortSignal)),
});
type ParsedOptions = z.output<typeof RequestOptionsSchema>;

const SIMPLE_KEYS = new Set(['url', 'method', 'headers', 'body', 'responseType', 'engine', 'signal']);
const oneOf = (value: unknown, allowed: readonly unknown[]) => value === undefined || allowed.includes(value);

/**
 * The common call (a URL and any of method, headers, body, responseType, engine, signal) passes
 * the same checks as the schema, by hand, without its per-key cost; anything else — nested
 * policies, an unknown key, a wrong type — goes through the schema, which reports the error.
 */
function simpleOptions(input: unknown): ParsedOptions | undefined {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) {
    return undefined;
  }
  const o = input as Record<string, unknown>;
  for (const key in o) if (!SIMPLE_KEYS.has(key)) return undefined;
  const ok =
    (typeof o.url === 'string' || o.url instanceof URL) &&
    (o.method === undefined || typeof o.method === 'string') &&
    (o.headers === undefined || (typeof o.headers === 'object' && o.headers !== null)) &&
    oneOf(o.responseType, ['text', 'json', 'bytes']) &&
    oneOf(o.engine, ['node', 'fetch']) &&
    (o.signal === undefined || o.signal instanceof AbortSignal);
  return ok ? (o as ParsedOptions) : undefined;
}

// request() has validated already; the lane must not parse the plan a second time.
const planned = /* @__PURE__ */ (() => ({
  ...httpLane,
  validate: (plan: unknown) => plan as HttpRequestPlan,
}))();

/** `output.body`'s type for a `responseType`. */
export type BodyFor<R> = R extends 'bytes' ? Uint8Array : R extends 'json' ? unknown : string;

/**
 * Sends one HTTP request and returns its Execution. Options are checked before any I/O
 * (`INVALID_OPTIONS`). The output is the final response whatever its status, unless
 * `throwOnHttpError` is set; `timeouts.totalMs` is the execution timeout (default 30 s).
 *
 * @example
 * await using execution = request({ url: 'https://api.example.com/items', responseType: 'json' });
 * const { status, body } = await execution.output();
 */
export function request<const I extends RequestOptions>(
  input: I,
  options: ExecutionOptions = {},
): Execution<HttpResponseOutput<BodyFor<I['responseType']>>, HttpLaneEvents> {
  const { signal, ...rest } = simpleOptions(input) ?? parseOptions(RequestOptionsSchema, input, 'request()');
  const plan = planRequest(rest, 'request()');
  const execution: ExecutionOptions = {
    ...options,
    signal: combine(signal, options.signal),
    timeoutMs: smallest(options.timeoutMs, plan.totalMs),
  };
  return startExecution(planned, plan, execution) as Execution<
    HttpResponseOutput<BodyFor<I['responseType']>>,
    HttpLaneEvents
  >;
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

function smallest(
  timeoutMs: number | null | undefined,
  totalMs: number | undefined,
): number | null | undefined {
  if (totalMs === undefined) return timeoutMs;
  return typeof timeoutMs === 'number' ? Math.min(timeoutMs, totalMs) : totalMs;
}
