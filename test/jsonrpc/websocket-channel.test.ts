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
    expect(error).toMatchObject({ code: 'CLOSED', failureClass: 'remote_disconnect' });
    const outcome = await rpc.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure?.failure_class).toBe('remote_disconnect');
  });
});
