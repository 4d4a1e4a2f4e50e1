import type { AbortLink } from './engine.js';

const noop = () => {};

/**
 * The abort side of one attempt. Engines that take a callback (Node, undici) subscribe with
 * `onAbort`, so a request costs no AbortController; an AbortSignal is made only for an engine
 * that asks for one (fetch). A listener added once aborted is called at once. Aborting twice
 * keeps the first reason. An attempt's engine is usually its one listener: it takes a slot of its
 * own, and only more listeners (a streamed body's) make a list.
 */
export class AttemptAbort implements AbortLink {
  #aborted = false;
  #reason: unknown;
  #first: Listener | undefined;
  #more: Listener[] | undefined;
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
    if (this.#first === undefined) {
      this.#first = listener;
      return () => {
        if (this.#first === listener) this.#first = undefined;
      };
    }
    this.#more ??= [];
    const more = this.#more;
    more.push(listener);
    return () => {
      const index = more.indexOf(listener);
      if (index >= 0) more.splice(index, 1);
    };
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const first = this.#first;
    const more = this.#more;
    this.#first = undefined;
    this.#more = undefined;
    first?.(reason);
    if (more) for (const listener of more) listener(reason);
  }
}

type Listener = (reason: unknown) => void;
