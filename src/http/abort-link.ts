import type { AbortLink } from './engine.js';

const noop = () => {};

/**
 * The abort side of one attempt. Engines that take a callback (Node) subscribe with `onAbort`,
 * so a request costs no AbortController; an AbortSignal is made only for an engine that asks
 * for one (fetch). undici takes the link itself as its `signal` (an EventEmitter shape): with a
 * per-request adapter of closures and getters there, the undici engine's committed heap grew to
 * 160–190 MiB at 32 in flight against about 50 MiB for undici alone; passing the link brought it
 * back to 50–90. Listeners added once aborted are never called, as an AbortSignal's. Aborting
 * twice keeps the first reason.
 */
export class AttemptAbort implements AbortLink {
  #aborted = false;
  #reason: unknown;
  #listeners: Array<(reason: unknown) => void> = [];
  #controller: AbortController | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  onAbort(listener: (reason: unknown) => void): () => void {
    if (this.#aborted) {
      listener(this.#reason);
      return noop;
    }
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  on(_event: 'abort', listener: () => void): this {
    this.#listeners.push(listener);
    return this;
  }

  once(event: 'abort', listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(_event: 'abort', listener: () => void): this {
    const index = this.#listeners.indexOf(listener);
    if (index >= 0) this.#listeners.splice(index, 1);
    return this;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener(reason);
  }
}
