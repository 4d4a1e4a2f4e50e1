import type { ExecutionOptions, Lane, LaneCapabilities } from '../core/index.js';
import { withReferenceWire } from '../internal/reference-wire.js';
import type { SseLaneEvents, SseStreamOutput } from './events.js';
import { sseDefaults } from './limits.js';
import { planStream, type SseStreamPlan } from './plan-stream.js';
import { sseReferenceWire } from './reference-payload.js';
import { runStream } from './run-stream.js';

// A batch is a network chunk: a queue of 1 024 of them would read megabytes ahead of a slow reader.
const BATCH_DEFAULTS: ExecutionOptions = { eventQueueCapacity: sseDefaults.batchQueueCapacity };
const NO_DEFAULTS: ExecutionOptions = {};

const capabilities: LaneCapabilities = {
  lane_id: 'sse',
  protocols: ['sse'],
  surfaces: ['http', 'https'],
  supports_execute: true,
  supports_stream: true,
  metadata: {},
};

/**
 * The SSE lane: one event stream per execution, reconnecting with Last-Event-ID. Its payload is
 * `{ url, …StreamOptions }` without the execution options. It has no default timeout (streams
 * are long-lived); the idle timeout guards a silent peer. `stream()` is the convenient entry point
 * (and adds `messages()`). Delivered in batches (the default), an execution holds
 * `sseDefaults.batchQueueCapacity` events unless `eventQueueCapacity` says otherwise.
 *
 * @example
 * const execution = startExecution(sseLane, { url: 'https://api.example.com/v1/events' });
 * for await (const event of execution)
 *   if (event.event_type === 'sse.batch') for (const message of event.payload.messages) console.log(message.data);
 */
export const sseLane: Lane<SseStreamPlan, SseStreamOutput, SseLaneEvents> = /* @__PURE__ */ withReferenceWire(
  {
    id: 'sse',
    capabilities,
    plan: planStream,
    start: runStream,
    defaultTimeoutMs: null,
    executionDefaults: (plan) => (plan.batch ? BATCH_DEFAULTS : NO_DEFAULTS),
  },
  sseReferenceWire,
);
