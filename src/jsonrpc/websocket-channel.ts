import { outcomeError } from '../core/outcome-error.js';
import { fromBase64 } from '../internal/base64.js';
import { decodeUtf8 } from '../internal/utf8.js';
import type { WebSocketSession } from '../websocket/index.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import { WsSocketChannel, type WsSocketLike } from './ws-socket-channel.js';

/**
 * A channel over a WebSocket: one message per WebSocket message (text, or UTF-8 in a binary
 * frame), no extra framing. Either
 * - a session from `execution-plane/websocket`'s `connect()` — the channel owns it: it iterates
 *   its events (reading follows the connection's backpressure), closes it, and how the session
 *   ended becomes how the channel closed (`remote_disconnect` after a drop …); or
 * - a raw `ws` socket already open, typically the server side from a `WebSocketServer`'s
 *   `connection` event: a close with 1000/1001 ends the channel cleanly, anything else is a
 *   `remote_disconnect`.
 *
 * @example
 * // doc-test: no-run — needs a JSON-RPC server at the URL
 * const rpc = createJsonRpcConnection(createWebSocketChannel(connect('wss://realtime.example')));
 */
export function createWebSocketChannel(socket: WebSocketSession | WsSocketLike): JsonRpcChannel {
  return 'ready' in socket && typeof socket.ready === 'function'
    ? new SessionChannel(socket as WebSocketSession)
    : new WsSocketChannel(socket as WsSocketLike);
}

class SessionChannel implements JsonRpcChannel {
  #session: WebSocketSession;

  constructor(session: WebSocketSession) {
    this.#session = session;
  }

  start(sink: JsonRpcChannelSink): void {
    void this.#read(sink);
  }

  ready(): Promise<void> {
    return this.#session.ready();
  }

  send(text: string): Promise<void> {
    return this.#session.send(text);
  }

  async close(): Promise<void> {
    await this.#session.close();
  }

  async #read(sink: JsonRpcChannelSink): Promise<void> {
    for await (const event of this.#session) {
      if (event.event_type !== 'websocket.message') continue;
      const payload = event.payload;
      const text =
        payload.kind === 'text'
          ? payload.text
          : decodeUtf8(typeof payload.data === 'string' ? fromBase64(payload.data) : payload.data);
      const wait = sink.message(text);
      if (wait) await wait;
    }
    const outcome = await this.#session.result;
    sink.closed(outcome.status === 'succeeded' ? undefined : outcomeError(outcome));
  }
}
