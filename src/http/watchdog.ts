import { type HttpPhase, httpTimeout } from './errors.js';

/**
 * One timer per attempt that enforces the phase limits (connect, headers, idle between body
 * chunks). Aborts `controller` with a `timeout` ExecutionError naming the phase. Activity only
 * stamps a time; the timer re-arms lazily when it fires early, so a chunk costs no timer work.
 */
export class Watchdog {
  #controller: AbortController;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #phase: HttpPhase = 'headers';
  #limitMs = 0;
  #since = 0;
  #fireAt = 0;

  constructor(controller: AbortController) {
    this.#controller = controller;
  }

  /** Starts `phase` with `limitMs` from now. */
  enter(phase: HttpPhase, limitMs: number): void {
    this.#phase = phase;
    this.#limitMs = limitMs;
    this.#since = performance.now();
    // Re-arm only when this phase ends before the armed timer would fire.
    if (this.#timer === undefined || this.#since + limitMs < this.#fireAt) {
      clearTimeout(this.#timer);
      this.#arm(limitMs);
    }
  }

  /** Activity in the current phase (a body chunk): the idle limit counts from now. */
  touch(): void {
    this.#since = performance.now();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delay: number): void {
    this.#fireAt = performance.now() + delay;
    this.#timer = setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    const remaining = this.#since + this.#limitMs - performance.now();
    // Timers may fire a fraction of a millisecond early; only a whole millisecond left re-arms.
    if (remaining >= 1) this.#arm(Math.ceil(remaining));
    else if (!this.#controller.signal.aborted)
      this.#controller.abort(httpTimeout(this.#phase, this.#limitMs));
  }
}
