import { ExecutionError } from '../core/errors.js';
import { decodeUtf8 } from '../internal/utf8.js';

const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
const bomKeeping = /* @__PURE__ */ new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * UTF-8 bytes to text with a byte order mark kept as U+FEFF whatever the chunk type: a default
 * TextDecoder drops a leading BOM while `Buffer#toString` keeps it, which made a frame's text
 * depend on how the stream was chunked (found by the fuzz suite).
 */
export function decodeFrameText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return NodeBuffer?.isBuffer(bytes)
    ? decodeUtf8(bytes, start, end)
    : bomKeeping.decode(bytes.subarray(start, end));
}

/** A frame's text without one leading BOM (U+FEFF is never JSON; some peers start output with it). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

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
