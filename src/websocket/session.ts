import type { Execution, ExecutionOutcome } from '../core/index.js';
import { ExecutionDelegate, invalidOptions } from '../core/index.js';
import type { WebSocketEvents, WebSocketOpenPayload, WebSocketOutput } from './events.js';
import type { WebSocketData } from './send-queue.js';
import type { SessionRuntime } from './session-runtime.js';

/** Longest close reason the protocol allows (a close frame payload is at most 125 bytes). */
const MAX_CLOSE_REASON_BYTES = 123;

/** Where a session is in its life. */
export type WebSocketSessionState = 'idle' | 'connecting' | 'open' | 'waiting' | 'closing' | 'closed';

/**
 * A live WebSocket session: the {@link Execution} of the connection (iterate it for
 * `websocket.*` events; `result` tells how it ended) plus the methods that drive it.
 *
 * @example
 * await using session = connect('wss://echo.example/ws');
 * await session.send('hello');
 * for await (const event of session) {
 *   if (event.event_type === 'websocket.message') { console.log(event.payload); await session.close(); }
 * }
 */
export interface WebSocketSession extends Execution<WebSocketOutput, WebSocketEvents> {
  /**
   * Sends a text (string) or binary (bytes) message. Resolves once the frame is handed to the
   * socket; waits first while the connection is not open yet (or reconnecting) or while more
   * than `sendHighWaterBytes` are queued. Rejects with `CLOSED` once the session is over and with
   * `LIMIT_EXCEEDED` when `maxWaitingSends` sends are already waiting.
   */
  send(data: WebSocketData): Promise<void>;
  /**
   * Closes with a close handshake (`code` 1000 or 3000–4999, `reason` at most 123 bytes); the
   * socket is terminated if the peer does not answer within `closeTimeoutMs`. Resolves with the
   * outcome (`succeeded`: we ended it). Idempotent.
   */
  close(code?: number, reason?: string): Promise<ExecutionOutcome<WebSocketOutput>>;
  /** Sends a ping; resolves with the round trip in ms when a pong arrives (rejects after `pongTimeoutMs`). */
  ping(): Promise<number>;
  /** Resolves when the first connection is open; rejects with `CLOSED` if the session ends first. */
  opened(): Promise<WebSocketOpenPayload>;
  /** Bytes queued on the socket plus bytes of sends still waiting. */
  readonly bufferedAmount: number;
  /** Connection state. */
  readonly state: WebSocketSessionState;
}

/** The session handle: delegates the Execution and adds the controls of its runtime. */
export class WebSocketSessionHandle
  extends ExecutionDelegate<WebSocketOutput, WebSocketEvents>
  implements WebSocketSession
{
  #runtime: SessionRuntime;

  constructor(execution: Execution<WebSocketOutput, WebSocketEvents>, runtime: SessionRuntime) {
    super(execution);
    this.#runtime = runtime;
  }

  get bufferedAmount(): number {
    return this.#runtime.bufferedAmount;
  }

  get state(): WebSocketSessionState {
    return this.#runtime.stage;
  }

  send(data: WebSocketData): Promise<void> {
    return this.#runtime.send(data);
  }

  ping(): Promise<number> {
    return this.#runtime.ping();
  }

  opened(): Promise<WebSocketOpenPayload> {
    return this.#runtime.opened();
  }

  close(code = 1000, reason = ''): Promise<ExecutionOutcome<WebSocketOutput>> {
    if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
      return Promise.reject(
        invalidOptions('code', '1000 or an integer in 3000–4999', String(code), 'close()'),
      );
    }
    if (typeof reason !== 'string' || Buffer.byteLength(reason) > MAX_CLOSE_REASON_BYTES) {
      return Promise.reject(
        invalidOptions(
          'reason',
          `a string of at most ${MAX_CLOSE_REASON_BYTES} bytes`,
          'a longer value',
          'close()',
        ),
      );
    }
    this.#runtime.close(code, reason);
    return this.result;
  }
}
