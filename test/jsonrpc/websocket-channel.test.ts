import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { createJsonRpcConnection, createWebSocketChannel } from '../../src/jsonrpc/index.js';
import { connect } from '../../src/websocket/index.js';
import { startWsRpcServer, type WsRpcServer } from './ws-rpc-server.js';

let server: WsRpcServer;
beforeAll(async () => {
  server = await startWsRpcServer();
});
afterAll(() => server.close());

describe('JSON-RPC over a real WebSocket', () => {
  it('client and server talk in both directions', async () => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(connect(`${server.url}/rpc`)));
    rpc.onRequest('client/name', () => 'ws-client');
    expect(await rpc.request('add', [20, 22])).toBe(42);
    expect(await rpc.request('whoami')).toEqual({ you: 'ws-client' });
    expect(await rpc.request('binary')).toBe('sent');
    await expect(rpc.request('fail')).rejects.toMatchObject({ code: 4242, data: { why: 'test' } });
    const outcome = await rpc.close();
    expect(outcome.status).toBe('succeeded');
    const notes = [];
    for await (const event of rpc) if (event.event_type === 'jsonrpc.notification') notes.push(event.payload);
    expect(notes).toEqual([{ method: 'bin/note', params: { ok: true } }]);
  });

  it('a message the server sends right after the handshake is not lost', async () => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(connect(`${server.url}/early`)));
    const hello = Promise.withResolvers<unknown>();
    rpc.onNotification('hello', (params) => hello.resolve(params));
    expect(await hello.promise).toEqual({ early: true });
    await rpc.close();
  });

  it('a dropped connection rejects pending requests as remote_disconnect and fails the connection', async () => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(connect(`${server.url}/rpc`)));
    const error = await rpc.request('drop').catch((e: unknown) => e);
    expect(isExecutionError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'remote_disconnect' });
    const outcome = await rpc.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({ failure_class: 'remote_disconnect', code: 'ABNORMAL_CLOSURE' });
    const late = await rpc.request('late').catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'ABNORMAL_CLOSURE' } });
  });

  it('a refused WebSocket: ready() and request() reject with SESSION_ENDED whose cause is CONNECT_FAILED', async () => {
    const rpc = createJsonRpcConnection(createWebSocketChannel(connect('ws://127.0.0.1:9/')));
    await expect(rpc.ready()).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'CONNECT_FAILED' },
    });
    await expect(rpc.request('m')).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'CONNECT_FAILED' },
    });
    expect((await rpc.close()).failure?.code).toBe('CONNECT_FAILED');
  });
});
