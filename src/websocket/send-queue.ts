import type WebSocket from 'ws';
import { ExecutionError } from '../core/index.js';

/** What a caller may send: text becomes a text frame, bytes a binary frame. */
export type WebSocketData = string | Uint8Array | ArrayBuffer;

interface Waiting {
  readonly data: WebSocketData;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const RESOLVED = Promise.resolve();

/**
 * Outbound flow control for one session. A send goes straight to the socket while it is open and
 * fewer than `highWater` bytes are queued on it; otherwise it waits here, in order, until the
 * socket drains below half the mark (or a connection opens). Waiting is bounded by `maxWaiting`
 * so a caller that never awaits `send()` gets a typed `LIMIT_EXCEEDED`, not an OOM.
 */
export class SendQueue {
  #ws: WebSocket | undefined;
  #waiting: Waiting[] = [];
  #head = 0;
  #closed: ExecutionError | undefined;
  #highWater: number;
  #maxWaiting: number;
  #onWriteError: (error: Error) => void;
  #afterWrite = (error?: Error | null) => {
    if (error) this.#onWriteError(error);
    else if (this.#head < this.#waiting.length) this.#flush(this.#highWater / 2);
  };
  /** Messages and bytes handed to the socket. */
  sent = 0;
  bytes = 0;

  constructor(highWater: number, maxWaiting: number, onWriteError: (error: Error) => void) {
    this.#highWater = highWater;
    this.#maxWaiting = maxWaiting;
    this.#onWriteError = onWriteError;
  }

  /** Bytes queued on the socket plus bytes waiting here. */
  get bufferedAmount(): number {
    let waiting = 0;
    for (let i = this.#head; i < this.#waiting.length; i++) waiting += byteLength(this.#waiting[i]!.data);
    return (this.#ws?.bufferedAmount ?? 0) + waiting;
  }

  send(data: WebSocketData): Promise<void> {
    if (this.#closed) return Promise.reject(this.#closed);
    const ws = this.#ws;
    if (ws && this.#head === this.#waiting.length && ws.bufferedAmount < this.#highWater) {
      this.#write(ws, data);
      return RESOLVED;
    }
    if (this.#waiting.length - this.#head >= this.#maxWaiting) {
      return Promise.reject(
        new ExecutionError('LIMIT_EXCEEDED', `more than ${this.#maxWaiting} sends are waiting`, {
          details: { limit: 'maxWaitingSends', value: this.#maxWaiting },
        }),
      );
    }
    return new Promise((resolve, reject) => this.#waiting.push({ data, resolve, reject }));
  }

  /** A connection opened (sends flow) or went away (`undefined`: sends wait for the next one). */
  setSocket(ws: WebSocket | undefined): void {
    this.#ws = ws;
    this.#flush(this.#highWater);
  }

  /** The session is over: every waiting and future send rejects with `error`. */
  close(error: ExecutionError): void {
    if (this.#closed) return;
    this.#closed = error;
    this.#ws = undefined;
    const waiting = this.#waiting;
    for (let i = this.#head; i < waiting.length; i++) waiting[i]!.reject(error);
    this.#waiting = [];
    this.#head = 0;
  }

  // After a write completes, refill only below half the mark, so a busy sender is released in
  // batches rather than one message per drained frame.
  #flush(startBelow: number): void {
    const ws = this.#ws;
    if (!ws || ws.bufferedAmount >= startBelow) return;
    while (this.#head < this.#waiting.length && ws.bufferedAmount < this.#highWater) {
      const next = this.#waiting[this.#head]!;
      this.#waiting[this.#head++] = undefined as unknown as Waiting;
      this.#write(ws, next.data);
      next.resolve();
    }
    if (this.#head === this.#waiting.length) {
      this.#waiting = [];
      this.#head = 0;
    }
  }

  #write(ws: WebSocket, data: WebSocketData): void {
    this.sent++;
    this.bytes += byteLength(data);
    ws.send(data, { binary: typeof data !== 'string' }, this.#afterWrite);
  }
}

function byteLength(data: WebSocketData): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}
