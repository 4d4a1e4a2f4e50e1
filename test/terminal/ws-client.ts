import { type ConnectOptions, connect, type WebSocketSession } from '../../src/websocket/index.js';

/** A frame the terminal's WebSocket transport sends. */
export type Frame = { type: string; [key: string]: unknown };

/**
 * The attach protocol through the package's own WebSocket client: `next(type)` waits for the
 * next frame of that type; `closed` resolves with the close code.
 */
export class AttachClient {
  readonly session: WebSocketSession;
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: Array<() => void> = [];

  constructor(url: string, options: ConnectOptions = {}) {
    this.session = connect(url, { pingIntervalMs: null, ...options });
    this.closed = this.#read();
  }

  send(frame: unknown): Promise<void> {
    return this.session.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits for the first frame (from the start) matching, and returns it. */
  async next(match: string | ((frame: Frame) => boolean)): Promise<Frame> {
    const test = typeof match === 'string' ? (f: Frame) => f.type === match : match;
    while (true) {
      const found = this.frames.find(test);
      if (found) return found;
      const ended = await Promise.race([
        this.closed.then(() => true),
        new Promise<false>((resolve) => this.#waiters.push(() => resolve(false))),
      ]);
      if (ended && !this.frames.find(test)) {
        throw new Error(`closed without a matching frame; got ${JSON.stringify(this.frames)}`);
      }
    }
  }

  /** All output text so far. */
  output(): string {
    return this.frames
      .filter((f) => f.type === 'output')
      .map((f) => f.data as string)
      .join('');
  }

  async #read(): Promise<{ code: number; reason: string }> {
    let close = { code: 0, reason: '' };
    for await (const event of this.session) {
      if (event.event_type === 'websocket.message' && event.payload.kind === 'text') {
        this.frames.push(JSON.parse(event.payload.text) as Frame);
      } else if (event.event_type === 'websocket.close') {
        close = { code: event.payload.code, reason: event.payload.reason };
      }
      for (const wake of this.#waiters.splice(0)) wake();
    }
    for (const wake of this.#waiters.splice(0)) wake();
    return close;
  }
}
