interface Watched {
  users: number;
  readonly listener: () => void;
}

/**
 * Watches callers' AbortSignals for a connection's requests: one listener per signal however
 * many requests share it (counted, not listed: on abort the owner finds them), removed by
 * {@link SignalWatch.releaseUnused} once no request uses it. The owner calls that a microtask
 * after responses settle, so a caller that sends its next request with the same signal right
 * after a response (a sequential loop) keeps the listener instead of re-adding it per request.
 */
export class SignalWatch {
  #watched = new Map<AbortSignal, Watched>();
  #unused: AbortSignal[] = [];
  #onAbort: (signal: AbortSignal, reason: unknown) => void;

  constructor(onAbort: (signal: AbortSignal, reason: unknown) => void) {
    this.#onAbort = onAbort;
  }

  add(signal: AbortSignal): void {
    const watched = this.#watched.get(signal);
    if (watched) {
      watched.users++;
      return;
    }
    const listener = () => {
      this.#watched.delete(signal);
      this.#onAbort(signal, signal.reason);
    };
    this.#watched.set(signal, { users: 1, listener });
    signal.addEventListener('abort', listener, { once: true });
  }

  delete(signal: AbortSignal): void {
    const watched = this.#watched.get(signal);
    if (watched && --watched.users === 0) this.#unused.push(signal);
  }

  /** Removes the listeners of signals no request uses any more. */
  releaseUnused(): void {
    if (this.#unused.length === 0) return;
    const unused = this.#unused;
    this.#unused = [];
    for (const signal of unused) {
      const watched = this.#watched.get(signal);
      if (!watched || watched.users > 0) continue;
      this.#watched.delete(signal);
      signal.removeEventListener('abort', watched.listener);
    }
  }

  /** Removes every listener (the connection ended). */
  clear(): void {
    for (const [signal, watched] of this.#watched) signal.removeEventListener('abort', watched.listener);
    this.#watched.clear();
    this.#unused = [];
  }
}
