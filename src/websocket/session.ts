import { invalidOptions } from '../core/errors.js';
import type { Execution } from '../core/execution.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import { SessionHandle } from '../core/session.js';
import { utf8Length } from '../internal/utf8.js';
import type { WebSocketEvents, WebSocketOutput } from './events.js';
import type { WebSocketData } from './send-queue.js';
import type { SessionPort } from './session-port.js';

/** Longest close reason the protocol allows (a close frame payload is at most 125 bytes). */
const MAX_CLOSE_REASON_BYTES = 123;

/** Where a session is in its life. */
export type WebSocketSessionState = 'idle' | 'connecting' | 'open' | 'waiting' | 'closing' | 'closed';

/**
 * A live WebSocket session, made by `connect()`: the Execution of the connection (iterate it for
 * `websocket.*` events; `result` tells how it ended) plus the methods that drive it. After the
 * session ended every method rejects with `SESSION_ENDED`, whose `cause` is the real reason
 * (`CONNECT_FAILED`, `HANDSHAKE_FAILED`, `KEEPALIVE_TIMEOUT` …). `await using` closes it.
 *
 * @example
 * await using session = connect('wss://realtime.example');
 * await session.send('hello');
 * for await (const event of session) {
 *   if (event.event_type === 'websocket.message') break;
 * }
 */
export class WebSocketSession extends SessionHandle<WebSocketOutput, WebSocketEvents> {
  readonly #port: SessionPort;

  /** @internal Use `connect()`. */
  constructor(execution: Execution<WebSocketOutput, WebSocketEvents>, port: SessionPort) {
    super(execution);
    this.#port = port;
    port.endedSend = () => this.#rejectEnded('send()');
    void execution.result.then(() => port.end());
  }

  /** Bytes queued on the socket plus bytes of sends still waiting. */
  get bufferedAmount(): number {
    return this.#port.runtime?.bufferedAmount ?? 0;
  }

  /** Subprotocol the server selected for the current (or last) connection; `''` when none. */
  get protocol(): string {
    return this.#port.runtime?.lastOpen?.protocol ?? '';
  }

  /** Extensions the server accepted for the current (or last) connection; `''` when none. */
  get extensions(): string {
    return this.#port.runtime?.lastOpen?.extensions ?? '';
  }

  /** Connection state. */
  get state(): WebSocketSessionState {
    return this.#port.runtime?.stage ?? (this.status === 'running' ? 'idle' : 'closed');
  }

  /**
   * Resolves when the first connection is open; rejects with `SESSION_ENDED` (its `cause` says
   * why: `CONNECT_FAILED`, `HANDSHAKE_FAILED` …) if the session ends first.
   */
  async ready(): Promise<void> {
    const runtime = this.#port.runtime ?? (await this.#port.started);
    if (!runtime || !(await runtime.opened())) throw await this.endedError('ready()');
  }

  /**
   * Sends a text (string) or binary (bytes) message. Resolves once the frame is handed to the
   * socket; waits first while the connection is not open yet (or reconnecting) or while more
   * than `sendHighWaterBytes` are queued. Rejects with `SESSION_ENDED` once the session is over
   * and with `LIMIT_EXCEEDED` when `maxWaitingSends` sends are already waiting.
   */
  send(data: WebSocketData): Promise<void> {
    const runtime = this.#port.runtime;
    if (runtime) return runtime.send(data);
    return this.#port.started.then((started) => (started ? started.send(data) : this.#rejectEnded('send()')));
  }

  /**
   * Sends a ping; resolves with the round trip in ms when a pong arrives. Rejects with `TIMEOUT`
   * after `pongTimeoutMs`, `NOT_CONNECTED` while no connection is open, `SESSION_ENDED` after the end.
   */
  async ping(): Promise<number> {
    const runtime = this.#port.runtime ?? (await this.#port.started);
    if (!runtime || runtime.ended) return this.#rejectEnded('ping()');
    return runtime.ping();
  }

  /**
   * Closes with a close handshake (`code` 1000 or 3000–4999, `reason` at most 123 UTF-8 bytes);
   * the socket is terminated if the peer does not answer within `closeTimeoutMs`. Resolves with
   * the outcome (`succeeded`: we ended it). Idempotent; after the end it resolves with the outcome.
   */
  async close(code = 1000, reason = ''): Promise<ExecutionOutcome<WebSocketOutput>> {
    if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
      throw invalidOptions('code', '1000 or an integer in 3000–4999', String(code), 'close()');
    }
    if (typeof reason !== 'string' || utf8Length(reason) > MAX_CLOSE_REASON_BYTES) {
      throw invalidOptions(
        'reason',
        `a string of at most ${MAX_CLOSE_REASON_BYTES} bytes`,
        'a longer value',
        'close()',
      );
    }
    if (this.status === 'running') {
      const runtime = this.#port.runtime ?? (await this.#port.started);
      runtime?.close(code, reason);
    }
    return this.result;
  }

  async #rejectEnded(call: string): Promise<never> {
    throw await this.endedError(call);
  }
}
