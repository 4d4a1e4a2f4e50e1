import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import { ExecutionError } from '../core/errors.js';
import { sseDefaults } from './limits.js';

/** One dispatched event, as eventsource-parser gives it (`event` and `id` absent when not sent). */
export type SseMessage = EventSourceMessage;

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
 * A pure, incremental parser for `text/event-stream` on eventsource-parser's `createParser`:
 * LF, CRLF and CR line endings, a leading BOM, comments, `retry:`, ids and a bounded buffer.
 * Invalid UTF-8 becomes U+FFFD rather than an exception.
 *
 * @example
 * const parser = parseSse({ onEvent: (m) => console.log(m.event ?? 'message', m.data) });
 * parser.feed(new TextEncoder().encode('event: ping\ndata: 1\n\n'));
 */
export function parseSse(options: SseParserOptions): SseParser {
  const maxEventBytes = options.maxEventBytes ?? sseDefaults.maxEventBytes;
  let decoder = new TextDecoder();
  let overflow: ExecutionError | undefined;
  const { onIgnored, onEvent } = options;
  const parser = createParser({
    // maxBufferSize bounds what is buffered across chunks; an event that arrives whole in one
    // chunk bypasses it, so its size is checked here too.
    onEvent: (message) => {
      if (message.data.length <= maxEventBytes && overflow === undefined) onEvent(message);
      else overflow ??= tooLarge(maxEventBytes);
    },
    onId: options.onId,
    onRetry: options.onRetry,
    onComment: options.onComment,
    maxBufferSize: maxEventBytes,
    onError: (error: ParseError) => {
      if (error.type === 'max-buffer-size-exceeded') overflow = tooLarge(maxEventBytes);
      else onIgnored?.({ type: error.type, line: error.line ?? '' });
    },
  });
  return {
    feed(chunk) {
      if (overflow) throw overflow;
      parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (overflow) throw overflow;
    },
    reset() {
      overflow = undefined;
      decoder = new TextDecoder();
      parser.reset();
    },
  };
}

function tooLarge(limit: number): ExecutionError {
  return new ExecutionError('LIMIT_EXCEEDED', `an SSE event exceeds maxEventBytes (${limit})`, {
    failureClass: 'protocol_framing_failed',
    details: { limit: 'maxEventBytes', limit_value: limit },
  });
}
