import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { DocPeerName } from './doc-hosts.js';

/** The local peers doc blocks run against, all on one 127.0.0.1 port. */
export interface DocPeers extends AsyncDisposable {
  readonly origins: Readonly<Record<DocPeerName, string>>;
  close(): Promise<void>;
}

// Shaped like a chat-completions delta, so both a plain `json: true` reader and a schema fit.
const SSE_DELTAS = ['Hel', 'lo', '!'].map((content) => ({ choices: [{ delta: { content } }] }));

function answer(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  // Event streams: chat completions, and any path with a `stream` or `events` segment.
  if (/\/chat\/completions$|\/(stream|events)(\/|\?|$)/.test(req.url ?? '')) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    for (const [i, delta] of SSE_DELTAS.entries()) res.write(`id: ${i}\ndata: ${JSON.stringify(delta)}\n\n`);
    res.end('data: [DONE]\n\n');
    return;
  }
  const json =
    req.method === 'GET' ? { ok: true, path: req.url } : { received: body === '' ? null : JSON.parse(body) };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(json));
}

/** Starts an HTTP server (JSON, POST echo, SSE) with a WebSocket echo on the same port. */
export async function startDocPeers(): Promise<DocPeers> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    origins: { http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}` },
    close,
    [Symbol.asyncDispose]: close,
  };
}
