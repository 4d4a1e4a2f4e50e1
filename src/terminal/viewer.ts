import { ExecutionError } from '../core/errors.js';
import { ByteRing } from './byte-ring.js';

/**
 * One attached viewer of a terminal: an async iterable of output text, starting with the
 * scrollback it was given. It buffers at most `bufferBytes`; a viewer that falls further behind
 * loses the oldest output (`droppedBytes`) instead of slowing the program down. Iteration ends
 * when the viewer detaches or the terminal exits.
 */
export class TerminalViewer implements AsyncIterable<string> {
  readonly #ring: ByteRing;
  readonly #onDetach: (viewer: TerminalViewer) => void;
  #ended = false;
  #wake: (() => void) | undefined;
  #iterating = false;

  /** @internal Use `terminal.attach()`. */
  constructor(bufferBytes: number, initial: string, onDetach: (viewer: TerminalViewer) => void) {
    this.#ring = new ByteRing(bufferBytes);
    this.#onDetach = onDetach;
    if (initial) this.#ring.push(initial);
  }

  /** Bytes of output this viewer lost because it read too slowly. */
  get droppedBytes(): number {
    return this.#ring.droppedBytes;
  }

  /** True once detached or the terminal ended. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Stops receiving output; iteration ends after what is already buffered. Idempotent. */
  detach(): void {
    if (this.#ended) return;
    this.#end();
    this.#onDetach(this);
  }

  /** @internal Delivers output from the terminal. */
  deliver(text: string): void {
    if (this.#ended) return;
    this.#ring.push(text);
    this.#notify();
  }

  /** @internal The terminal ended. */
  end(): void {
    this.#end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.#iterating)
      throw new ExecutionError('ALREADY_ITERATING', 'a terminal viewer has one reader at a time');
    this.#iterating = true;
    try {
      while (true) {
        const text = this.#ring.shift();
        if (text !== undefined) {
          yield text;
          continue;
        }
        if (this.#ended) return;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      this.#iterating = false;
    }
  }

  #end(): void {
    this.#ended = true;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
