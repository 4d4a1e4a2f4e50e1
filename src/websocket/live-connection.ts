import type WebSocket from 'ws';
import { ExecutionError } from '../core/errors.js';
import type { LaneContext } from '../core/lane.js';
import { toBase64 } from '../internal/base64.js';
import { decodeUtf8 } from '../internal/utf8.js';
import { websocketDefaults } from './defaults.js';
import type { WebSocketCloseInitiator, WebSocketEvents, WebSocketOpenPayload } from './events.js';
import { Keepalive } from './keepalive.js';
import type { ResolvedWebSocketOptions } from './options.js';
import type { ReceiveBudget } from './receive-budget.js';

const MAX_PENDING_PINGS = websocketDefaults.maxPendingPings;

/** How one connection ended. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  readonly initiator: WebSocketCloseInitiator;
  /** Set when ws reported a protocol violation (bad frame, message too big). */
  readonly error: ExecutionError | undefined;
  /** errno of a socket error that preceded the close (ECONNRESET …). */
  readonly socketError: string | undefined;
}

/** Counters shared by every connection of a session. */
export interface ReceiveCounters {
  messages: number;
  bytes: number;
}

type Pending = [keyof WebSocketEvents & string, WebSocketEvents[keyof WebSocketEvents]];

interface PingWaiter {
  readonly start: number;
  readonly resolve: (rtt: number) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * One open WebSocket: turns its frames into lane events and reports how it closed.
 *
 * Receive backpressure: when `emit` asks to wait, the socket is paused; frames ws had already
 * parsed from the last read are held in a small backlog (bounded by one socket read) and emitted,
 * in order, before reading resumes.
 */
export class LiveConnection {
  readonly ws: WebSocket;
  readonly closed: Promise<CloseInfo>;
  /** The `websocket.open` payload, once announced. */
  openPayload: WebSocketOpenPayload | undefined;
  #emit: LaneContext<WebSocketEvents>['emit'];
  #options: ResolvedWebSocketOptions;
  #counters: ReceiveCounters;
  #keepalive: Keepalive | undefined;
  #backlog: Pending[] | undefined;
  #backlogDone: Promise<void> | undefined;
  #initiator: WebSocketCloseInitiator | undefined;
  #error: ExecutionError | undefined;
  #socketError: string | undefined;
  // The close code ws sent when it failed the connection for a protocol error (1002, 1007, 1009).
  #sentCode: number | undefined;
  #pings: PingWaiter[] = [];
  #budget: ReceiveBudget | undefined;
  // Closing (either side): reading must resume so the close completes; the budget no longer waits.
  #closing = false;
  #abortTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    ws: WebSocket,
    options: ResolvedWebSocketOptions,
    emit: LaneContext<WebSocketEvents>['emit'],
    counters: ReceiveCounters,
    budget?: ReceiveBudget,
  ) {
    this.ws = ws;
    this.#budget = budget;
    this.#options = options;
    this.#emit = emit;
    this.#counters = counters;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.#onMessage(data, isBinary));
    ws.on('ping', (data: Buffer) => {
      if (options.pingEvents) this.#deliver('websocket.ping', { data_base64: toBase64(data) });
    });
    ws.on('pong', (data: Buffer) => this.#onPong(data));
    ws.on('error', (error: NodeJS.ErrnoException) => this.#onError(error));
    this.closed = new Promise((resolve) => {
      ws.once('close', (code: number, reason: Buffer) => {
        this.#stopBudget();
        this.#keepalive?.stop();
        clearTimeout(this.#abortTimer);
        this.#rejectPings(new ExecutionError('NOT_CONNECTED', 'WebSocket closed before the pong arrived'));
        // After a protocol error ws sent a close frame but reads nothing more, so its own close
        // event says 1006; report what we sent, which is what the peer saw.
        const sent = this.#sentCode;
        const info: CloseInfo = {
          code: sent ?? code,
          reason: sent === undefined ? decodeUtf8(reason) : '',
          wasClean: sent === undefined && code !== 1006,
          initiator: this.#initiator ?? 'remote',
          error: this.#error,
          socketError: this.#socketError,
        };
        // Frames read before the close still reach the consumer first.
        (this.#backlogDone ?? Promise.resolve()).then(() => resolve(info));
      });
    });
    // A WHATWG socket (the portable build's shim) has no ping: its runtime answers pings itself.
    if (options.pingIntervalMs !== null && canPing(ws)) {
      this.#keepalive = new Keepalive(
        options.pingIntervalMs,
        options.pongTimeoutMs,
        () => ws.ping(),
        () => {
          this.#initiator ??= 'keepalive';
          ws.terminate();
        },
      );
      this.#keepalive.start();
    }
  }

  /** Emits `websocket.open` through the same ordered, backpressured path as frames. */
  announce(payload: WebSocketOpenPayload): void {
    this.openPayload = payload;
    this.#deliver('websocket.open', payload);
  }

  /** Starts the close handshake; ws terminates the socket if the peer does not answer in time. */
  close(
    code: number,
    reason: string,
    initiator: WebSocketCloseInitiator = 'local',
    timeoutMs?: number,
  ): void {
    this.#initiator ??= initiator;
    this.#stopBudget();
    this.ws.close(code, reason);
    if (timeoutMs !== undefined && this.#abortTimer === undefined) {
      this.#abortTimer = setTimeout(() => this.ws.terminate(), timeoutMs);
    }
  }

  /** Sends a ping and resolves with the round trip in ms when a pong arrives. */
  ping(): Promise<number> {
    if (this.#pings.length >= MAX_PENDING_PINGS) {
      return Promise.reject(
        new ExecutionError('LIMIT_EXCEEDED', `more than ${MAX_PENDING_PINGS} pings are awaiting a pong`, {
          details: { limit: 'maxPendingPings', value: MAX_PENDING_PINGS },
        }),
      );
    }
    if (!canPing(this.ws)) {
      return Promise.reject(
        new ExecutionError('NOT_SUPPORTED', "this runtime's WebSocket cannot send pings", {
          failureClass: 'placement_unavailable',
        }),
      );
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pings = this.#pings.filter((p) => p.timer !== timer);
        reject(
          new ExecutionError('TIMEOUT', `no pong within ${this.#options.pongTimeoutMs} ms`, {
            failureClass: 'timeout',
            details: { timeout_ms: this.#options.pongTimeoutMs },
          }),
        );
      }, this.#options.pongTimeoutMs);
      this.#pings.push({ start: performance.now(), resolve, reject, timer });
      this.ws.ping();
    });
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    this.#counters.messages++;
    this.#counters.bytes += data.length;
    this.#deliver(
      'websocket.message',
      isBinary
        ? {
            kind: 'binary',
            data: this.#options.binaryEncoding === 'base64' ? toBase64(data) : data,
            bytes: data.length,
          }
        : { kind: 'text', text: decodeUtf8(data), bytes: data.length },
    );
  }

  #onPong(data: Buffer): void {
    this.#keepalive?.pong();
    if (this.#pings.length > 0) {
      const now = performance.now();
      for (const waiter of this.#pings) {
        clearTimeout(waiter.timer);
        waiter.resolve(Math.round((now - waiter.start) * 1000) / 1000);
      }
      this.#pings = [];
    }
    if (this.#options.pingEvents) this.#deliver('websocket.pong', { data_base64: toBase64(data) });
  }

  #onError(error: NodeJS.ErrnoException): void {
    if (error.code?.startsWith('WS_ERR_')) {
      this.#initiator ??= 'error';
      this.#sentCode ??= closeCodeOf(error);
      this.#error ??= protocolError(error, this.#options.maxPayloadBytes, this.#sentCode);
    } else {
      this.#socketError ??= error.code ?? error.message;
    }
  }

  #deliver<K extends keyof WebSocketEvents & string>(type: K, payload: WebSocketEvents[K]): void {
    if (this.#backlog) {
      this.#backlog.push([type, payload]);
      return;
    }
    const wait = this.#admit(type, payload);
    if (!wait) return;
    this.#backlog = [];
    this.ws.pause();
    this.#keepalive?.suspend();
    this.#backlogDone = this.#drain(wait);
  }

  // Emits; the promise (if any) says when reading may go on: the consumer made room in the event
  // queue, and the unread message bytes are back within maxUnreadBytes.
  #admit<K extends keyof WebSocketEvents & string>(
    type: K,
    payload: WebSocketEvents[K],
  ): Promise<void> | undefined {
    const budget = this.#budget;
    // Held before it is emitted, so the take hook that frees it always finds it held.
    if (budget && type === 'websocket.message') {
      budget.hold(payload as WebSocketEvents['websocket.message']);
    }
    const wait = this.#emit(type, payload);
    if (!budget || type !== 'websocket.message' || !budget.over || this.#closing) return wait;
    const room = () => (this.#closing ? undefined : budget.room());
    return wait ? wait.then(room) : budget.room();
  }

  #stopBudget(): void {
    this.#closing = true;
    this.#budget?.release();
  }

  async #drain(first: Promise<void>): Promise<void> {
    await first;
    const backlog = this.#backlog as Pending[];
    for (let i = 0; i < backlog.length; i++) {
      const [type, payload] = backlog[i]!;
      const wait = this.#admit(type, payload);
      if (wait) await wait;
    }
    this.#backlog = undefined;
    this.#backlogDone = undefined;
    this.ws.resume();
    this.#keepalive?.resume();
  }

  #rejectPings(error: ExecutionError): void {
    for (const waiter of this.#pings) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.#pings = [];
  }
}

function canPing(ws: WebSocket): boolean {
  return typeof (ws as Partial<WebSocket>).ping === 'function';
}

// ws tags its protocol errors with the close code it sends, under a private symbol.
function closeCodeOf(error: NodeJS.ErrnoException): number {
  for (const key of Object.getOwnPropertySymbols(error)) {
    const value = (error as unknown as Record<symbol, unknown>)[key];
    if (key.description === 'status-code' && typeof value === 'number') return value;
  }
  return error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 1009 : 1002;
}

function protocolError(error: NodeJS.ErrnoException, maxPayloadBytes: number, sent: number): ExecutionError {
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    return new ExecutionError(
      'MESSAGE_TOO_LARGE',
      `inbound message exceeds maxPayloadBytes (${maxPayloadBytes}); closed with 1009`,
      {
        failureClass: 'protocol_framing_failed',
        details: { limit: 'maxPayloadBytes', value: maxPayloadBytes, ws_code: error.code, close_code: sent },
      },
    );
  }
  return new ExecutionError('PROTOCOL_ERROR', `peer violated the WebSocket protocol: ${error.message}`, {
    failureClass: 'protocol_framing_failed',
    details: { ws_code: error.code, close_code: sent },
  });
}
