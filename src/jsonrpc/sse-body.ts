import { ExecutionError, isExecutionError } from '../core/errors.js';

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
  const { EventStreamParser } = await import('../internal/event-stream-parser.js');
  const ready: string[] = [];
  const parser = new EventStreamParser(
    {
      event(data, event) {
        if (event !== undefined && event !== 'message') onOther?.(event, data);
        else if (data.length > 0) ready.push(data);
      },
      id(id) {
        cursor.lastEventId = id;
      },
      retry(ms) {
        cursor.retryMs = ms;
      },
      comment: null,
      ignored() {},
    },
    maxBytes,
  );
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      try {
        parser.feed(value);
      } catch (error) {
        // The parser's bound: an event (or an unended line) past maxBytes.
        if (!isExecutionError(error) || error.code !== 'LIMIT_EXCEEDED') throw error;
        throw new ExecutionError('MESSAGE_TOO_LARGE', `an SSE event exceeded maxMessageBytes (${maxBytes})`, {
          failureClass: 'protocol_framing_failed',
          details: { limit: 'maxMessageBytes', value: maxBytes },
        });
      }
      if (ready.length > 0) {
        const events = ready.splice(0);
        for (const data of events) await onData(data);
      }
    }
  } finally {
    reader.releaseLock();
    void body.cancel().catch(() => {});
  }
}
