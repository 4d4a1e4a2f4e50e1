import {
  type ContentLengthLimits,
  createContentLengthDecoder,
  encodeContentLength,
} from './content-length-framer.js';
import type { FrameDecoder, FrameSink } from './frame-sink.js';
import { createNdjsonDecoder, encodeNdjson } from './ndjson-framer.js';

/** How messages are delimited on a byte stream (stdio, a TCP socket). */
export type JsonRpcFraming = 'ndjson' | 'content-length';

/** The framings, for option schemas. */
export const JSONRPC_FRAMINGS = ['ndjson', 'content-length'] as const;

/**
 * A decoder for `framing`.
 *
 * @example
 * const decoder = createFrameDecoder('content-length', { frame, noise, error }, { maxMessageBytes: 1 << 20 });
 */
export function createFrameDecoder(
  framing: JsonRpcFraming,
  sink: FrameSink,
  limits: ContentLengthLimits = {},
): FrameDecoder {
  return framing === 'ndjson'
    ? createNdjsonDecoder(sink, limits.maxMessageBytes)
    : createContentLengthDecoder(sink, limits);
}

/** Encodes one message text as a frame of `framing`. */
export function encodeFrame(framing: JsonRpcFraming, text: string): string {
  return framing === 'ndjson' ? encodeNdjson(text) : encodeContentLength(text);
}
