import { ExecutionError } from '../core/errors.js';

/** Where a framer delivers what it decodes (callbacks inside; the channel adapts them). */
export interface FrameSink {
  /** One complete frame's text. */
  frame(text: string): void;
  /** Bytes that are not part of any frame (stray log lines), as text. */
  noise(text: string): void;
  /** A framing error; the frame it concerns is dropped. */
  error(error: ExecutionError): void;
}

/** An incremental decoder: fed any chunk split, it produces the same frames. */
export interface FrameDecoder {
  /** Feeds the next chunk (bytes, or text already decoded from UTF-8). */
  feed(chunk: Uint8Array | string): void;
  /** The input ended: a trailing partial frame is delivered (NDJSON) or reported (Content-Length). */
  end(): void;
}

/** The typed error for a frame over the size limit. */
export function tooLarge(limit: number, size: number): ExecutionError {
  return new ExecutionError(
    'MESSAGE_TOO_LARGE',
    `message of ${size} bytes exceeds maxMessageBytes (${limit})`,
    {
      failureClass: 'protocol_framing_failed',
      details: { limit: 'maxMessageBytes', value: limit, size },
    },
  );
}

/** The typed error for malformed framing. */
export function framingError(message: string, details: Record<string, unknown> = {}): ExecutionError {
  return new ExecutionError('FRAMING_ERROR', message, { failureClass: 'protocol_framing_failed', details });
}
