import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { parseOptions } from '../core/parse-options.js';
import { unguessableId } from '../internal/ids.js';
import { boundedCall } from './bounded-call.js';
import { ConnectionGuard } from './connection-guard.js';
import { type Principal, viewAs } from './principal.js';
import { loadServerModules, type RpcConnection } from './rpc-modules.js';
import type { RuntimeNode } from './runtime-node.js';
import { type ServeNodeOptions, ServeNodeOptionsSchema } from './serve-node-options.js';
import { serveTerminals } from './serve-terminals.js';
import { ServerSession } from './server-session.js';
import { terminalTrailOf } from './terminal-trail.js';

/** A node served over JSON-RPC on a WebSocket. */
export interface NodeServer extends AsyncDisposable {
  /** `ws://host:port/path` (`wss://` with `tls`) to give a `RemoteRuntimeClient` or `RemoteTargetClient`. */
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
 * plain HTTP answers (401, 404, 503) before any WebSocket exists. Unauthenticated connections are
 * few and short-lived (`maxPendingConnections`, `maxPendingPerAddress`, `handshakeTimeoutMs`).
 * Each connection acts as the principal `authenticate` named, and reaches only the executions it
 * started (unless it is one of `operators`). When a connection ends, the executions it started
 * are cancelled.
 *
 * @example
 * await using server = await serveNode(node, { authenticate: sharedTokenAuthenticator(token) });
 * await using client = new RemoteRuntimeClient(server.url, { token });
 */
export function serveNode(node: RuntimeNode, options: ServeNodeOptions): Promise<NodeServer> {
  return startNodeServer(node, options, loadServerModules);
}

/** What the server opens a JSON-RPC connection over an accepted socket with. */
export type OpenServerRpc = (socket: WebSocket, options: { maxInboundRequests: number }) => RpcConnection;

/**
 * `serveNode` with the JSON-RPC side supplied by `loadRpc` (internal: tests use it to run the
 * server's own door against a small peer of their own).
 */
export async function startNodeServer(
  node: RuntimeNode,
  options: ServeNodeOptions,
  loadRpc: () => Promise<OpenServerRpc>,
): Promise<NodeServer> {
  const parsed = parseOptions(ServeNodeOptionsSchema, options, 'serveNode()');
  const [{ WebSocketServer }, openRpc] = await Promise.all([import('ws'), loadRpc()]);
  const wss: WebSocketServer = new WebSocketServer({ noServer: true, maxPayload: parsed.maxMessageBytes });
  const sockets = new Set<WebSocket>();
  const operators = new Set(parsed.operators);
  const guard = new ConnectionGuard({
    maxPending: parsed.maxPendingConnections,
    maxPendingPerAddress: parsed.maxPendingPerAddress,
    handshakeTimeoutMs: parsed.handshakeTimeoutMs,
  });
  let closing = false;

  // node:http's own deadlines bound slow headers and bodies too; the guard bounds the whole handshake.
  const serverOptions = {
    headersTimeout: parsed.handshakeTimeoutMs,
    requestTimeout: parsed.handshakeTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, parsed.handshakeTimeoutMs),
  };
  const answer =
    parsed.onRequest ??
    ((_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(426, { connection: 'close', 'content-length': '0' }).end();
    });
  const http = parsed.tls
    ? createHttpsServer(
        {
          ...serverOptions,
          cert: pemOf(parsed.tls.cert),
          key: pemOf(parsed.tls.key),
          handshakeTimeout: parsed.handshakeTimeoutMs,
        },
        answer,
      )
    : createServer(serverOptions, answer);
  // Over TLS the guard holds the TLS socket (the one upgrades arrive on) from the end of its
  // handshake; `handshakeTimeout` bounds the TLS handshake before that.
  http.on(parsed.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    socket.on('error', () => socket.destroy());
    if (closing) socket.destroy();
    else guard.admit(socket);
  });
  http.on('clientError', (_error, socket) => socket.destroy());
  if (parsed.tls) http.on('tlsClientError', (_error, socket) => socket.destroy());
  http.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    admitUpgrade(request).then(
      (answer) => {
        // The deadline may have passed (or the peer gone) while authenticate ran.
        if (!guard.holds(socket) || socket.destroyed) return socket.destroy();
        if (typeof answer !== 'number') {
          return wss.handleUpgrade(request, socket, head, (ws) => {
            guard.promote(socket);
            accept(ws, answer);
          });
        }
        socket.end(
          `HTTP/1.1 ${answer} ${STATUS_CODES[answer]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
        );
      },
      () => socket.destroy(),
    );
  });

  function accept(ws: WebSocket, principal: Principal): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    const rpc = openRpc(ws, { maxInboundRequests: parsed.maxCallsPerConnection });
    const view = viewAs(node, principal) ?? { client: node, target: node.asTarget() };
    new ServerSession(rpc, view, parsed.target);
    if (parsed.terminals !== false) {
      const open = parsed.terminals !== true && parsed.terminals.open === true;
      serveTerminals(rpc, { open, principal, trail: terminalTrailOf(node) });
    }
  }

  // An HTTP status to refuse with, or the principal the connection acts as.
  async function admitUpgrade(request: IncomingMessage): Promise<number | Principal> {
    const url = request.url ?? '/';
    if (closing || sockets.size >= parsed.maxConnections) return 503;
    if (url.split('?')[0] !== parsed.path) return 404;
    const info = { headers: request.headers, remoteAddress: request.socket.remoteAddress, url };
    const answer = await boundedCall(() => parsed.authenticate(info), parsed.authenticateTimeoutMs);
    const principal = answer.kind === 'value' ? principalOf(answer.value, operators) : null;
    if (!principal) return 401;
    return closing || sockets.size >= parsed.maxConnections ? 503 : principal;
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(parsed.port, parsed.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  // After listening, an accept error (EMFILE when descriptors run out) must not crash the host:
  // libuv drops that connection and the server keeps serving the others.
  http.on('error', () => {});
  const port = (http.address() as AddressInfo).port;
  const host = parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing = true;
    closed ??= (async () => {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      guard.close();
      await Promise.all([...sockets].map((ws) => closeSocket(ws)));
      http.closeAllConnections();
      await stopped;
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    })();
    return closed;
  };

  return {
    url: `${parsed.tls ? 'wss' : 'ws'}://${host}:${port}${parsed.path}`,
    port,
    get connections() {
      return sockets.size;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

// `true`: an anonymous principal of the connection's own; a name: that principal; else refused.
function principalOf(value: unknown, operators: ReadonlySet<string>): Principal | null {
  if (value === true) return { id: unguessableId('conn'), operator: false };
  if (typeof value === 'string' && value.length > 0 && value.length <= 256) {
    return { id: value, operator: operators.has(value) };
  }
  return null;
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

const pemOf = (value: string | Uint8Array): string | Buffer =>
  typeof value === 'string' ? value : Buffer.from(value);
