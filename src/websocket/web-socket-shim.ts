import { encodeUtf8 } from '../internal/utf8.js';

type Listener = (...args: never[]) => void;

/** The session limits a shim enforces itself, since the WHATWG socket has none. */
export interface ShimLimits {
  /** `maxPayloadBytes`: a bigger message fails the session `MESSAGE_TOO_LARGE`. */
  readonly maxPayloadBytes: number;
  /** Bytes held while the session pauses reading (the session's `maxPayloadBytes`). */
  readonly maxHeldBytes: number;
}

/** Close codes a WHATWG WebSocket lets a client send; anything else throws there. */
function sendableCode(code: number): boolean {
  return code === 1000 || (code >= 3000 && code <= 4999);
}

/**
 * The part of `ws`'s client API the session uses, over a WHATWG `WebSocket` (browsers, workers):
 * `on`/`once`/`off` events with ws's argument shapes (bytes and an `isBinary` flag), `pause`/
 * `resume`, `terminate`, and a `send` callback once the socket's buffer drains.
 *
 * What a WHATWG socket cannot do, this does not pretend to: there is no `ping` method (the runtime
 * answers the server's pings itself; the session checks for the method before keeping alive), and
 * reading cannot be paused on the wire, so while paused messages are held here up to
 * `maxHeldBytes` (the session's `maxPayloadBytes`, on top of its `maxUnreadBytes`); past it the
 * socket is terminated and the session fails `ABNORMAL_CLOSURE` with `socket_error` naming it.
 */
export class WebSocketShim {
  #socket: WebSocket;
  #listeners = new Map<string, Listener[]>();
  #paused = false;
  #held: [Uint8Array, boolean][] = [];
  #heldBytes = 0;
  #limits: ShimLimits;
  #closed = false;

  constructor(socket: WebSocket, limits: ShimLimits) {
    this.#socket = socket;
    this.#limits = limits;
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', (event) => this.#onMessage(event.data));
    socket.addEventListener('error', () => this.#emit('error', new Error('WebSocket error')));
    socket.addEventListener('close', (event) => this.#onClose(event.code, event.reason));
  }

  get readyState(): number {
    return this.#socket.readyState;
  }

  // workerd's WebSocket has no bufferedAmount (and null protocol/extensions): there the send
  // queue sees only the sends waiting in it, never bytes held by the runtime.
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount ?? 0;
  }

  get protocol(): string {
    return this.#socket.protocol ?? '';
  }

  get extensions(): string {
    return this.#socket.extensions ?? '';
  }

  on(event: string, listener: Listener): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper = ((...args: never[]) => {
      this.off(event, wrapper);
      listener(...args);
    }) as Listener;
    return this.on(event, wrapper);
  }

  off(event: string, listener: Listener): this {
    this.#listeners.set(
      event,
      (this.#listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  removeAllListeners(event?: string): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  send(data: string | Uint8Array | ArrayBuffer, _options?: unknown, callback?: () => void): void {
    this.#socket.send(data as string | ArrayBuffer);
    if (callback) this.#whenDrained(callback);
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    while (!this.#paused && this.#held.length > 0) {
      const [data, isBinary] = this.#held.shift() as [Uint8Array, boolean];
      this.#heldBytes -= data.length;
      this.#emit('message', data, isBinary);
    }
  }

  close(code?: number, reason?: string): void {
    try {
      if (code === undefined || !sendableCode(code)) this.#socket.close();
      else this.#socket.close(code, reason);
    } catch {
      // A reason over 123 bytes throws: close without one rather than not at all.
      this.#socket.close();
    }
  }

  /** No abrupt close exists here: start the close and report 1006 (abnormal) at once. */
  terminate(): void {
    this.#socket.close();
    this.#onClose(1006, '');
  }

  #onMessage(raw: unknown): void {
    const isBinary = typeof raw !== 'string';
    const data = isBinary ? new Uint8Array(raw as ArrayBuffer) : encodeUtf8(raw as string);
    if (data.length > this.#limits.maxPayloadBytes) {
      // The code ws gives its own oversize error, so the session reports MESSAGE_TOO_LARGE alike.
      const error = Object.assign(new Error(`message of ${data.length} bytes`), {
        code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
      });
      this.#emit('error', error);
      this.terminate();
      return;
    }
    if (!this.#paused) {
      this.#emit('message', data, isBinary);
      return;
    }
    this.#heldBytes += data.length;
    this.#held.push([data, isBinary]);
    if (this.#heldBytes > this.#limits.maxHeldBytes) {
      const error = new Error(
        `held more than maxPayloadBytes (${this.#limits.maxHeldBytes}) while reading was paused`,
      );
      this.#emit('error', error);
      this.terminate();
    }
  }

  #onClose(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#emit('close', code, encodeUtf8(reason));
  }

  // No drain event exists: poll the buffer, bounded by the socket's life.
  #whenDrained(callback: () => void): void {
    const check = () => {
      if (this.bufferedAmount === 0 || this.#closed) callback();
      else setTimeout(check, DRAIN_POLL_MS);
    };
    setTimeout(check, 0);
  }

  #emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

/** Milliseconds between checks of `bufferedAmount` while a send callback waits for the drain. */
const DRAIN_POLL_MS = 10;
