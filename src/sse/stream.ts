import type { Execution } from '../core/execution.js';
import { enterLane } from '../core/start-execution.js';
import { withUrl } from '../internal/http/with-url.js';
import type { SseLaneEvents, SseMessageEventPayload, SseStreamOutput } from './events.js';
import { messagesOf } from './messages.js';
import type { StreamOptions } from './options.js';
import { sseLane } from './sse-lane.js';

/**
 * Opens a server-sent event stream and returns its Execution: `sse.open`, then one `sse.batch`
 * per network chunk holding that chunk's messages (one `sse.message` per message with
 * `batch: false`), `sse.reconnecting` after a drop; the body is pulled from the network only as
 * fast as you iterate. `execution.messages()` reads the messages one at a time instead — simpler,
 * and slower on high-rate streams. Options — the stream's and the execution's (`timeoutMs`,
 * `signal` …) in one object — are checked before any I/O (`INVALID_OPTIONS`). No overall timeout
 * unless you pass `timeoutMs`; `idleTimeoutMs` guards a silent server.
 *
 * @example
 * await using execution = stream('https://api.example.com/v1/stream', { method: 'POST', body: { stream: true }, json: true });
 * for await (const event of execution) {
 *   if (event.event_type === 'sse.batch') for (const message of event.payload.messages) console.log(message.value);
 * }
 */
export function stream<V = unknown>(
  url: string | URL,
  options?: StreamOptions<V>,
): Execution<SseStreamOutput, SseLaneEvents<V>> & {
  /**
   * The stream's messages one at a time, from `sse.batch` and `sse.message` events alike: one
   * promise per message (iterating the execution pays one per chunk). Ends when the stream ends
   * well, rejects with the `ExecutionError` of `output()` when it fails; iterating it is
   * iterating the execution (one consumer at a time, backpressure, `break` leaves it running).
   *
   * @example
   * for await (const message of stream(url).messages()) console.log(message.data);
   */
  messages(): AsyncIterable<SseMessageEventPayload<V>>;
} {
  const execution = enterLane(sseLane, withUrl(url, options, 'stream()'), 'stream()') as Execution<
    SseStreamOutput,
    SseLaneEvents<V>
  >;
  return Object.assign(execution, { messages: () => messagesOf(execution) });
}
