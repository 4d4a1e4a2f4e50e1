/**
 * `execution-plane/sse`: server-sent event streams as executions — `stream(url, options)`, which
 * reconnects with Last-Event-ID and the server's `retry:`, guards idle connections, bounds event
 * size, ends on a `[DONE]` sentinel, and pulls the body only as fast as the consumer iterates;
 * and `parseSse()`, a pure incremental parser.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type { SseErrorCode } from '../core/error-codes.js';
export type {
  SseLaneEvents,
  SseMessageEventPayload,
  SseOpenEventPayload,
  SseReconnectingEventPayload,
  SseStreamOutput,
} from './events.js';
export { sseDefaults } from './limits.js';
export type { SseReconnectOptions, StandardSchemaLike, StreamOptions } from './options.js';
export { parseSse, type SseParser, type SseParserOptions } from './parse-sse.js';
export { sseLane } from './sse-lane.js';
export { stream } from './stream.js';
