/**
 * `execution-plane/sse`: server-sent event streams as executions — `parseSse()`, a pure
 * incremental parser on eventsource-parser, and `stream()`, which reconnects with Last-Event-ID
 * and the server's `retry:`, guards idle connections, bounds event size, ends on a `[DONE]`
 * sentinel, and pulls the body only as fast as the consumer iterates.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type {
  SseBatchEventPayload,
  SseCommentEventPayload,
  SseEndReason,
  SseLaneEvents,
  SseMessageEventPayload,
  SseOpenEventPayload,
  SseReconnectingEventPayload,
  SseStreamOutput,
} from './events.js';
export {
  DEFAULT_ERROR_PREVIEW_BYTES,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_EVENT_BYTES,
  DEFAULT_OPEN_TIMEOUT_MS,
  DEFAULT_RECONNECT_INITIAL_DELAY_MS,
  DEFAULT_RECONNECT_MAX_ATTEMPTS,
  DEFAULT_RECONNECT_MAX_DELAY_MS,
  DEFAULT_SENTINEL,
} from './limits.js';
export type { SseStreamInput, StandardSchemaLike, StreamOptions } from './options.js';
export {
  parseSse,
  type SseIgnoredLine,
  type SseMessage,
  type SseParser,
  type SseParserOptions,
} from './parse-sse.js';
export type { ReconnectPlan, SseStreamPlan } from './plan-stream.js';
export { isRetryableStatus, reconnectDelay } from './reconnect.js';
export { SsePayloadSchema, sseLane } from './sse-lane.js';
export { stream } from './stream.js';
