import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createStreamableHttpHandler } from '../../src/jsonrpc/index.js';

/** The local peers of the smoke suite, all on one loopback port (same origin for a page). */
export interface SmokeServer {
  /** `http://127.0.0.1:port`. */
  readonly base: string;
  /** Serves `body` at `path` (the page and the bundle a browser loads). */
  serve(path: string, type: string, body: string): void;
  close(): Promise<void>;
}

// Cross-origin callers (a Worker's or a page's fetch from another origin) may read everything.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-expose-headers': 'mcp-session-id',
};

const SSE_EVENTS = [1, 2, 3];

/**
 * Starts the smoke peers on 127.0.0.1, port 0: `GET /json` (JSON), `GET /events` (three JSON SSE
 * events, then `[DONE]`), `/mcp` (a Streamable HTTP JSON-RPC endpoint answering `add`), and the
 * WebSockets `/echo` (echoes every message) and `/rpc` (a JSON-RPC peer answering `add`).
 */
export async function startSmokeServer(): Promise<SmokeServer> {
  const files = new Map<string, { type: string; body: string }>();
  const mcp = createStreamableHttpHandler({
    allowedOrigins: '*',
    onSession(rpc) {
      rpc.onRequest('initialize', () => ({
        protocolVersion: '2025-06-18',
        capabilities: {},
        serverInfo: { name: 'smoke', version: '1' },
      }));
      rpc.onNotification('notifications/initialized', () => {});
      rpc.onRequest('add', (params) => sum(params));
    },
  });
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = files.get(path);
    if (req.method === 'OPTIONS') res.writeHead(204).end();
    else if (path === '/mcp') mcp.handle(req, res);
    else if (file) res.writeHead(200, { 'content-type': file.type }).end(file.body);
    else if (path === '/json')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"runtime"}');
    else if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.end(`${SSE_EVENTS.map((n) => `id: ${n}\ndata: {"n":${n}}\n\n`).join('')}data: [DONE]\n\n`);
    } else res.writeHead(404).end();
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket, req) => {
    const rpc = req.url === '/rpc';
    socket.on('message', (data, isBinary) => {
      if (!rpc) return socket.send(data, { binary: isBinary });
      const message = JSON.parse(String(data)) as { id: number; params: unknown };
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: sum(message.params) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    serve: (path, type, body) => files.set(path, { type, body }),
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function sum(params: unknown): number {
  return (params as number[]).reduce((a, b) => a + b, 0);
}
