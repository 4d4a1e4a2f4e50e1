import type { WebSocket } from 'ws';
import type { ExecutionOutcome } from '../core/outcome.js';
import type { WebSocketSession } from '../websocket/index.js';

/**
 * The small port the node uses of a JSON-RPC connection. The node never imports the jsonrpc or
 * websocket lanes statically (nothing imports node, node loads lanes lazily): it loads them with
 * `import()` on first use (the modules' own types come with it; `import type` names the session
 * and socket types), and the rest of `src/node` depends on nothing but these shapes.
 */
export interface RpcConnection {
  request(
    method: string,
    params: unknown,
    options: { readonly timeoutMs: number | null; readonly signal?: AbortSignal | undefined },
  ): Promise<unknown>;
  notify(method: string, params: unknown): Promise<void>;
  onRequest(method: string, handler: (params: unknown, context: RpcRequestContext) => unknown): unknown;
  onNotification(method: string, handler: (params: unknown) => void): unknown;
  /** The connection's outcome; resolves once it ended, never rejects. */
  readonly result: Promise<ExecutionOutcome>;
  close(): Promise<unknown>;
}

/** What an inbound request handler is told. */
export interface RpcRequestContext {
  /** Aborted when the peer cancels the request or the connection ends. */
  readonly signal: AbortSignal;
}

/** The client side: `connect` from websocket, the channel and the connection from jsonrpc. */
export interface ClientModules {
  /** Resolves once the WebSocket is open; rejects (or never resolves) when it never opens. */
  opened(session: WebSocketSession): Promise<unknown>;
  open(
    url: string,
    options: {
      headers: Readonly<Record<string, string>>;
      handshakeTimeoutMs: number;
      pingIntervalMs: number | null;
      maxMessageBytes: number;
      maxInFlight: number;
    },
  ): { session: WebSocketSession; rpc: RpcConnection };
}

/** Loads the client side (websocket `connect`, jsonrpc over its session). */
export async function loadClientModules(): Promise<ClientModules> {
  const [websocket, jsonrpc] = await Promise.all([
    import('../websocket/index.js'),
    import('../jsonrpc/index.js'),
  ]);
  return {
    opened: (session) => session.ready(),
    open: (url, options) => {
      const session = websocket.connect(url, {
        headers: options.headers,
        handshakeTimeoutMs: options.handshakeTimeoutMs,
        pingIntervalMs: options.pingIntervalMs,
        maxPayloadBytes: options.maxMessageBytes,
      });
      const connection = jsonrpc.createJsonRpcConnection(jsonrpc.createWebSocketChannel(session), {
        requestTimeoutMs: null,
        maxInFlight: options.maxInFlight,
      });
      return { session, rpc: connection };
    },
  };
}

/** The server side: a JSON-RPC connection over an accepted `ws` socket. */
export async function loadServerModules(): Promise<
  (socket: WebSocket, options: { maxInboundRequests: number }) => RpcConnection
> {
  const rpc = await import('../jsonrpc/index.js');
  return (socket, options) =>
    rpc.createJsonRpcConnection(rpc.createWebSocketChannel(socket), {
      requestTimeoutMs: null,
      maxInboundRequests: options.maxInboundRequests,
    });
}
