/**
 * Coalesces the frames a session sends in one burst into one socket write, without a timer or a
 * tick of its own: the burst's first frame goes straight to the socket carrying the burst's end
 * as its write callback; a second frame corks the Node socket under the `ws` connection, and the
 * first frame's write callback — which Node runs on the next tick after a write that completed at
 * once, a tick it schedules for every write anyway — uncorks it, so 64 sends answering 64
 * received messages cost two `writev`s instead of 64 (a syscall is most of a small frame's cost),
 * and one send per burst (a sequential round trip) costs nothing extra. Order, write callbacks and
 * `bufferedAmount` (corked bytes count) are unchanged. A frame of {@link BATCH_FRAME_BYTES} or
 * more gains nothing from company: it flushes the burst and goes out at once, so large sends
 * never sit in memory. Only where every frame reaches the socket inside `send()`: a Node socket
 * (the portable build's WHATWG socket has none to cork) without permessage-deflate (`ws` holds
 * frames back while one is compressed, and a first frame held behind the cork would never call
 * back).
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

/**
 * The batching of one connection, or `undefined` where frames cannot be batched (see above);
 * `afterWrite` is what the first frame's write callback does besides ending the burst.
 */
export function batchFor(
  ws: { readonly extensions: string },
  afterWrite: (error?: Error | null) => void,
): WriteBatch | undefined {
  const socket = sockets.get(ws);
  return socket && ws.extensions === '' ? new WriteBatch(socket, afterWrite) : undefined;
}

/** One connection's batching: {@link before} precedes each write to its socket. */
export class WriteBatch {
  readonly #socket: Corkable;
  // A burst's first frame is on its way: its write callback ends the burst.
  #open = false;
  #corked = false;
  /**
   * The write callback of a burst's first frame: ends the burst, then `afterWrite`. Bound to this
   * connection, so a late callback of an earlier connection never ends a later one's burst.
   */
  readonly done: (error?: Error | null) => void;

  constructor(socket: Corkable, afterWrite: (error?: Error | null) => void) {
    this.#socket = socket;
    this.done = (error) => {
      this.end();
      afterWrite(error);
    };
  }

  /**
   * Called before a frame of `bytes` is written: true when the frame opens a burst, and then its
   * write must carry {@link done} as its callback. Later small frames are corked until then; a
   * large one flushes them and goes out at once.
   */
  before(bytes: number): boolean {
    if (!this.#open) {
      this.#open = true;
      return true;
    }
    if (bytes >= BATCH_FRAME_BYTES) this.#uncork();
    else if (!this.#corked) {
      this.#corked = true;
      this.#socket.cork();
    }
    return false;
  }

  /** The burst's first frame was written (or failed): what the burst corked goes out. */
  end(): void {
    this.#open = false;
    this.#uncork();
  }

  #uncork(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.#socket.uncork();
  }
}
