/** Something with a deadline the sweeper watches. */
export interface Expiring {
  /** Monotonic ms (performance.now) at which it expires; Infinity for never. */
  deadline: number;
}

/**
 * One timer for all of a connection's request deadlines, instead of a timer per request (a
 * `setTimeout` and `clearTimeout` per request cost more than the rest of the bookkeeping). The
 * timer is armed for the earliest deadline it knows; a request that finishes early is simply
 * skipped when the timer fires, which then re-arms for the next deadline. It keeps the process
 * alive only while something is pending, as per-request timers would (on Node, Deno and Bun; a
 * browser's or worker's timer is a number, with nothing to unref).
 */
export class DeadlineSweeper<T extends Expiring> {
  #items: () => Iterable<T>;
  #expire: (item: T, now: number) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedFor = Number.POSITIVE_INFINITY;
  #referenced = true;

  /** `items` lists what is pending; `expire` is called for each item whose deadline passed. */
  constructor(items: () => Iterable<T>, expire: (item: T, now: number) => void) {
    this.#items = items;
    this.#expire = expire;
  }

  /** A deadline was set or moved earlier. */
  watch(deadline: number): void {
    if (!this.#referenced) {
      this.#referenced = true;
      this.#timer?.ref?.();
    }
    if (deadline < this.#armedFor) this.#arm(deadline);
  }

  /** Nothing is pending: the timer may stay armed but must not hold the process open. */
  idle(): void {
    if (this.#referenced && this.#timer) {
      this.#referenced = false;
      this.#timer.unref?.();
    }
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
  }

  #arm(deadline: number): void {
    clearTimeout(this.#timer);
    this.#armedFor = deadline;
    // +1: timers may fire a fraction of a millisecond early.
    this.#timer = setTimeout(this.#sweep, Math.max(0, Math.ceil(deadline - performance.now()) + 1));
    if (!this.#referenced) this.#timer.unref?.();
  }

  #sweep = () => {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    const expired: T[] = [];
    for (const item of this.#items()) {
      if (item.deadline <= now) expired.push(item);
      else if (item.deadline < next) next = item.deadline;
    }
    for (const item of expired) this.#expire(item, now);
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  };
}
