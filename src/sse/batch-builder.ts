/** The most slots a chunk's batch is sized for in advance (a larger chunk's batch grows). */
const MAX_PRESIZE = 4_096;

/**
 * The messages of one chunk, gathered for its `sse.batch`: written into an array of their own,
 * sized for as many as the last chunk held, which is handed over at their exact count.
 *
 * Why not push onto a fresh `[]`: it grows by reallocating and copying its backing store (about
 * ten times for the ~1 200 messages of a 64 KiB chunk) and hands the consumer a third of it empty,
 * 23 bytes allocated per message. Why not one array kept for the stream and copied out per chunk:
 * a kept array outlives a scavenge and becomes old, and every message stored into it is then an
 * old-to-young store that the write barrier records (and, while V8 marks, shades); the copy and
 * the clearing were two more passes over the chunk. The array made here is as young as its
 * messages, is written once, and is the batch.
 */
export class BatchBuilder<T> {
  #items: T[] | null = null;
  #length = 0;
  #expected = 0;

  /** Items added since the last {@link take}. */
  get length(): number {
    return this.#length;
  }

  add(item: T): void {
    // Made at the chunk's first message, not after the last take: an array waiting across the
    // read would outlive a scavenge and be old by the time it is written.
    const items = this.#items ?? this.#start();
    items[this.#length++] = item;
  }

  /** The items added since the last take, in order, in an array of their own; empties the builder. */
  take(): T[] {
    const items = this.#items ?? [];
    const length = this.#length;
    if (items.length !== length) items.length = length;
    this.#expected = Math.min(length, MAX_PRESIZE);
    this.#items = null;
    this.#length = 0;
    return items;
  }

  /** Drops the items (each holds its chunk's text alive). */
  clear(): void {
    this.#items = null;
    this.#length = 0;
  }

  #start(): T[] {
    const items = new Array<T>(this.#expected);
    this.#items = items;
    return items;
  }
}
