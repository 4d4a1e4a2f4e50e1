import { createServer, type IncomingMessage, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { parseOptions } from '../core/parse-options.js';
import { boundedCall } from './bounded-call.js';
import { loadServerModules } from './rpc-modules.js';
import type { RuntimeNode } from './runtime-node.js';
import { type ServeNodeOptions, ServeNodeOptionsSchema } from './serve-node-options.js';
import { serveTerminals } from './serve-terminals.js';
import { ServerSession } from './server-session.js';

/** A node served over JSON-RPC on a WebSocket. */
export interface NodeServer extends AsyncDisposable {
  /** `ws://host:port/path` to give a `RemoteRuntimeClient` or `RemoteTargetClient`. */
  readonly url: string;
  /** The port listened on (the one picked when `port: 0`). */
  readonly port: number;
  /** Connections open now. */
  readonly connections: number;
  /**
   * Stops accepting, closes every connection (1001; terminated if the peer does not answer
   * within a second) and the listening socket. The node itself stays open. Idempotent.
   */
  close(): Promise<void>;
}

// How long close() waits for a peer's close frame before dropping the socket.
const CLOSE_GRACE_MS = 1_000;

/**
 * Serves `node` to remote runtime clients: JSON-RPC 2.0 over a WebSocket (protocol in
 * docs/node.md). Every upgrade is authenticated first (`authenticate` is required); refusals are
 * plain HTTP answers (401, 404, 503) before any WebSocket exists. When a connection ends, the
 * executions it started are cancelled.
 *
 * @example
 * await using server = await serveNode(node, { authenticate: sharedTokenAuthenticator(token) });
 * await using client = new RemoteRuntimeClient(server.url, { token });
 */
export async function serveNode(node: RuntimeNode, options: ServeNodeOptions): Promise<NodeServer> {
  const parsed = parseOptions(ServeNodeOptionsSchema, options, 'serveNode()');
  const [{ WebSocketServer }, openRpc] = await Promise.all([import('ws'), loadServerModules()]);
  const wss: WebSocketServer = new WebSocketServer({ noServer: true, maxPayload: parsed.maxMessageBytes });
  const sockets = new Set<WebSocket>();
  let closing = false;

  const http = createServer((_request, response) => {
    response.writeHead(426, { connection: 'close', 'content-length': '0' }).end();
  });
  http.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    admitUpgrade(request).then(
      (status) => {
        if (status === 101) wss.handleUpgrade(request, socket, head, accept);
        else
          socket.end(
            `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
          );
      },
      () => socket.destroy(),
    );
  });

  function accept(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    const rpc = openRpc(ws, { maxInboundRequests: parsed.maxCallsPerConnection });
    new ServerSession(rpc, node, parsed.target);
    if (parsed.terminals !== false)
      serveTerminals(rpc, { open: parsed.terminals !== true && parsed.terminals.open === true });
  }

  async function admitUpgrade(request: IncomingMessage): Promise<number> {
    const url = request.url ?? '/';
    if (closing || sockets.size >= parsed.maxConnections) return 503;
    if (url.split('?')[0] !== parsed.path) return 404;
    const info = { headers: request.headers, remoteAddress: request.socket.remoteAddress, url };
    const answer = await boundedCall(() => parsed.authenticate(info), parsed.authenticateTimeoutMs);
    if (answer.kind !== 'value' || answer.value !== true) return 401;
    return closing || sockets.size >= parsed.maxConnections ? 503 : 101;
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(parsed.port, parsed.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const host = parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing = true;
    closed ??= (async () => {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      await Promise.all([...sockets].map((ws) => closeSocket(ws)));
      http.closeAllConnections();
      await stopped;
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    })();
    return closed;
  };

  return {
    url: `ws://${host}:${port}${parsed.path}`,
    port,
    get connections() {
      return sockets.size;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, 'server closing');
  });
}
