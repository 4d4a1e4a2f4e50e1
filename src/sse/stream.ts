import * as z from 'zod/mini';
import { type Execution, type ExecutionOptions, parseOptions, startExecution } from '../core/index.js';
import type { SseLaneEvents, SseStreamOutput } from './events.js';
import { SseStreamInputSchema, type StreamOptions } from './options.js';
import { planStream, type SseStreamPlan } from './plan-stream.js';
import { sseLane } from './sse-lane.js';

const StreamOptionsSchema = z.extend(SseStreamInputSchema, {
  signal: z.optional(z.custom<AbortSignal>((value) => value instanceof AbortSignal)),
});

// stream() has validated already; the lane must not parse the plan a second time.
const planned = /* @__PURE__ */ (() => ({
  ...sseLane,
  validate: (plan: unknown) => plan as SseStreamPlan,
}))();

/**
 * Opens a server-sent event stream and returns its Execution: `sse.open`, one `sse.message`
 * per event (pulled from the network only as fast as you iterate), `sse.reconnecting` after a
 * drop. Options are checked before any I/O (`INVALID_OPTIONS`). No overall timeout unless you
 * pass `timeoutMs`; `idleTimeoutMs` guards a silent server.
 *
 * @example
 * await using execution = stream({ url: 'https://api.example.com/v1/chat', method: 'POST', body: { stream: true }, json: true });
 * for await (const event of execution) {
 *   if (event.event_type === 'sse.message') console.log(event.payload.value);
 * }
 */
export function stream<V = unknown>(
  input: StreamOptions<V>,
  options: ExecutionOptions = {},
): Execution<SseStreamOutput, SseLaneEvents<V>> {
  const { signal, ...rest } = parseOptions(StreamOptionsSchema, input, 'stream()');
  const plan = planStream(rest, 'stream()');
  const combined =
    signal && options.signal ? AbortSignal.any([signal, options.signal]) : (signal ?? options.signal);
  return startExecution(planned, plan, { ...options, signal: combined }) as Execution<
    SseStreamOutput,
    SseLaneEvents<V>
  >;
}
