import type { JsonRpcChannel } from './channel.js';
import type { ResolvedJsonRpcTarget } from './target.js';
import { createWebSocketChannel } from './websocket-channel.js';

/**
 * Opens a channel to a target. The process and WebSocket subpaths are imported on demand, so
 * importing `execution-plane/jsonrpc` loads neither execa nor ws.
 */
export async function openTarget(
  target: ResolvedJsonRpcTarget,
  signal: AbortSignal,
): Promise<JsonRpcChannel> {
  const { connect } = await import('../websocket/index.js');
  if (target.kind === 'websocket') {
    return createWebSocketChannel(
      connect(target.url, { headers: target.headers, subprotocols: target.subprotocols, signal }),
    );
  }
  throw new Error('process targets need the process lane');
}
