import { ExecutionError } from '../core/errors.js';
import { decodeUtf8 } from '../internal/utf8.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';

/** The parts of a `ws` WebSocket (for example one a `WebSocketServer` accepted) this channel uses. */
export interface WsSocketLike {
  send(data: string, callback?: (error?: Error) => void): void;
  on(event: 'message', listener: (data: Uint8Array | string, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: (code: number, reason: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(code?: number, reason?: string): void;
  pause?(): void;
  resume?(): void;
  readonly readyState: number;
}

const OPEN = 1;

/**
 * A channel over a raw `ws` socket already open — typically the server side, from a
 * `WebSocketServer`'s `connection` event. A close with 1000/1001 ends the channel cleanly; any
 * other ending is a `remote_disconnect` (`CHANNEL_CLOSED`).
 */
export class WsSocketChannel implements JsonRpcChannel {
  #socket: WsSocketLike;
  #pending: string[] = [];
  #sink: JsonRpcChannelSink | undefined;
  #closed: ExecutionError | null | undefined;

  constructor(socket: WsSocketLike) {
    this.#socket = socket;
    // Listen at once so nothing sent before start() is lost; deliver on start().
    socket.on('message', (data) => {
      const text = typeof data === 'string' ? data : decodeUtf8(data);
      if (!this.#sink) {
        this.#pending.push(text);
        return;
      }
      const wait = this.#sink.message(text);
      if (wait && socket.pause && socket.resume) {
        socket.pause();
        wait.then(() => socket.resume?.());
      }
    });
    socket.on('close', (code, reason) => {
      this.#closed =
        code === 1000 || code === 1001
          ? null
          : new ExecutionError(
              'CHANNEL_CLOSED',
              `WebSocket closed with ${code}${reason.length ? `: ${decodeUtf8(reason)}` : ''}`,
              {
                failureClass: 'remote_disconnect',
                details: { close_code: code },
              },
            );
      this.#sink?.closed(this.#closed ?? undefined);
    });
    socket.on('error', () => {});
  }

  start(sink: JsonRpcChannelSink): void {
    this.#sink = sink;
    for (const text of this.#pending) void sink.message(text);
    this.#pending = [];
    if (this.#closed !== undefined) sink.closed(this.#closed ?? undefined);
  }

  send(text: string): undefined | Promise<void> {
    if (this.#socket.readyState !== OPEN) {
      return Promise.reject(
        new ExecutionError('CHANNEL_CLOSED', 'WebSocket is not open', { failureClass: 'remote_disconnect' }),
      );
    }
    this.#socket.send(text);
    return undefined;
  }

  close(): Promise<void> {
    this.#socket.close(1000);
    return Promise.resolve();
  }
}
