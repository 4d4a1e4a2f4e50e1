import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { isExecutionError } from '../../src/core/index.js';
import {
  createJsonRpcConnection,
  createWebSocketChannel,
  createWsSocketChannel,
  type JsonRpcConnection,
} from '../../src/jsonrpc/index.js';
import { connect } from '../../src/websocket/index.js';

let http: Server;
let wss: WebSocketServer;
let url: string;
const serverSides: JsonRpcConnection[] = [];

beforeAll(async () => {
  http = createServer();
  wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket, request) => {
    const rpc = createJsonRpcConnection(createWsSocketChannel(socket));
    serverSides.push(rpc);
    rpc.onRequest('add', (params) => (params as number[]).reduce((a, b) => a + b, 0));
    rpc.onRequest('whoami', async () => ({ you: await rpc.request('client/name') }));
    rpc.onRequest('drop', () => {
      (socket as unknown as { _socket: Socket })._socket.destroy();
      return new Promise(() => {});
    });
    rpc.onRequest('binary', () => {
      socket.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'bin/note', params: { ok: true } })));
      return 'sent';
    });
    if (request.url === '/early') void rpc.notify('hello', { early: true });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const rpc of serverSides) await rpc.close();
  wss.close();
  await new Promise((resolve) => http.close(resolve));
});

describe('JSON-RPC over a real WebSocket', () => {
  it('client and server talk in both directions', async () => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(connect(`${url}/rpc`)));
    rpc.onRequest('client/name', () => 'ws-client');
    expect(await rpc.request('add', [20, 22])).toBe(42);
    expect(await rpc.request('whoami')).toEqual({ you: 'ws-client' });
    expect(await rpc.request('binary')).toBe('sent');
    const outcome = await rpc.close();
    expect(outcome.status).toBe('succeeded');
    const notes = [];
    for await (const event of rpc) if (event.event_type === 'jsonrpc.notification') notes.push(event.payload);
    expect(notes).toEqual([{ method: 'bin/note', params: { ok: true } }]);
  });

  it('a message the server sends right after the handshake is not lost', async () => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(connect(`${url}/early`)));
    const hello = Promise.withResolvers<unknown>();
    rpc.onNotification('hello', (params) => hello.resolve(params));
    expect(await hello.promise).toEqual({ early: true });
    await rpc.close();
  });

  it('a dropped connection rejects pending requests as remote_disconnect and fails the connection', async () => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(connect(`${url}/rpc`)));
    const pending = rpc.request('drop');
    const error = await pending.catch((e: unknown) => e);
    expect(isExecutionError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CLOSED', failureClass: 'remote_disconnect' });
    const outcome = await rpc.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure?.failure_class).toBe('remote_disconnect');
  });
});
