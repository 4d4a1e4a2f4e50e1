import { utf8Length } from '../internal/utf8.js';

/**
 * Text chunks bounded by their total UTF-8 size: pushing past `capacity` drops whole chunks from
 * the front (never a partial chunk, so an escape sequence is not cut mid-way) and counts the bytes.
 * Pure; used for a terminal's scrollback and for each viewer's buffer.
 */
export class ByteRing {
  #chunks: Array<{ text: string; bytes: number }> = [];
  #head = 0;
  #bytes = 0;
  #dropped = 0;
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes dropped so far to stay within capacity. */
  get droppedBytes(): number {
    return this.#dropped;
  }

  /** Forgets the dropped count (scrollback that did not fit a new viewer was never its output). */
  resetDropped(): void {
    this.#dropped = 0;
  }

  get empty(): boolean {
    return this.#head === this.#chunks.length;
  }

  push(text: string): void {
    const bytes = utf8Length(text);
    this.#chunks.push({ text, bytes });
    this.#bytes += bytes;
    while (this.#bytes > this.#capacity && !this.empty) this.#drop();
  }

  /** Removes and returns the oldest chunk. */
  shift(): string | undefined {
    if (this.empty) return undefined;
    const chunk = this.#chunks[this.#head] as { text: string; bytes: number };
    this.#advance(chunk.bytes);
    return chunk.text;
  }

  /** Everything held, oldest first, as one string. */
  snapshot(): string {
    let out = '';
    for (let i = this.#head; i < this.#chunks.length; i++) out += (this.#chunks[i] as { text: string }).text;
    return out;
  }

  /** Everything held, oldest first, chunk by chunk. */
  chunks(): string[] {
    const out: string[] = [];
    for (let i = this.#head; i < this.#chunks.length; i++)
      out.push((this.#chunks[i] as { text: string }).text);
    return out;
  }

  #drop(): void {
    const chunk = this.#chunks[this.#head] as { bytes: number };
    this.#dropped += chunk.bytes;
    this.#advance(chunk.bytes);
  }

  #advance(bytes: number): void {
    this.#bytes -= bytes;
    this.#head++;
    if (this.#head > 256 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }
}
