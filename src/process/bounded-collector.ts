/**
 * Collects parts of output up to `maxBytes`. Past the limit the part that crosses it is cut to the
 * room left (`cut`), the rest is dropped, and `truncated` turns true. `maxBytes` 0 turns
 * collection off: nothing is kept and nothing is flagged. Subclasses say how a part is cut and
 * how parts are joined.
 */
export abstract class BoundedCollector<T extends { readonly length: number }> {
  #parts: T[] = [];
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

  /** Adds `part`, whose size is `bytes` (its length unless given). */
  push(part: T, bytes: number = part.length): void {
    if (!this.open || part.length === 0) return;
    const room = this.#max - this.#bytes;
    if (bytes <= room) {
      this.#parts.push(part);
      this.#bytes += bytes;
      return;
    }
    this.#truncated = true;
    const head = this.cut(part, room);
    if (head.length > 0) this.#parts.push(head);
    this.#bytes = this.#max;
  }

  /** At most `room` bytes of `part`, from its start. */
  protected abstract cut(part: T, room: number): T;

  /** The parts as one, `bytes` in all. */
  protected abstract join(parts: readonly T[], bytes: number): T;

  /** Everything kept, joined once (`undefined` when nothing was). */
  protected collected(): T | undefined {
    if (this.#parts.length > 1) this.#parts = [this.join(this.#parts, this.#bytes)];
    return this.#parts[0];
  }
}
