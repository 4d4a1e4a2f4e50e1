import type { HeaderRecord } from '../internal/http/headers.js';

/** Payload of `sse.open`: a connection was accepted (2xx, `text/event-stream`). */
export interface SseOpenEventPayload {
  /** Connection attempt, 1 for the first. */
  readonly attempt: number;
  readonly status: number;
  readonly headers: HeaderRecord;
  readonly url: string;
  /** The Last-Event-ID sent with this request, if any. */
  readonly last_event_id: string | null;
}

/** Payload of `sse.message`: one dispatched event. */
export interface SseMessageEventPayload<V = unknown> {
  /** The event's own `id:` field, `null` when it had none. */
  readonly id: string | null;
  /** The event type; `message` when the server sent no `event:` field. */
  readonly event: string;
  readonly data: string;
  /** The parsed (and, with a schema, validated) data; present with `json`. */
  readonly value?: V;
}

/** Payload of `sse.batch` (only with `batch: true`): the messages of one network chunk, in order. */
export interface SseBatchEventPayload<V = unknown> {
  readonly messages: ReadonlyArray<SseMessageEventPayload<V>>;
}

/** Payload of `sse.reconnecting`: the next connection is made after `delay_ms`. */
export interface SseReconnectingEventPayload {
  /** The connection attempt about to be made. */
  readonly attempt: number;
  readonly delay_ms: number;
  /** Sent as Last-Event-ID on the next request. */
  readonly last_event_id: string | null;
  readonly reason: 'eof' | 'disconnect' | 'idle' | 'open_timeout' | 'status' | 'transport';
  /** The status that is reconnected after (`reason: 'status'`). */
  readonly status: number | null;
  /** The low-level network error code (`ECONNRESET` …) of a transport failure or drop. */
  readonly errno: string | null;
}

/** Payload of `sse.comment` (only with `comments: true`). */
export interface SseCommentEventPayload {
  readonly text: string;
}

/** Events of the SSE lane, by type. */
export interface SseLaneEvents<V = unknown> {
  'sse.open': SseOpenEventPayload;
  'sse.message': SseMessageEventPayload<V>;
  'sse.batch': SseBatchEventPayload<V>;
  'sse.reconnecting': SseReconnectingEventPayload;
  'sse.comment': SseCommentEventPayload;
}

/** How a stream ended well. */
export type SseEndReason = 'sentinel' | 'eof' | 'no_content';

/** The output of a stream that ended well. */
export interface SseStreamOutput {
  /** Messages delivered (the sentinel not counted). */
  readonly messages: number;
  readonly last_event_id: string | null;
  /** Connections made after the first. */
  readonly reconnects: number;
  readonly end_reason: SseEndReason;
  /** Status of the last response. */
  readonly status: number | null;
}
