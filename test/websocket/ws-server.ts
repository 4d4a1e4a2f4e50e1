import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A real ws server on 127.0.0.1, port 0, whose behaviour is chosen by the request path. */
export interface TestWsServer {
  readonly url: string;
  /** Server-side sockets currently connected. */
  readonly clients: Set<WebSocket>;
  /** Close codes the server saw, in order. */
  readonly closes: number[];
  /** Request headers of every upgrade, in order. */
  readonly upgrades: IncomingMessage['headers'][];
  close(): Promise<void>;
}

/**
 * Paths:
 * - `/echo` echoes every message (text stays text, binary stays binary);
 * - `/hang` accepts and stays silent; `/never-pong` also never answers pings;
 * - `/close/<code>` closes with that code (`/close/none`: a close frame without a code);
 * - `/drop` destroys the TCP connection after the handshake (no close frame);
 * - `/flood/<n>` sends n messages `0..n-1` then closes with 1000;
 * - `/slow-reader` stops reading from the socket for 400 ms, then echoes;
 * - `/bad-frame` writes a frame with a reserved opcode;
 * - `/big/<bytes>` sends one binary message of that size;
 * - `/big-flood/<n>/<bytes>` sends n binary messages of that size, as fast as the socket takes them;
 * - `/status/<code>` refuses the upgrade with that HTTP status and a JSON body;
 * - `/stall` never answers the upgrade request;
 * - `/drop-after/<ms>` drops the TCP connection after that many ms (for reconnects);
 * - `/flaky-echo` drops its first connection after 30 ms, then echoes on every later one;
 * - `/stream` sends a message every 2 ms until closed;
 * - `/deaf` never reads from the socket again (send backpressure);
 * - `/no-protocol` accepts without selecting any of the offered subprotocols.
 */
export async function startWsServer(): Promise<TestWsServer> {
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: true,
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });
  const silent = new WebSocketServer({ noServer: true, autoPong: false });
  const plain = new WebSocketServer({ noServer: true, handleProtocols: () => false });
  let flaky = 0;
  const clients = new Set<WebSocket>();
  const upgrades: IncomingMessage['headers'][] = [];
  const closes: number[] = [];
  const stalled = new Set<Socket>();
  const server: Server = createServer();
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    upgrades.push(request.headers);
    const path = request.url ?? '/';
    if (path.startsWith('/status/')) {
      const status = Number(path.split('/')[2]);
      const body = JSON.stringify({ error: 'refused', detail: 'x'.repeat(3000) });
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    if (path === '/stall') {
      stalled.add(socket);
      return;
    }
    const target = path === '/never-pong' ? silent : path === '/no-protocol' ? plain : wss;
    target.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', (code) => {
        clients.delete(ws);
        closes.push(code);
      });
      if (path === '/flaky-echo' && flaky++ === 0) behave('/drop-after/30', ws);
      else behave(path === '/flaky-echo' ? '/echo' : path, ws);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${address.port}`,
    clients,
    closes,
    upgrades,
    close: async () => {
      for (const ws of clients) ws.terminate();
      for (const socket of stalled) socket.destroy();
      wss.close();
      silent.close();
      plain.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function behave(path: string, ws: WebSocket): void {
  const [, kind, arg] = path.split('/');
  const raw = (ws as unknown as { _socket: Socket })._socket;
  switch (kind) {
    case 'echo':
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      return;
    case 'close':
      if (arg === 'none') ws.close();
      else ws.close(Number(arg), `bye ${arg}`);
      return;
    case 'drop':
      setTimeout(() => raw.destroy(), 20);
      return;
    case 'drop-after':
      setTimeout(() => raw.destroy(), Number(arg));
      return;
    case 'flood': {
      const n = Number(arg);
      for (let i = 0; i < n; i++) ws.send(String(i));
      ws.close(1000, 'done');
      return;
    }
    case 'slow-reader':
      raw.pause();
      setTimeout(() => raw.resume(), 400);
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      return;
    case 'stream': {
      let i = 0;
      const timer = setInterval(() => ws.send(String(i++)), 2);
      ws.on('close', () => clearInterval(timer));
      return;
    }
    case 'deaf':
      raw.pause();
      return;
    case 'bad-frame':
      // FIN + reserved opcode 0x3, empty payload: a protocol error for the client.
      raw.write(Buffer.from([0x83, 0x00]));
      return;
    case 'big':
      ws.send(Buffer.alloc(Number(arg), 1));
      return;
    case 'big-flood': {
      const size = Number(path.split('/')[3]);
      const message = Buffer.alloc(size, 2);
      for (let i = 0; i < Number(arg); i++) ws.send(message);
      return;
    }
    default:
      return;
  }
}
