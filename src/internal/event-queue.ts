/**
 * Bounded push→pull queue behind an Execution's async iterator.
 *
 * - While a consumer is attached, `push` returns a promise once the queue holds `capacity`
 *   items (or `maxBytes`); it resolves when the consumer has drained it to half the capacity and
 *   below `maxBytes`, detaches, or the queue closes. Releasing at half the count, not at the first
 *   free slot, lets the producer refill in one burst instead of waking once per item taken
 *   (items large against `maxBytes` are few, so bytes release at the first room).
 * - While nobody is attached, the oldest items are dropped past `capacity` and counted.
 * - A producer that ignores backpressure still cannot grow the queue past twice the capacity.
 * - The same holds for bytes: each item may carry the size its producer reports, and the queue
 *   holds at most `maxBytes` of them (twice that besides the newest item with a consumer
 *   attached), except that the newest item is always kept.
 */
export class EventQueue<T> {
  #items: T[] = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  #capacity: number;
  #maxBytes: number;
  #dropped = 0;
  #attached = false;
  #closed = false;
  // A waiting reader: one waiting for an item is handed it by the append, a batch reader
  // (`#readerMax` > 0) is woken to take what is queued when it runs.
  #reader: ((result?: IteratorResult<T, undefined>) => void) | undefined;
  #readerMax = 0;
  // An item handed to a waiting reader still counts against the capacity until the reader is
  // back for more, as if it had waited in the queue until the reader ran.
  #handed = 0;
  #spaceWaiters: Array<() => void> = [];

  #onDrained: (() => void) | undefined;
  /** Sees each item as a reader takes it (a WebSocket session frees the bytes it counted). */
  taken: ((item: T) => void) | undefined;

  /** `onDrained` runs each time a reader is told the queue is done. */
  constructor(capacity: number, onDrained?: () => void, maxBytes = Number.POSITIVE_INFINITY) {
    this.#capacity = capacity;
    this.#onDrained = onDrained;
    this.#maxBytes = maxBytes;
  }

  /** Reported bytes of the items held. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  get dropped(): number {
    return this.#dropped;
  }

  /**
   * Appends an item of `bytes` reported size; with `wait` false the caller is never asked to wait
   * (winding down).
   */
  push(item: T, wait = true, bytes = 0): undefined | Promise<void> {
    if (this.#closed) return undefined;
    this.#append(item, bytes);
    // Attached, only what was held before this item counts: a producer that waited whenever the
    // queue was full never loses an item, however large the next one is.
    if (this.#attached) this.#trim(this.#capacity * 2, this.#maxBytes * 2 + bytes);
    else this.#trim(this.#capacity, this.#maxBytes);
    if (
      wait &&
      this.#attached &&
      (this.size + this.#handed >= this.#capacity || this.#bytes >= this.#maxBytes)
    ) {
      return new Promise((resolve) => this.#spaceWaiters.push(resolve));
    }
    return undefined;
  }

  #trim(count: number, bytes: number): void {
    while (this.size > count || (this.#bytes > bytes && this.size > 1)) {
      this.#advance(this.#head + 1);
      this.#dropped++;
    }
  }

  /** Appends the last item regardless of capacity and closes the queue. */
  close(last: T): void {
    if (this.#closed) return;
    this.#append(last, 0);
    this.#closed = true;
    this.release();
    this.#wakeReader();
  }

  attach(): void {
    this.#attached = true;
  }

  /** The consumer left: release blocked producers and go back to bounded retention. */
  detach(): void {
    this.#attached = false;
    this.#trim(this.#capacity, this.#maxBytes);
    this.release();
  }

  /**
   * The next item, or done once closed and drained. An item already queued is handed over
   * directly; otherwise the next append hands its item to the waiting reader.
   */
  next(): Promise<IteratorResult<T, undefined>> {
    return this.#pull(0) as Promise<IteratorResult<T, undefined>>;
  }

  /**
   * Everything queued (at most `max` items) as one array, or done once closed and drained: one
   * promise per batch instead of one per item, for consumers of high-rate streams.
   */
  nextBatch(max: number): Promise<IteratorResult<T[], undefined>> {
    return this.#pull(max) as Promise<IteratorResult<T[], undefined>>;
  }

  // `max` 0 takes one item, otherwise an array of at most `max`.
  #pull(max: number): Promise<IteratorResult<T | T[], undefined>> {
    this.#handed = 0;
    if (this.size > 0 || this.#closed) return Promise.resolve(this.#settle(max));
    // Nothing is held now: a producer waiting for room (on the item it handed) may go on.
    this.release();
    this.#readerMax = max;
    const waiting = new Promise<IteratorResult<T, undefined> | undefined>((resolve) => {
      this.#reader = resolve;
    });
    // A batch reader takes what is queued when it runs, so a burst comes as one batch.
    return max ? waiting.then(() => this.#settle(max)) : (waiting as Promise<IteratorResult<T, undefined>>);
  }

  #settle(max: number): IteratorResult<T | T[], undefined> {
    if (this.size === 0) {
      this.#onDrained?.();
      return { done: true, value: undefined };
    }
    const head = this.#head;
    const end = max ? Math.min(this.#items.length, head + max) : head + 1;
    const value = max ? this.#items.slice(head, end) : (this.#items[head] as T);
    if (this.taken) for (let i = head; i < end; i++) this.taken(this.#items[i] as T);
    this.#advance(end);
    // Producers waiting for room are released at the low-water mark.
    if (this.#spaceWaiters.length > 0 && this.size <= this.#capacity >> 1 && this.#bytes < this.#maxBytes) {
      this.release();
    }
    return { done: false, value };
  }

  #append(item: T, bytes: number): void {
    this.#items.push(item);
    this.#sizes.push(bytes);
    this.#bytes += bytes;
    this.#wakeReader();
  }

  // A reader waiting for one item gets it here, without a second promise step to take it; it
  // counts as held until the reader is back (#handed), or a producer bursting before the reader
  // runs would never be told to wait — a 256 MiB line stream's peak RSS went from ~130 to ~400
  // MiB when the handed item stopped counting.
  #wakeReader(): void {
    const reader = this.#reader;
    if (!reader) return;
    this.#reader = undefined;
    if (this.#readerMax) reader();
    else {
      this.#handed = 1;
      reader(this.#settle(0) as IteratorResult<T, undefined>);
    }
  }

  // Moves the head to `end`, letting go of the items and bytes passed.
  #advance(end: number): void {
    for (let i = this.#head; i < end; i++) {
      this.#items[i] = undefined as T;
      this.#bytes -= this.#sizes[i] as number;
    }
    this.#head = end;
    // Reclaim the consumed prefix once it dominates, keeping shifts amortised O(1).
    if (end > 1024 && end * 2 > this.#items.length) {
      this.#items = this.#items.slice(end);
      this.#sizes = this.#sizes.slice(end);
      this.#head = 0;
    }
  }

  /** Resolves every producer waiting for room. */
  release(): void {
    if (this.#spaceWaiters.length === 0) return;
    const waiters = this.#spaceWaiters;
    this.#spaceWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
