import type { JsonRpcChannel } from './channel.js';
import { createStdioChannel } from './stdio-channel.js';
import type { ResolvedJsonRpcTarget } from './target.js';
import { createWebSocketChannel } from './websocket-channel.js';

/**
 * Opens a channel to a target. The process and WebSocket subpaths are imported on demand, so
 * importing `execution-plane/jsonrpc` loads neither execa nor ws. `signal` ends the spawned
 * process or the socket with the call.
 */
export async function openTarget(
  target: ResolvedJsonRpcTarget,
  signal: AbortSignal,
): Promise<JsonRpcChannel> {
  if (target.kind === 'websocket') {
    const { connect } = await import('../websocket/index.js');
    return createWebSocketChannel(
      connect(target.url, { headers: target.headers, subprotocols: target.subprotocols, signal }),
    );
  }
  const { spawn } = await import('../process/index.js');
  const session = spawn(target.command, target.args, {
    ...(target.cwd === undefined ? {} : { cwd: target.cwd }),
    ...(target.env === undefined ? {} : { env: target.env }),
    framing: 'raw',
    signal,
  });
  return createStdioChannel(session, { framing: target.framing });
}
