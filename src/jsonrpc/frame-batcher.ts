/**
 * Frames joined into one write hold at most this many frames: a burst of requests leaves in a few
 * writes of this size rather than in one, so the peer starts on the first of them while we are
 * still producing the rest (one write for a whole burst made each side wait for the other's).
 */
export const FRAMES_PER_WRITE = 16;

/** Frames joined into one write hold at most about this many characters (a big frame goes alone). */
export const CHARS_PER_WRITE = 64 * 1024;

/** How a batcher hands text to its stream: nothing when taken at once, else a promise of that. */
export type FrameWrite = (data: string) => undefined | Promise<void>;

/**
 * Coalesces the frames a channel sends within one turn of the event loop into few writes: the
 * first frame of a turn is written at once (no added latency for a lone request); the next are
 * joined and written each time {@link FRAMES_PER_WRITE} frames or {@link CHARS_PER_WRITE}
 * characters have gathered, and what is left when the turn ends. Frames keep their order. A
 * queued frame's `send` answers with the promise of the write that carries it (one per write).
 */
export class FrameBatcher {
  #write: FrameWrite;
  #frames: string[] = [];
  #chars = 0;
  #open = false;
  #batch: PromiseWithResolvers<void> | undefined;

  constructor(write: FrameWrite) {
    this.#write = write;
  }

  send(frame: string): undefined | Promise<void> {
    if (!this.#open) {
      this.#open = true;
      queueMicrotask(this.#endTurn);
      return this.#write(frame);
    }
    this.#frames.push(frame);
    this.#chars += frame.length;
    this.#batch ??= waiter();
    const batch = this.#batch;
    if (this.#frames.length >= FRAMES_PER_WRITE || this.#chars >= CHARS_PER_WRITE) this.#flush();
    return batch.promise;
  }

  /** Drops the frames not yet written (the channel ended); their writes reject with `error`. */
  discard(error: unknown): void {
    const batch = this.#batch;
    this.#frames = [];
    this.#chars = 0;
    this.#batch = undefined;
    batch?.reject(error);
  }

  #endTurn = () => {
    this.#open = false;
    if (this.#frames.length > 0) this.#flush();
  };

  #flush(): void {
    const frames = this.#frames;
    const batch = this.#batch as PromiseWithResolvers<void>;
    this.#frames = [];
    this.#chars = 0;
    this.#batch = undefined;
    let written: undefined | Promise<void>;
    try {
      written = this.#write(frames.length === 1 ? (frames[0] as string) : frames.join(''));
    } catch (error) {
      batch.reject(error);
      return;
    }
    if (written) written.then(batch.resolve, batch.reject);
    else batch.resolve();
  }
}

function waiter(): PromiseWithResolvers<void> {
  const batch = Promise.withResolvers<void>();
  // A frame's sender may not be listening; a failed write must not go unhandled.
  batch.promise.catch(() => {});
  return batch;
}
