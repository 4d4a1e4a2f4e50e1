import type { HeaderRecord } from '../internal/http/headers.js';

/** Payload of `sse.open`: a connection was accepted (2xx, `text/event-stream`). */
export interface SseOpenEventPayload {
  /** Connection attempt, 1 for the first. */
  readonly attempt: number;
  /** The response's status code (2xx). */
  readonly status: number;
  /** Response headers, credentials `[redacted]`. */
  readonly headers: HeaderRecord;
  /** The URL that answered (after redirects). */
  readonly url: string;
  /** The Last-Event-ID sent with this request, if any. */
  readonly last_event_id: string | null;
}

/** Payload of `sse.message` (with `batch: false`), and each element of an `sse.batch`: one dispatched event. */
export interface SseMessageEventPayload<V = unknown> {
  /** The event's own `id:` field, `null` when it had none. */
  readonly id: string | null;
  /** The event type; `message` when the server sent no `event:` field. */
  readonly event: string;
  /** The event's data, its lines joined with `\n`. */
  readonly data: string;
  /** The parsed (and, with a schema, validated) data; present with `json`. */
  readonly value?: V;
}

/** Payload of `sse.batch` (the default delivery): the messages of one network chunk, in order. */
export interface SseBatchEventPayload<V = unknown> {
  /** The messages, as `sse.message` would carry them one by one. */
  readonly messages: ReadonlyArray<SseMessageEventPayload<V>>;
}

/** Payload of `sse.reconnecting`: the next connection is made after `delay_ms`. */
export interface SseReconnectingEventPayload {
  /** The connection attempt about to be made. */
  readonly attempt: number;
  /** Milliseconds waited before it. */
  readonly delay_ms: number;
  /** Sent as Last-Event-ID on the next request. */
  readonly last_event_id: string | null;
  /** Why the connection ended: a clean end (`afterEnd`), a drop, a timeout, a status or a failed connect. */
  readonly reason: 'eof' | 'disconnect' | 'idle' | 'open_timeout' | 'status' | 'transport';
  /** The status that is reconnected after (`reason: 'status'`). */
  readonly status: number | null;
  /** The low-level network error code (`ECONNRESET` …) of a transport failure or drop. */
  readonly errno: string | null;
}

/** Payload of `sse.comment` (only with `comments: true`). */
export interface SseCommentEventPayload {
  /** The comment, without the colon and one leading space. */
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
  /** The last id the server set, sent as Last-Event-ID to resume; `null` for none. */
  readonly last_event_id: string | null;
  /** Connections made after the first. */
  readonly reconnects: number;
  /** `sentinel` (the `[DONE]` event), `eof` (the server ended the response) or `no_content` (a 204). */
  readonly end_reason: SseEndReason;
  /** Status of the last response. */
  readonly status: number | null;
}
