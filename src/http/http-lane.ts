import type { ExecutionOptions, Lane, LaneCapabilities } from '../core/index.js';
import { withReferenceWire } from '../internal/reference-wire.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import type { HttpRequestPlan } from './plan.js';
import { planRequest } from './plan-request.js';
import { httpReferenceWire } from './reference-payload.js';
import { runRequest } from './run-request.js';

const capabilities: LaneCapabilities = {
  lane_id: 'http',
  protocols: ['http'],
  surfaces: ['http', 'https'],
  supports_execute: true,
  supports_stream: false,
  metadata: { engines: ['node', 'fetch'] },
};

const NO_DEFAULTS: ExecutionOptions = {};

/**
 * The lane as `request()` enters it: camelCase options only, so neither the reference's payload
 * shape nor its per-plan timeout map is on that path (nor in a bundle that imports `request`).
 */
export const requestLane: Lane<HttpRequestPlan, HttpResponseOutput, HttpLaneEvents> = {
  id: 'http',
  capabilities,
  plan: planRequest,
  executionDefaults: (plan) => (plan.totalMs === undefined ? NO_DEFAULTS : { timeoutMs: plan.totalMs }),
  start: runRequest,
};

/**
 * The HTTP lane: one unary request per execution. Its payload is `{ url, …RequestOptions }`
 * without the execution options; `timeouts.totalMs` becomes the execution timeout. Register it
 * with a node, or start it with `startExecution(httpLane, { url })`; `request()` is the
 * convenient entry point.
 *
 * @example
 * const execution = startExecution(httpLane, { url: 'https://api.example.com/health' }, { timeoutMs: 5_000 });
 * const { status } = await execution.output();
 */
export const httpLane: Lane<HttpRequestPlan, HttpResponseOutput, HttpLaneEvents> =
  /* @__PURE__ */ withReferenceWire(requestLane, httpReferenceWire);
