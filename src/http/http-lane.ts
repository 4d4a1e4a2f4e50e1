import * as z from 'zod/mini';
import { defineLane, type Lane } from '../core/index.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import { HttpRequestInputSchema } from './options.js';
import type { HttpRequestPlan } from './plan.js';
import { planRequest } from './plan-request.js';
import { runRequest } from './run-request.js';

/**
 * The HTTP lane's payload schema: request options in, a checked plan out.
 *
 * @example
 * const plan = parseOptions(HttpPayloadSchema, { url: 'http://127.0.0.1:8080/' }, 'http');
 */
export const HttpPayloadSchema = z.pipe(
  HttpRequestInputSchema,
  z.transform((input) => planRequest(input, 'http lane payload')),
);

/**
 * The HTTP lane: one unary request per execution. Register it with a node, or start it with
 * `startExecution(httpLane, { url })`; `request()` is the convenient entry point.
 *
 * @example
 * const execution = startExecution(httpLane, { url: 'http://127.0.0.1:8080/health' }, { timeoutMs: 5_000 });
 * const { status } = await execution.output();
 */
export const httpLane: Lane<HttpRequestPlan, HttpResponseOutput, HttpLaneEvents> = /* @__PURE__ */ defineLane(
  {
    id: 'http',
    capabilities: {
      protocols: ['http'],
      surfaces: ['http', 'https'],
      supports_stream: false,
      metadata: { engines: ['node', 'fetch'] },
    },
    payloadSchema: HttpPayloadSchema,
    start: runRequest,
  },
);
