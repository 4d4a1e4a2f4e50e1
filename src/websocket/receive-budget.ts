/** A held message's payload: its identity and its size in bytes. */
interface Sized {
  readonly bytes: number;
}

/**
 * Bytes of received messages a session holds for its consumer: emitted as `websocket.message`
 * events, not yet taken by the session's iterator. Core keeps at most `capacity` events per
 * execution, so only the newest `capacity` messages count (an older one was dropped or taken):
 * the sum is an upper bound of what the event queue holds. Past `maxBytes` the connection stops
 * reading (TCP flow control slows the peer) until the consumer takes messages.
 *
 * Held messages are a FIFO, as core's event queue is: the consumer takes them in order, so the
 * one taken is almost always the oldest held (O(1), no per-message map entry); one further back
 * means core dropped those before it, and they are released with it. A message's payload carries
 * its size (`bytes`), so nothing else is stored per message.
 */
export class ReceiveBudget {
  readonly maxBytes: number;
  readonly #capacity: number;
  // Oldest first from #head; slots before #head are taken or dropped.
  #payloads: Array<Sized | undefined> = [];
  #head = 0;
  #bytes = 0;
  #waiters: Array<() => void> = [];

  constructor(maxBytes: number, capacity: number) {
    this.maxBytes = maxBytes;
    this.#capacity = capacity;
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** True while more than `maxBytes` are held: reading waits for {@link room}. */
  get over(): boolean {
    return this.#bytes > this.maxBytes;
  }

  /** Counts a message about to be emitted (its payload object identifies it when taken). */
  hold(payload: Sized): void {
    this.#payloads.push(payload);
    this.#bytes += payload.bytes;
    if (this.#payloads.length - this.#head > this.#capacity) this.#drop(this.#head + 1);
  }

  /** The consumer took this event's payload: release its bytes (and any older ones core dropped). */
  take(payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return;
    const payloads = this.#payloads;
    let i = this.#head;
    while (i < payloads.length && payloads[i] !== payload) i++;
    if (i === payloads.length) return;
    this.#drop(i + 1);
    if (!this.over) this.release();
  }

  /** Resolves once the held bytes are within `maxBytes` again. */
  room(): Promise<void> {
    if (!this.over) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Wakes every waiter (the connection is closing: reading must resume). */
  release(): void {
    // Called for every message taken: nothing to wake is the usual case, and costs no new array.
    if (this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  // Releases every held message before index `end`.
  #drop(end: number): void {
    for (let i = this.#head; i < end; i++) {
      this.#bytes -= (this.#payloads[i] as Sized).bytes;
      this.#payloads[i] = undefined;
    }
    this.#head = end;
    // Compacted once the passed prefix dominates, not each time the FIFO empties: one message at a
    // time empties it per message, and a new array (or `length = 0`) per message cost 30–55 ns.
    if (end > 1024 && end * 2 > this.#payloads.length) {
      this.#payloads = this.#payloads.slice(end);
      this.#head = 0;
    }
  }
}
