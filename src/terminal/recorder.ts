import { createWriteStream, type WriteStream } from 'node:fs';
import { utf8Length } from '../internal/utf8.js';

const MARKER_ROOM = 48;

/**
 * Writes an asciicast v2 recording (the format asciinema plays): a header line, then one
 * `[seconds, code, data]` line per output (`o`), input (`i`) and resize (`r`, `"COLSxROWS"`).
 * Size-capped: once the next line would pass `maxBytes` it writes a last marker (`m`,
 * `"recording truncated"`) if it fits and records nothing more.
 */
export class AsciicastRecorder {
  readonly #file: WriteStream;
  readonly #maxBytes: number;
  readonly #start = performance.now();
  #bytes = 0;
  #full = false;

  readonly #scrub: (text: string) => string;

  constructor(
    path: string,
    maxBytes: number,
    cols: number,
    rows: number,
    termName: string,
    scrub: (text: string) => string = (text) => text,
  ) {
    this.#maxBytes = maxBytes;
    this.#scrub = scrub;
    this.#file = createWriteStream(path, { flags: 'w', mode: 0o600 });
    this.#file.on('error', () => {
      this.#full = true;
    });
    const header = {
      version: 2,
      width: cols,
      height: rows,
      timestamp: Math.floor(Date.now() / 1000),
      env: { TERM: termName },
    };
    this.#line(JSON.stringify(header));
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** True once the cap stopped the recording. */
  get truncated(): boolean {
    return this.#full;
  }

  output(text: string): void {
    this.#event('o', this.#scrub(text));
  }

  input(text: string): void {
    this.#event('i', this.#scrub(text));
  }

  resize(cols: number, rows: number): void {
    this.#event('r', `${cols}x${rows}`);
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => this.#file.end(resolve));
  }

  #event(code: string, data: string): void {
    if (this.#full) return;
    const seconds = Math.round(performance.now() - this.#start) / 1000;
    const line = JSON.stringify([seconds, code, data]);
    // Room is kept for the marker, so a truncated recording always says so.
    if (this.#bytes + utf8Length(line) + 1 + MARKER_ROOM > this.#maxBytes) {
      this.#full = true;
      const marker = JSON.stringify([seconds, 'm', 'recording truncated']);
      if (this.#bytes + marker.length + 1 <= this.#maxBytes) this.#line(marker);
      return;
    }
    this.#line(line);
  }

  #line(line: string): void {
    this.#bytes += utf8Length(line) + 1;
    this.#file.write(`${line}\n`);
  }
}
