/**
 * Bytes of received messages a session holds for its consumer: emitted as `websocket.message`
 * events, not yet taken by the session's iterator. Core keeps at most `capacity` events per
 * execution, so only the newest `capacity` messages count (an older one was dropped or taken):
 * the sum is an upper bound of what the event queue holds. Past `maxBytes` the connection stops
 * reading (TCP flow control slows the peer) until the consumer takes messages.
 */
export class ReceiveBudget {
  readonly maxBytes: number;
  readonly #capacity: number;
  // Insertion-ordered: the oldest held message first.
  readonly #held = new Map<object, number>();
  #bytes = 0;
  #waiters: Array<() => void> = [];

  constructor(maxBytes: number, capacity: number) {
    this.maxBytes = maxBytes;
    this.#capacity = capacity;
  }

  /** Bytes held now (an upper bound of the message bytes in the event queue). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether reading must wait for the consumer. */
  get over(): boolean {
    return this.#bytes > this.maxBytes;
  }

  /** A message event was emitted with `payload` (its identity marks it) carrying `bytes`. */
  hold(payload: object, bytes: number): void {
    this.#held.set(payload, bytes);
    this.#bytes += bytes;
    if (this.#held.size > this.#capacity) {
      const [oldest, size] = this.#held.entries().next().value as [object, number];
      this.#held.delete(oldest);
      this.#bytes -= size;
    }
  }

  /** The consumer took the event whose payload is `payload`. */
  take(payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return;
    const size = this.#held.get(payload);
    if (size === undefined) return;
    this.#held.delete(payload);
    this.#bytes -= size;
    if (!this.over) this.release();
  }

  /** Resolves once the held bytes are back within `maxBytes` (or {@link release} is called). */
  room(): Promise<void> {
    if (!this.over) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Wakes every waiter (the consumer caught up, the connection closes, or the session ends). */
  release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
