import type { Execution } from '../core/index.js';
import { enterLane } from '../core/start-execution.js';
import { withUrl } from '../internal/http/with-url.js';
import type { SseLaneEvents, SseStreamOutput } from './events.js';
import type { StreamOptions } from './options.js';
import { sseLane } from './sse-lane.js';

/**
 * Opens a server-sent event stream and returns its Execution: `sse.open`, one `sse.message`
 * per event (pulled from the network only as fast as you iterate), `sse.reconnecting` after a
 * drop. Options — the stream's and the execution's (`timeoutMs`, `signal` …) in one object — are
 * checked before any I/O (`INVALID_OPTIONS`). No overall timeout unless you pass `timeoutMs`;
 * `idleTimeoutMs` guards a silent server.
 *
 * @example
 * await using execution = stream('https://api.example.com/v1/stream', { method: 'POST', body: { stream: true }, json: true });
 * for await (const event of execution) {
 *   if (event.event_type === 'sse.message') console.log(event.payload.value);
 * }
 */
export function stream<V = unknown>(
  url: string | URL,
  options?: StreamOptions<V>,
): Execution<SseStreamOutput, SseLaneEvents<V>> {
  return enterLane(sseLane, withUrl(url, options, 'stream()'), 'stream()') as Execution<
    SseStreamOutput,
    SseLaneEvents<V>
  >;
}
