import { truncateUtf8 } from '../internal/utf8.js';

/**
 * Collects decoded text up to `maxBytes` UTF-8 bytes. Past the limit the text is cut at a
 * character boundary, the rest is dropped, and `truncated` turns true. `maxBytes` 0 turns
 * collection off: nothing is kept and nothing is flagged.
 */
export class TextCollector {
  #parts: string[] = [];
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

  /** Adds `text`, whose UTF-8 size is `bytes`. */
  push(text: string, bytes: number): void {
    if (this.#truncated || this.#max === 0 || text.length === 0) return;
    const room = this.#max - this.#bytes;
    if (bytes <= room) {
      this.#parts.push(text);
      this.#bytes += bytes;
      return;
    }
    this.#truncated = true;
    const head = truncateUtf8(text, room);
    if (head.length > 0) this.#parts.push(head);
    this.#bytes = this.#max;
  }

  /** The collected text. */
  text(): string {
    if (this.#parts.length > 1) this.#parts = [this.#parts.join('')];
    return this.#parts[0] ?? '';
  }
}
