/**
 * One timer for a sequence of phase limits (connect, headers, idle between chunks …). When a
 * phase outlives its limit, `onExpire(phase, limitMs)` is called, once.
 * Activity only stamps a time; the timer re-arms lazily when it fires early, so a body chunk
 * costs no timer work. Shared by the HTTP and SSE lanes.
 *
 * @example
 * const watchdog = new PhaseWatchdog((phase, ms) => controller.abort(new Error(`${phase} after ${ms} ms`)));
 * watchdog.enter('idle', 30_000);
 * for await (const chunk of body) watchdog.touch();
 * watchdog.stop();
 */
export class PhaseWatchdog<P extends string = string> {
  #onExpire: (phase: P, limitMs: number) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #phase: P | undefined;
  #limitMs = 0;
  #since = 0;
  #fireAt = 0;

  constructor(onExpire: (phase: P, limitMs: number) => void) {
    this.#onExpire = onExpire;
  }

  /** Starts `phase` with `limitMs` from now. */
  enter(phase: P, limitMs: number): void {
    this.#phase = phase;
    this.#limitMs = limitMs;
    this.#since = performance.now();
    // Re-arm only when this phase ends before the armed timer would fire.
    if (this.#timer === undefined || this.#since + limitMs < this.#fireAt) {
      clearTimeout(this.#timer);
      this.#arm(limitMs);
    }
  }

  /** Activity in the current phase (a body chunk): its limit counts from now. */
  touch(): void {
    this.#since = performance.now();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#phase = undefined;
  }

  /**
   * No limit applies until the next `enter` (the consumer, not the peer, is being waited on).
   * The armed timer is kept, so a pause followed by `enter` costs no timer work; a timer that
   * fires while paused expires nothing and is not re-armed. End with `stop`.
   */
  pause(): void {
    this.#phase = undefined;
  }

  #arm(delay: number): void {
    this.#fireAt = performance.now() + delay;
    this.#timer = setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    if (this.#phase === undefined) return;
    const remaining = this.#since + this.#limitMs - performance.now();
    // Timers may fire a fraction of a millisecond early; only a whole millisecond left re-arms.
    if (remaining >= 1) this.#arm(Math.ceil(remaining));
    else this.#onExpire(this.#phase, this.#limitMs);
  }
}
