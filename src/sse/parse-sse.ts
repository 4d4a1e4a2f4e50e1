import { EventStreamParser } from '../internal/event-stream-parser.js';
import { sseDefaults } from './limits.js';

/** One dispatched event (`event` and `id` `undefined` when not sent). */
export interface SseMessage {
  /** The `event:` field; `undefined` for the default type, `message`. */
  event?: string | undefined;
  /** The block's own `id:` field, if it had one. */
  id?: string | undefined;
  /** The data lines, joined with `\n`. */
  data: string;
}

/** A line the parser skipped: an unknown field, or a `retry:` that is not all digits. */
export interface SseIgnoredLine {
  readonly type: 'unknown-field' | 'invalid-retry';
  readonly line: string;
}

/** Callbacks of {@link parseSse}; they run synchronously inside `feed`. */
export interface SseParserOptions {
  /** An event was dispatched (a blank line ended a block with data). */
  readonly onEvent: (message: SseMessage) => void;
  /** A block set the last event id (also a block without data; `''` resets it). */
  readonly onId?: ((id: string) => void) | undefined;
  /** The server set the reconnection time (`retry:` with digits only), in milliseconds. */
  readonly onRetry?: ((ms: number) => void) | undefined;
  /** A comment line (`: keep-alive`), without the colon and one leading space. */
  readonly onComment?: ((text: string) => void) | undefined;
  /** A line that was skipped. */
  readonly onIgnored?: ((line: SseIgnoredLine) => void) | undefined;
  /**
   * Largest event (and partial line) buffered, in decoded characters.
   * @defaultValue 4 194 304 (`sseDefaults.maxEventBytes`)
   */
  readonly maxEventBytes?: number | undefined;
}

/** An incremental SSE parser: feed it chunks in order, `reset` it between connections. */
export interface SseParser {
  /**
   * Parses a chunk: bytes (UTF-8, characters may be split across chunks) or text. Throws an
   * ExecutionError `LIMIT_EXCEEDED` (`protocol_framing_failed`) once an event outgrows
   * `maxEventBytes`, and again on every feed until `reset`.
   */
  feed(chunk: Uint8Array | string): void;
  /** Drops any partial event and line, as after a dropped connection. */
  reset(): void;
}

/**
 * A pure, incremental parser for `text/event-stream` (the WHATWG grammar):
 * LF, CRLF and CR line endings, a leading BOM, comments, `retry:`, ids and a bounded buffer.
 * Invalid UTF-8 becomes U+FFFD rather than an exception.
 *
 * @example
 * const parser = parseSse({ onEvent: (m) => console.log(m.event ?? 'message', m.data) });
 * parser.feed(new TextEncoder().encode('event: ping\ndata: 1\n\n'));
 */
export function parseSse(options: SseParserOptions): SseParser {
  const { onEvent, onId, onRetry, onComment, onIgnored } = options;
  return new EventStreamParser(
    {
      event: (data, event, id) => onEvent({ id, event, data }),
      id: (id) => onId?.(id),
      retry: (ms) => onRetry?.(ms),
      comment: onComment ?? null,
      ignored: (type, line) => onIgnored?.({ type, line }),
    },
    options.maxEventBytes ?? sseDefaults.maxEventBytes,
  );
}
