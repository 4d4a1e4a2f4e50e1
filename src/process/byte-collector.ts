import { concatBytes } from '../internal/concat-bytes.js';

/**
 * Collects bytes up to `maxBytes`, exactly as read. Past the limit the rest is dropped and
 * `truncated` turns true. `maxBytes` 0 turns collection off: nothing is kept, nothing flagged.
 */
export class ByteCollector {
  #parts: Uint8Array[] = [];
  #bytes = 0;
  #max: number;
  #truncated = false;

  constructor(maxBytes: number) {
    this.#max = maxBytes;
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  /** False when nothing more will be kept (full, or collection off). */
  get open(): boolean {
    return !this.#truncated && this.#max > 0;
  }

  /** Adds a chunk (kept by reference: chunks read from a pipe are not reused). */
  push(chunk: Uint8Array): void {
    if (!this.open || chunk.length === 0) return;
    const room = this.#max - this.#bytes;
    if (chunk.length <= room) {
      this.#parts.push(chunk);
      this.#bytes += chunk.length;
      return;
    }
    this.#truncated = true;
    if (room > 0) this.#parts.push(chunk.subarray(0, room));
    this.#bytes = this.#max;
  }

  /** The collected bytes, as a plain `Uint8Array`. */
  bytes(): Uint8Array {
    if (this.#parts.length !== 1) this.#parts = [concatBytes(this.#parts, this.#bytes)];
    const only = this.#parts[0] as Uint8Array;
    // A Buffer would serialise as { type, data } and compare unequal to a Uint8Array in tests.
    return Object.getPrototypeOf(only) === Uint8Array.prototype
      ? only
      : new Uint8Array(only.buffer, only.byteOffset, only.length);
  }
}
