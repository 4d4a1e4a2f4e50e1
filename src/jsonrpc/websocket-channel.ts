import { outcomeError } from '../core/index.js';
import type { WebSocketSession } from '../websocket/index.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import { decodeUtf8 } from '../internal/utf8.js';

/**
 * A channel over a WebSocket session from `execution-plane/websocket`'s `connect()`: one message
 * per WebSocket message (text, or UTF-8 in a binary frame), no extra framing. The channel owns the
 * session: it iterates its events (so reading follows the connection's backpressure) and closes it.
 * How the session ended becomes how the channel closed (`remote_disconnect` after a drop …).
 *
 * @example
 * const session = connect('ws://127.0.0.1:8080/rpc');
 * const rpc = createJsonRpcConnection(createWebSocketChannel(session));
 */
export function createWebSocketChannel(session: WebSocketSession): JsonRpcChannel {
  return new SessionChannel(session);
}

class SessionChannel implements JsonRpcChannel {
  #session: WebSocketSession;

  constructor(session: WebSocketSession) {
    this.#session = session;
  }

  start(sink: JsonRpcChannelSink): void {
    void this.#read(sink);
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
          : decodeUtf8(typeof payload.data === 'string' ? Buffer.from(payload.data, 'base64') : payload.data);
      const wait = sink.message(text);
      if (wait) await wait;
    }
    const outcome = await this.#session.result;
    sink.closed(outcome.status === 'succeeded' ? undefined : outcomeError(outcome));
  }
}
