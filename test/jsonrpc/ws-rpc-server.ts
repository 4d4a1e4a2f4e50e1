import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  createJsonRpcConnection,
  createWebSocketChannel,
  type JsonRpcConnection,
  JsonRpcRemoteError,
} from '../../src/jsonrpc/index.js';

/** A real JSON-RPC server over WebSocket on 127.0.0.1, port 0, built on the engine under test. */
export interface WsRpcServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Methods: add, echo, fail (error 4242), never (no answer), whoami (asks the client
 * `client/name`), drop (destroys the TCP connection), binary (sends a notification in a binary
 * frame), notifyMe {count} (sends `server/note` notifications first). Path `/early` sends
 * a `hello` notification right after the handshake.
 */
export async function startWsRpcServer(): Promise<WsRpcServer> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const sides: JsonRpcConnection[] = [];
  wss.on('connection', (socket, request) => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(socket));
    sides.push(rpc);
    rpc.onRequest('add', (params) => (params as number[]).reduce((a, b) => a + b, 0));
    rpc.onRequest('echo', (params) => params);
    rpc.onRequest('fail', () => {
      throw new JsonRpcRemoteError(4242, 'failed on purpose', { why: 'test' });
    });
    rpc.onRequest('never', () => new Promise(() => {}));
    rpc.onRequest('whoami', async () => ({ you: await rpc.request('client/name') }));
    rpc.onRequest('drop', () => {
      (socket as unknown as { _socket: Socket })._socket.destroy();
      return new Promise(() => {});
    });
    rpc.onRequest('binary', () => {
      socket.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'bin/note', params: { ok: true } })));
      return 'sent';
    });
    rpc.onRequest('notifyMe', async (params) => {
      for (let i = 0; i < Number((params as { count?: number })?.count ?? 1); i++)
        await rpc.notify('server/note', { i });
      return 'notified';
    });
    if (request.url === '/early') void rpc.notify('hello', { early: true });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(http.address() as { port: number }).port}`,
    close: async () => {
      for (const rpc of sides) await rpc.close();
      wss.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
