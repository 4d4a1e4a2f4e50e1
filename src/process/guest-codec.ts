import { processError } from './errors.js';

/**
 * Encodes one bridge message: a 4-byte unsigned big-endian length, then the JSON object in UTF-8.
 *
 * @example
 * encodeFrame({ v: 1, kind: 'request', id: '1', op: 'attach', payload: {} });
 */
export function encodeFrame(message: object): Buffer {
  const json = Buffer.from(JSON.stringify(message), 'utf8');
  const frame = Buffer.allocUnsafe(4 + json.length);
  frame.writeUInt32BE(json.length, 0);
  json.copy(frame, 4);
  return frame;
}

function framingError(message: string, details: Record<string, unknown>) {
  return processError('BRIDGE_PROTOCOL_ERROR', message, 'protocol_framing_failed', details);
}

/**
 * Incremental decoder of length-prefixed JSON frames. Feed it chunks split anywhere; it returns
 * the complete messages and keeps the rest. A frame over `maxFrameBytes`, invalid JSON or a
 * non-object throws `BRIDGE_PROTOCOL_ERROR` (`protocol_framing_failed`).
 */
export class FrameDecoder {
  #chunks: Buffer[] = [];
  #buffered = 0;
  #max: number;

  constructor(maxFrameBytes: number) {
    this.#max = maxFrameBytes;
  }

  push(chunk: Buffer): Record<string, unknown>[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const messages: Record<string, unknown>[] = [];
    while (this.#buffered >= 4) {
      const head = this.#contiguous(4);
      const length = head.readUInt32BE(0);
      if (length > this.#max) {
        throw framingError(`bridge frame of ${length} bytes exceeds maxFrameBytes (${this.#max})`, {
          frame_bytes: length,
          max_frame_bytes: this.#max,
        });
      }
      if (this.#buffered < 4 + length) break;
      const frame = this.#contiguous(4 + length);
      messages.push(parseObject(frame.toString('utf8', 4, 4 + length)));
      this.#consume(4 + length);
    }
    return messages;
  }

  // The first `n` buffered bytes as one buffer (joins chunks only when a frame spans them).
  #contiguous(n: number): Buffer {
    const first = this.#chunks[0] as Buffer;
    if (first.length >= n) return first;
    const joined = Buffer.concat(this.#chunks);
    this.#chunks = [joined];
    return joined;
  }

  #consume(n: number): void {
    const first = this.#chunks[0] as Buffer;
    if (first.length === n) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(n);
    this.#buffered -= n;
  }
}

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw framingError(`bridge frame is not valid JSON: ${(cause as Error).message}`, {});
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw framingError('bridge frame is not a JSON object', {
      received: Array.isArray(value) ? 'array' : typeof value,
    });
  }
  return value as Record<string, unknown>;
}
