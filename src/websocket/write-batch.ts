/**
 * Coalesces the frames a session sends in one burst (one run of the microtask queue) into one
 * socket write: the Node socket under a `ws` connection is corked at the burst's first frame and
 * uncorked on the next tick, so 64 sends answering 64 received messages cost one `writev`
 * instead of 64 (a syscall is most of a small frame's cost). Order, write callbacks and
 * `bufferedAmount` (corked bytes count) are unchanged. A frame of {@link BATCH_FRAME_BYTES} or
 * more gains nothing from company: it flushes the burst and goes out at once, as without batching,
 * so large sends never sit in memory for a tick. Off Node — the portable build's WHATWG
 * socket, which has no socket to cork — nothing is registered and frames go out as sent.
 */

/** What is corked: a Node `net.Socket` (the upgrade response's socket). */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** Frames at least this large (bytes) are written at once, never held for the burst. */
export const BATCH_FRAME_BYTES = 16 * 1024;

const sockets = new WeakMap<object, Corkable>();

/** Records the socket under `ws` (called by the Node `openSocket` when the upgrade succeeds). */
export function registerSocket(ws: object, socket: Corkable): void {
  sockets.set(ws, socket);
}

/** The socket under `ws`, if it can be corked (never off Node). */
export function socketOf(ws: object): Corkable | undefined {
  return nextTick ? sockets.get(ws) : undefined;
}

// Node's own; absent off Node, where no socket is ever registered.
const nextTick = (globalThis as { process?: { nextTick?: (fn: () => void) => void } }).process?.nextTick;

/** One session's batching: `before()` precedes each write to the socket of {@link socketOf}. */
export class WriteBatch {
  #corked: Corkable | undefined;
  #uncork = () => {
    const socket = this.#corked;
    this.#corked = undefined;
    socket?.uncork();
  };

  /**
   * Corks `socket` once per burst (the next tick writes what the burst queued), or flushes the
   * burst before a large frame of `bytes`.
   */
  before(socket: Corkable, bytes: number): void {
    if (bytes >= BATCH_FRAME_BYTES) {
      this.#uncork();
      return;
    }
    if (this.#corked) return;
    socket.cork();
    this.#corked = socket;
    (nextTick as (fn: () => void) => void)(this.#uncork);
  }
}
