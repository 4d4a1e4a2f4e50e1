import { utf8StartOffset } from '../internal/utf8.js';

/**
 * Keeps the last `maxBytes` bytes written to it (the stderr tail). Reading it never starts in the
 * middle of a UTF-8 character, unlike the reference's byte slice.
 */
export class TailRing {
  #chunks: Buffer[] = [];
  #bytes = 0;
  #max: number;
  #dropped = false;

  constructor(maxBytes: number) {
    this.#max = maxBytes;
  }

  /** True once older bytes have been dropped. */
  get dropped(): boolean {
    return this.#dropped;
  }

  push(chunk: Buffer): void {
    if (this.#max === 0 || chunk.length === 0) {
      if (chunk.length > 0) this.#dropped = true;
      return;
    }
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    // Drop whole chunks while what stays still covers the limit.
    while (this.#chunks.length > 1 && this.#bytes - (this.#chunks[0] as Buffer).length >= this.#max) {
      this.#bytes -= (this.#chunks.shift() as Buffer).length;
      this.#dropped = true;
    }
  }

  /** The tail as text, cut to a character boundary. */
  text(): string {
    if (this.#bytes === 0) return '';
    const all = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
    this.#chunks = [all];
    const tail = all.length > this.#max ? all.subarray(all.length - this.#max) : all;
    const start = all.length > this.#max ? utf8StartOffset(tail) : 0;
    return tail.toString('utf8', start);
  }
}
