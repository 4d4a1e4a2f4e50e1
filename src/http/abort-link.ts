import type { AbortLink } from './engine.js';

const noop = () => {};

/**
 * The abort side of one attempt. Engines that take a callback (Node, undici) subscribe with
 * `onAbort`, so a request costs no AbortController; an AbortSignal is made only for an engine
 * that asks for one (fetch). A listener added once aborted is called at once. Aborting twice
 * keeps the first reason.
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
