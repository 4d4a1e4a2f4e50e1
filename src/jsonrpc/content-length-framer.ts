import { concatBytes } from '../internal/concat-bytes.js';
import { encodeUtf8, utf8Length } from '../internal/utf8.js';
import { jsonRpcDefaults } from './defaults.js';
import {
  decodeFrameText,
  type FrameDecoder,
  type FrameSink,
  framingError,
  tooLarge,
  withoutBom,
} from './frame-sink.js';

const CR = 0x0d;
const CONTENT_LENGTH = 'Content-Length: ';
const SIMPLE_LENGTH = /^Content-Length: \d{1,15}$/;
const LF = 0x0a;

/** Encodes one message as an LSP-style frame: `Content-Length: <bytes>\r\n\r\n<json>`. */
export function encodeContentLength(text: string): string {
  return `Content-Length: ${utf8Length(text)}\r\n\r\n${text}`;
}

/** Limits of {@link createContentLengthDecoder}. */
export interface ContentLengthLimits {
  /** @defaultValue `jsonRpcDefaults.maxMessageBytes` */
  readonly maxMessageBytes?: number;
  /** @defaultValue `jsonRpcDefaults.maxHeaderBytes` */
  readonly maxHeaderBytes?: number;
}

/**
 * LSP-style framing: a header block (`Name: value` lines ending in an empty line, `Content-Length`
 * required, `Content-Type` charset must be UTF-8) then exactly that many body bytes. A repeated
 * `Content-Length` with the same value is accepted (RFC 9110 §8.6 allows it); a conflicting or
 * non-numeric one is a fatal framing error, never "last wins". Lines in
 * the header block that are not headers (a server's stray log output) are reported as noise. A
 * body over `maxMessageBytes` is reported and skipped byte-exactly, so framing stays in sync; a
 * header block without a usable `Content-Length` (or over `maxHeaderBytes`) leaves no way to
 * resynchronise, so the decoder reports it and ignores all further input.
 *
 * @example
 * const decoder = createContentLengthDecoder({ frame: console.log, noise() {}, error: console.error });
 * decoder.feed('Content-Length: 7\r\n\r\n{"a":1}');
 */
export function createContentLengthDecoder(sink: FrameSink, limits: ContentLengthLimits = {}): FrameDecoder {
  return new ContentLengthDecoder(
    sink,
    limits.maxMessageBytes ?? jsonRpcDefaults.maxMessageBytes,
    limits.maxHeaderBytes ?? jsonRpcDefaults.maxHeaderBytes,
  );
}

class ContentLengthDecoder implements FrameDecoder {
  #sink: FrameSink;
  #maxBody: number;
  #maxHeader: number;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  // Body bytes still expected, -1 while reading a header block.
  #expected = -1;
  #skip = false;
  #failed = false;
  #terminator = 0;

  constructor(sink: FrameSink, maxBody: number, maxHeader: number) {
    this.#sink = sink;
    this.#maxBody = maxBody;
    this.#maxHeader = maxHeader;
  }

  feed(chunk: Uint8Array | string): void {
    if (this.#failed) return;
    const bytes = typeof chunk === 'string' ? encodeUtf8(chunk) : chunk;
    let offset = 0;
    while (offset < bytes.length && !this.#failed) {
      offset = this.#expected === -1 ? this.#header(bytes, offset) : this.#body(bytes, offset);
    }
  }

  end(): void {
    if (!this.#failed && (this.#buffered > 0 || this.#expected !== -1)) {
      this.#sink.error(framingError('input ended inside a frame', { buffered_bytes: this.#buffered }));
    }
    this.#chunks = [];
    this.#buffered = 0;
    this.#expected = -1;
    this.#terminator = 0;
  }

  // Consumes header bytes from `offset`; returns where the body starts, or bytes.length.
  #header(bytes: Uint8Array, offset: number): number {
    let end = -1;
    let state = this.#terminator;
    for (let i = offset; i < bytes.length; i++) {
      state = step(state, bytes[i] as number);
      if (state === 4) {
        end = i + 1;
        break;
      }
    }
    this.#terminator = end === -1 ? state : 0;
    const size = this.#buffered + (end === -1 ? bytes.length : end) - offset;
    if (size - 4 > this.#maxHeader) {
      this.#fail(`header block exceeds maxHeaderBytes (${this.#maxHeader})`);
      return bytes.length;
    }
    if (end === -1) {
      this.#chunks.push(bytes.subarray(offset));
      this.#buffered = size;
      return bytes.length;
    }
    this.#chunks.push(bytes.subarray(offset, end));
    const header = decodeFrameText(concatBytes(this.#chunks, size), 0, size - 4);
    this.#chunks = [];
    this.#buffered = 0;
    this.#parseHeader(header);
    return end;
  }

  #parseHeader(block: string): void {
    let length: number | undefined;
    let badCharset: string | undefined;
    // The common block is exactly one Content-Length line: skip the general parse.
    if (block.startsWith(CONTENT_LENGTH) && SIMPLE_LENGTH.test(block)) {
      this.#expectBody(Number(block.slice(CONTENT_LENGTH.length)), undefined);
      return;
    }
    for (const line of block.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      const name = colon === -1 ? '' : line.slice(0, colon).trim().toLowerCase();
      if (name === 'content-length') {
        const value = line.slice(colon + 1).trim();
        // Two readings of where the body ends is a desync waiting to happen (request smuggling's
        // trick): an unreadable or conflicting length is fatal; an identical repeat is harmless.
        if (!/^\d{1,15}$/.test(value)) {
          this.#fail('Content-Length is not a decimal byte count', { content_length: value.slice(0, 32) });
          return;
        }
        if (length !== undefined && length !== Number(value)) {
          this.#fail('conflicting Content-Length headers', { lengths: [length, Number(value)] });
          return;
        }
        length = Number(value);
      } else if (name === 'content-type') {
        const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(line)?.[1]?.toLowerCase();
        if (charset && charset !== 'utf-8' && charset !== 'utf8') badCharset = charset;
      } else if (colon === -1 || /\s/.test(name) || name === '') {
        if (line.trim().length > 0) this.#sink.noise(line);
      }
    }
    if (length === undefined) {
      this.#fail('header block without a valid Content-Length');
      return;
    }
    this.#expectBody(length, badCharset);
  }

  #expectBody(length: number, badCharset: string | undefined): void {
    this.#expected = length;
    this.#skip = false;
    if (length > this.#maxBody) {
      this.#sink.error(tooLarge(this.#maxBody, length));
      this.#skip = true;
    } else if (badCharset) {
      this.#sink.error(framingError(`unsupported charset ${badCharset}`, { charset: badCharset }));
      this.#skip = true;
    }
    if (length === 0) this.#complete(new Uint8Array(0));
  }

  #body(bytes: Uint8Array, offset: number): number {
    const need = this.#expected - this.#buffered;
    const take = Math.min(need, bytes.length - offset);
    if (!this.#skip) this.#chunks.push(bytes.subarray(offset, offset + take));
    this.#buffered += take;
    if (take === need) {
      const body = this.#skip ? new Uint8Array(0) : concatBytes(this.#chunks, this.#expected);
      this.#complete(body);
    }
    return offset + take;
  }

  #complete(body: Uint8Array): void {
    const skip = this.#skip;
    this.#chunks = [];
    this.#buffered = 0;
    this.#expected = -1;
    this.#skip = false;
    if (!skip) this.#sink.frame(withoutBom(decodeFrameText(body)));
  }

  #fail(message: string, details?: Record<string, unknown>): void {
    this.#failed = true;
    this.#chunks = [];
    this.#buffered = 0;
    this.#sink.error(framingError(message, details));
  }
}

// Progress through CR LF CR LF (4 = header block complete).
function step(state: number, byte: number): number {
  if (byte === CR) return state === 2 ? 3 : 1;
  if (byte === LF) return state === 1 ? 2 : state === 3 ? 4 : 0;
  return 0;
}
