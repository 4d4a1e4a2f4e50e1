import * as z from 'zod/mini';
import { defineLane, type Lane } from '../core/index.js';
import type { SseLaneEvents, SseStreamOutput } from './events.js';
import { SseStreamInputSchema } from './options.js';
import { planStream, type SseStreamPlan } from './plan-stream.js';
import { runStream } from './run-stream.js';

/**
 * The SSE lane's payload schema: stream options in, a checked plan out.
 *
 * @example
 * const plan = parseOptions(SsePayloadSchema, { url: 'http://127.0.0.1:8080/events' }, 'sse');
 */
export const SsePayloadSchema = z.pipe(
  SseStreamInputSchema,
  z.transform((input) => planStream(input, 'sse lane payload')),
);

/**
 * The SSE lane: one event stream per execution, reconnecting with Last-Event-ID. It has no
 * default timeout (streams are long-lived); the idle timeout guards a silent peer. `stream()`
 * is the convenient entry point.
 *
 * @example
 * const execution = startExecution(sseLane, { url: 'http://127.0.0.1:8080/events' });
 * for await (const event of execution) if (event.event_type === 'sse.message') console.log(event.payload.data);
 */
export const sseLane: Lane<SseStreamPlan, SseStreamOutput, SseLaneEvents> = /* @__PURE__ */ defineLane({
  id: 'sse',
  capabilities: {
    protocols: ['sse'],
    surfaces: ['http', 'https'],
    supports_execute: true,
    supports_stream: true,
  },
  payloadSchema: SsePayloadSchema,
  start: runStream,
  defaultTimeoutMs: null,
});
