import { concatBytes } from '../internal/concat-bytes.js';
import { encodeUtf8, utf8Length } from '../internal/utf8.js';
import { jsonRpcDefaults } from './defaults.js';
import { decodeFrameText, type FrameDecoder, type FrameSink, tooLarge, withoutBom } from './frame-sink.js';

const LF = 0x0a;

/** Encodes one message as an NDJSON frame (JSON text never contains a raw newline). */
export function encodeNdjson(text: string): string {
  return `${text}\n`;
}

/**
 * Newline-delimited JSON: one frame per line, `\r\n` accepted, blank lines skipped, a leading
 * UTF-8 BOM of a line dropped, a final line without a newline delivered at `end()`. A line longer than `maxMessageBytes` is reported and
 * skipped up to its newline, so memory stays bounded whatever the input.
 *
 * @example
 * const decoder = createNdjsonDecoder({ frame: console.log, noise() {}, error: console.error });
 * decoder.feed('{"a":1}\n{"b"'); decoder.feed(':2}\n'); // two frames
 */
export function createNdjsonDecoder(
  sink: FrameSink,
  maxMessageBytes = jsonRpcDefaults.maxMessageBytes,
): FrameDecoder {
  return new NdjsonDecoder(sink, maxMessageBytes);
}

class NdjsonDecoder implements FrameDecoder {
  #sink: FrameSink;
  #max: number;
  #text = '';
  #bytes: Uint8Array[] = [];
  #byteCount = 0;
  // Skipping the rest of an oversize line until its newline.
  #discarding = false;

  constructor(sink: FrameSink, max: number) {
    this.#sink = sink;
    this.#max = max;
  }

  feed(chunk: Uint8Array | string): void {
    if (typeof chunk === 'string') {
      if (this.#byteCount > 0) this.#feedBytes(encodeUtf8(chunk));
      else this.#feedText(chunk);
    } else {
      if (this.#text.length > 0) {
        const pending = encodeUtf8(this.#text);
        this.#text = '';
        this.#bytes.push(pending);
        this.#byteCount = pending.length;
      }
      this.#feedBytes(chunk);
    }
  }

  end(): void {
    if (this.#text.length > 0) this.#line(this.#text);
    else if (this.#byteCount > 0) this.#line(decodeFrameText(concatBytes(this.#bytes, this.#byteCount)));
    this.#text = '';
    this.#bytes = [];
    this.#byteCount = 0;
    this.#discarding = false;
  }

  #feedText(chunk: string): void {
    const text = this.#text.length > 0 ? this.#text + chunk : chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (this.#discarding) this.#discarding = false;
      else this.#checkedLine(text.slice(start, nl));
      start = nl + 1;
    }
    const rest = start === 0 ? text : text.slice(start);
    if (this.#discarding || (rest.length * 3 > this.#max && utf8Length(rest) > this.#max)) {
      if (!this.#discarding) this.#sink.error(tooLarge(this.#max, utf8Length(rest)));
      this.#discarding = true;
      this.#text = '';
    } else this.#text = rest;
  }

  #feedBytes(chunk: Uint8Array): void {
    let offset = 0;
    for (let nl = chunk.indexOf(LF); nl !== -1; nl = chunk.indexOf(LF, offset)) {
      if (this.#discarding) this.#discarding = false;
      else if (this.#byteCount === 0) this.#sizedLine(chunk, offset, nl);
      else {
        this.#bytes.push(chunk.subarray(offset, nl));
        const size = this.#byteCount + nl - offset;
        const joined = concatBytes(this.#bytes, size);
        this.#bytes = [];
        this.#byteCount = 0;
        this.#sizedLine(joined, 0, size);
      }
      offset = nl + 1;
    }
    if (offset === chunk.length || this.#discarding) return;
    const size = this.#byteCount + chunk.length - offset;
    if (size > this.#max) {
      this.#sink.error(tooLarge(this.#max, size));
      this.#bytes = [];
      this.#byteCount = 0;
      this.#discarding = true;
      return;
    }
    this.#bytes.push(chunk.subarray(offset));
    this.#byteCount = size;
  }

  #sizedLine(bytes: Uint8Array, start: number, end: number): void {
    if (end - start > this.#max) this.#sink.error(tooLarge(this.#max, end - start));
    else this.#line(decodeFrameText(bytes, start, end));
  }

  #checkedLine(line: string): void {
    if (line.length * 3 > this.#max && utf8Length(line) > this.#max) {
      this.#sink.error(tooLarge(this.#max, utf8Length(line)));
    } else this.#line(line);
  }

  #line(raw: string): void {
    const line = withoutBom(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (line.length === 0 || (line.charCodeAt(0) <= 0x20 && line.trim().length === 0)) return;
    this.#sink.frame(line);
  }
}
