/**
 * A token bucket over input bytes: `take(n)` is true while the viewer stays within
 * `bytesPerSecond` (with one second of burst). Pure apart from the clock it is given.
 */
export class InputRate {
  readonly #rate: number;
  #tokens: number;
  #at: number;
  readonly #now: () => number;

  constructor(bytesPerSecond: number, now: () => number = () => performance.now()) {
    this.#rate = bytesPerSecond;
    this.#tokens = bytesPerSecond;
    this.#now = now;
    this.#at = now();
  }

  take(bytes: number): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    this.#at = now;
    if (bytes > this.#tokens) return false;
    this.#tokens -= bytes;
    return true;
  }
}
