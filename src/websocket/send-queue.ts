import type WebSocket from 'ws';
import { ExecutionError } from '../core/errors.js';
import { encodeUtf8, utf8Length } from '../internal/utf8.js';
import { BATCH_FRAME_BYTES, batchFor, type WriteBatch } from './write-batch.js';

/** What a caller may send: text becomes a text frame, bytes a binary frame. */
export type WebSocketData = string | Uint8Array | ArrayBuffer;

interface Waiting {
  readonly data: WebSocketData;
  readonly size: number;
  readonly resolve: (value?: Promise<never>) => void;
  readonly reject: (error: unknown) => void;
}

const RESOLVED = Promise.resolve();
// ws copies its options per send; one object each spares an allocation per frame.
const TEXT = { binary: false } as const;
const BINARY = { binary: true } as const;
const OPEN = 1;

/** Limits of a {@link SendQueue}, from the session's options. */
export interface SendLimits {
  /** `sendHighWaterBytes`: sends wait while the socket holds this much. */
  readonly highWater: number;
  /** `maxWaitingSends`: sends allowed to wait at once. */
  readonly maxWaiting: number;
  /** `maxQueuedSendBytes`: socket bytes plus waiting bytes never exceed this. */
  readonly maxBytes: number;
}

/**
 * Outbound flow control for one session. A send goes straight to the socket while it is open and
 * fewer than `highWater` bytes are queued on it; otherwise it waits here, in order, until the
 * socket drains below half the mark (or a connection opens). Both the number of waiting sends
 * (`maxWaiting`) and the bytes held — ws's `bufferedAmount` plus every waiting message — are
 * bounded (`maxBytes`), so a caller that never awaits `send()` gets a typed `LIMIT_EXCEEDED`, not
 * an OOM: a refused message is never referenced here, so it can be collected.
 */
export class SendQueue {
  #ws: WebSocket | undefined;
  #batch: WriteBatch | undefined;
  #waiting: Waiting[] = [];
  #head = 0;
  #closed = false;
  #ended: () => Promise<never>;
  #highWater: number;
  #maxWaiting: number;
  #maxBytes: number;
  #waitingBytes = 0;
  // A failed write also fails the socket, which ends the connection with the failure in the
  // outcome; here only successful writes matter, as the signal that room was made.
  #afterWrite = (error?: Error | null) => {
    if (!error && this.#head < this.#waiting.length) this.#flush(this.#highWater / 2);
  };
  /** Messages and bytes handed to the socket. */
  sent = 0;
  bytes = 0;

  /** `ended` makes the rejection of a send that comes too late (the session's `SESSION_ENDED`). */
  constructor(limits: SendLimits, ended: () => Promise<never>) {
    this.#highWater = limits.highWater;
    this.#maxWaiting = limits.maxWaiting;
    this.#maxBytes = limits.maxBytes;
    this.#ended = ended;
  }

  /** Bytes queued on the socket plus bytes waiting here; never more than `maxBytes`. */
  get bufferedAmount(): number {
    return (this.#ws?.bufferedAmount ?? 0) + this.#waitingBytes;
  }

  send(data: WebSocketData): Promise<void> {
    if (this.#closed) return this.#ended();
    const size = byteLength(data);
    const ws = this.#ws;
    const onSocket = ws?.bufferedAmount ?? 0;
    const held = onSocket + this.#waitingBytes;
    if (held + size > this.#maxBytes) {
      return Promise.reject(
        new ExecutionError(
          'LIMIT_EXCEEDED',
          `send() of ${size} bytes refused: ${held} bytes are already queued (maxQueuedSendBytes ${this.#maxBytes})`,
          {
            details: {
              limit: 'maxQueuedSendBytes',
              value: this.#maxBytes,
              queued_bytes: held,
              message_bytes: size,
            },
          },
        ),
      );
    }
    // A connection that is closing waits like one not open yet: the session then reconnects
    // (the send goes out on the new connection) or ends (it rejects with SESSION_ENDED).
    if (ws?.readyState === OPEN && this.#head === this.#waiting.length && onSocket < this.#highWater) {
      this.#write(ws, data, size, onSocket);
      return RESOLVED;
    }
    if (this.#waiting.length - this.#head >= this.#maxWaiting) {
      return Promise.reject(
        new ExecutionError('LIMIT_EXCEEDED', `more than ${this.#maxWaiting} sends are waiting`, {
          details: { limit: 'maxWaitingSends', value: this.#maxWaiting },
        }),
      );
    }
    this.#waitingBytes += size;
    return new Promise((resolve, reject) => this.#waiting.push({ data, size, resolve, reject }));
  }

  /** A connection opened (sends flow) or went away (`undefined`: sends wait for the next one). */
  setSocket(ws: WebSocket | undefined): void {
    this.#ws = ws;
    this.#batch = ws && batchFor(ws, this.#afterWrite);
    this.#flush(this.#highWater);
  }

  /** The session is over: every waiting and future send rejects with what `ended` gives. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ws = undefined;
    this.#batch = undefined;
    const waiting = this.#waiting;
    // Resolving with a rejected promise rejects: each waiting send gets the session's error.
    for (let i = this.#head; i < waiting.length; i++) waiting[i]!.resolve(this.#ended());
    this.#waiting = [];
    this.#head = 0;
    this.#waitingBytes = 0;
  }

  // After a write completes, refill only below half the mark, so a busy sender is released in
  // batches rather than one message per drained frame.
  #flush(startBelow: number): void {
    const ws = this.#ws;
    if (ws?.readyState !== OPEN) return;
    let buffered = ws.bufferedAmount;
    if (buffered >= startBelow) return;
    while (this.#head < this.#waiting.length && buffered < this.#highWater) {
      const next = this.#waiting[this.#head]!;
      this.#waiting[this.#head++] = undefined as unknown as Waiting;
      this.#waitingBytes -= next.size;
      this.#write(ws, next.data, next.size, buffered);
      next.resolve();
      buffered = ws.bufferedAmount;
    }
    if (this.#head === this.#waiting.length) {
      this.#waiting = [];
      this.#head = 0;
    }
  }

  #write(ws: WebSocket, data: WebSocketData, size: number, buffered: number): void {
    this.sent++;
    this.bytes += size;
    const batch = this.#batch;
    // Write callbacks cost a tick per frame, so frames only ask for one once the socket holds a
    // quarter of the mark. Any frame that takes the buffer past that point has one, so when sends
    // wait (at the full mark) a callback is always on its way to release them. A burst's first
    // frame carries one anyway: Node schedules that tick for every write, and it ends the burst.
    const callback = batch?.before(size)
      ? batch.done
      : buffered + size >= this.#highWater / 4
        ? this.#afterWrite
        : undefined;
    if (typeof data === 'string') {
      // Under `ws`, a small text frame handed over as its UTF-8 bytes leaves as one buffer (header
      // and masked payload together), not the two chunks ws makes of a string.
      if (batch && size < BATCH_FRAME_BYTES) ws.send(encodeUtf8(data), TEXT, callback);
      else ws.send(data, TEXT, callback);
    } else ws.send(data, BINARY, callback);
  }
}

function byteLength(data: WebSocketData): number {
  return typeof data === 'string' ? utf8Length(data) : data.byteLength;
}
