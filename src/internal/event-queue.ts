/**
 * Bounded push→pull queue behind an Execution's async iterator.
 *
 * - While a consumer is attached, `push` returns a promise once the queue holds `capacity`
 *   items; it resolves when the consumer makes room, detaches, or the queue closes.
 * - While nobody is attached, the oldest items are dropped past `capacity` and counted.
 * - A producer that ignores backpressure still cannot grow the queue past twice the capacity.
 */
export class EventQueue<T> {
  #items: T[] = [];
  #head = 0;
  #capacity: number;
  #dropped = 0;
  #attached = false;
  #closed = false;
  #pullWaiter: (() => void) | undefined;
  #spaceWaiters: Array<() => void> = [];

  #onDrained: (() => void) | undefined;

  /** `onDrained` runs each time a reader is told the queue is done. */
  constructor(capacity: number, onDrained?: () => void) {
    this.#capacity = capacity;
    this.#onDrained = onDrained;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  get dropped(): number {
    return this.#dropped;
  }

  get attached(): boolean {
    return this.#attached;
  }

  /** Appends an item; with `wait` false the caller is never asked to wait (winding down). */
  push(item: T, wait = true): undefined | Promise<void> {
    if (this.#closed) return undefined;
    this.#append(item);
    const limit = this.#attached ? this.#capacity * 2 : this.#capacity;
    while (this.size > limit) this.#dropOldest();
    if (wait && this.#attached && this.size >= this.#capacity) {
      return new Promise((resolve) => this.#spaceWaiters.push(resolve));
    }
    return undefined;
  }

  /** Appends the last item regardless of capacity and closes the queue. */
  close(last: T): void {
    if (this.#closed) return;
    this.#append(last);
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
    while (this.size > this.#capacity) this.#dropOldest();
    this.release();
  }

  /**
   * The next item, or done once closed and drained. Resolves in one promise hop: an item already
   * queued is handed over directly, otherwise the next append hands it to the waiting reader.
   */
  next(): Promise<IteratorResult<T, undefined>> {
    if (this.size > 0) return Promise.resolve({ done: false, value: this.#take() });
    if (this.#closed) return Promise.resolve(this.#done());
    return new Promise<void>((resolve) => {
      this.#pullWaiter = resolve;
    }).then(() => (this.size > 0 ? { done: false, value: this.#take() } : this.#done()));
  }

  #done(): IteratorReturnResult<undefined> {
    this.#onDrained?.();
    return { done: true, value: undefined };
  }

  #take(): T {
    const item = this.#items[this.#head] as T;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    this.#compact();
    if (this.size < this.#capacity) this.release();
    return item;
  }

  #append(item: T): void {
    this.#items.push(item);
    this.#wakeReader();
  }

  #wakeReader(): void {
    const waiter = this.#pullWaiter;
    if (waiter) {
      this.#pullWaiter = undefined;
      waiter();
    }
  }

  #dropOldest(): void {
    this.#items[this.#head] = undefined as T;
    this.#head++;
    this.#dropped++;
    this.#compact();
  }

  // Reclaim the consumed prefix once it dominates, keeping shifts amortised O(1).
  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
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
