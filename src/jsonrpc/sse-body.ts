import { ExecutionError } from '../core/errors.js';

/** Where an SSE stream stands: what a resume (`Last-Event-ID`) and its delay need. */
export interface SseCursor {
  /** The last event id the server sent on this stream. */
  lastEventId: string | undefined;
  /** The server's `retry:` in milliseconds. */
  retryMs: number | undefined;
}

/**
 * Reads a `text/event-stream` body and hands each `message` event's data to `onData`, awaiting
 * it (backpressure reaches the socket); other event types go to `onOther` (the legacy transport's
 * `endpoint`). Events without data (MCP's priming event) only move the
 * cursor. Resolves when the server ends the body; rejects when the body errors (a dropped
 * connection, an abort) or one event grows past `maxBytes` (`MESSAGE_TOO_LARGE`).
 */
export async function readSseBody(
  body: ReadableStream<Uint8Array>,
  cursor: SseCursor,
  maxBytes: number,
  onData: (data: string) => undefined | Promise<void>,
  onOther?: (event: string, data: string) => void,
): Promise<void> {
  // Loaded on the first SSE answer: importing the subpath (the node's RPC does) stays free of it.
  const { createParser } = await import('eventsource-parser');
  const ready: string[] = [];
  const parser = createParser({
    onEvent(event) {
      if (event.id !== undefined) cursor.lastEventId = event.id;
      if (event.event !== undefined && event.event !== 'message') onOther?.(event.event, event.data);
      else if (event.data.length > 0) ready.push(event.data);
    },
    onRetry(ms) {
      cursor.retryMs = ms;
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  // Characters fed since the last dispatched event: bounds what the parser may hold.
  let pending = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      pending += text.length;
      parser.feed(text);
      if (ready.length > 0) {
        pending = 0;
        const events = ready.splice(0);
        for (const data of events) await onData(data);
      } else if (pending > maxBytes) {
        throw new ExecutionError('MESSAGE_TOO_LARGE', `an SSE event exceeded maxMessageBytes (${maxBytes})`, {
          failureClass: 'protocol_framing_failed',
          details: { limit: 'maxMessageBytes', value: maxBytes },
        });
      }
    }
  } finally {
    reader.releaseLock();
    void body.cancel().catch(() => {});
  }
}
