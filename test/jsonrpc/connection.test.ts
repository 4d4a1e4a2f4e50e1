import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { type ExecutionError, isExecutionError } from '../../src/core/index.js';
import {
  createJsonRpcConnection,
  createMemoryChannelPair,
  isJsonRpcRemoteError,
  JsonRpcRemoteError,
} from '../../src/jsonrpc/index.js';
import { rawPeer } from './raw-peer.js';

function pair(options: Parameters<typeof createJsonRpcConnection>[1] = {}) {
  const [ours, theirs] = createMemoryChannelPair();
  return { rpc: createJsonRpcConnection(ours, options), peer: rawPeer(theirs) };
}

function connected() {
  const [a, b] = createMemoryChannelPair();
  return { client: createJsonRpcConnection(a), server: createJsonRpcConnection(b) };
}

describe('requests and responses', () => {
  it('sends JSON-RPC 2.0 requests with ids from 0 and resolves their results (id 0 is real)', async () => {
    const { rpc, peer } = pair();
    const first = rpc.request('add', [1, 2]);
    const request = await peer.next();
    expect(request).toEqual({ jsonrpc: '2.0', id: 0, method: 'add', params: [1, 2] });
    peer.send({ jsonrpc: '2.0', id: 0, result: 3 });
    expect(await first).toBe(3);
    const second = rpc.request('ping');
    expect(await peer.next()).toEqual({ jsonrpc: '2.0', id: 1, method: 'ping' });
    peer.send({ jsonrpc: '2.0', id: 1, result: null });
    expect(await second).toBeNull();
    await rpc.close();
  });

  it('requestIdStart sets the first id; responses may arrive out of order', async () => {
    const { rpc, peer } = pair({ requestIdStart: 41 });
    const a = rpc.request('a');
    const b = rpc.request('b');
    await peer.next();
    await peer.next();
    peer.send({ jsonrpc: '2.0', id: 42, result: 'b' });
    peer.send({ jsonrpc: '2.0', id: 41, result: 'a' });
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    await rpc.close();
  });

  it('an error response rejects with a JsonRpcRemoteError, never an ExecutionError', async () => {
    const { rpc, peer } = pair();
    const call = rpc.request('divide', { by: 0 });
    await peer.next();
    peer.send({
      jsonrpc: '2.0',
      id: 0,
      error: { code: -32602, message: 'division by zero', data: { by: 0 } },
    });
    const error = await call.catch((e: unknown) => e);
    expect(isJsonRpcRemoteError(error)).toBe(true);
    expect(error).toBeInstanceOf(JsonRpcRemoteError);
    expect(isExecutionError(error)).toBe(false);
    expect(error).toMatchObject({
      code: -32602,
      message: 'division by zero',
      data: { by: 0 },
      method: 'divide',
    });
    expect((await rpc.close()).output).toMatchObject({ responses_received: 1, errors_received: 1 });
  });

  it('notify sends a notification without an id', async () => {
    const { rpc, peer } = pair();
    await rpc.notify('initialized', {});
    expect(await peer.next()).toEqual({ jsonrpc: '2.0', method: 'initialized', params: {} });
    expect((await rpc.close()).output?.notifications_sent).toBe(1);
  });

  it('refuses bad input with typed errors before sending anything', async () => {
    const { rpc, peer } = pair();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await rpc.request('x', cyclic).catch((e: ExecutionError) => e.code)).toBe('INVALID_PARAMS');
    expect(await rpc.request('', {}).catch((e: ExecutionError) => e.code)).toBe('INVALID_OPTIONS');
    expect(await rpc.notify(42 as unknown as string).catch((e: ExecutionError) => e.code)).toBe(
      'INVALID_OPTIONS',
    );
    const aborted = AbortSignal.abort();
    expect(await rpc.request('x', {}, { signal: aborted }).catch((e: ExecutionError) => e.code)).toBe(
      'CANCELLED',
    );
    await rpc.close();
    expect(peer.received).toEqual([]);
  });

  it('validates connection options before any I/O', () => {
    for (const [options, option] of [
      [{ requestTimeoutMs: 0 }, 'requestTimeoutMs'],
      [{ dialect: 'json' }, 'dialect'],
      [{ maxInFlight: -1 }, 'maxInFlight'],
      [{ nope: 1 }, 'nope'],
    ] as const) {
      const [ours] = createMemoryChannelPair();
      let error: unknown;
      try {
        createJsonRpcConnection(ours, options as never);
      } catch (e) {
        error = e;
      }
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
      expect(isExecutionError(error) && error.details.option).toBe(option);
    }
  });
});

describe('peer-initiated traffic', () => {
  it('answers peer requests from handlers, including errors they throw', async () => {
    const { rpc, peer } = pair();
    rpc.onRequest('sum', (params) => (params as number[]).reduce((a, b) => a + b, 0));
    rpc.onRequest('async', async () => ({ later: true }));
    rpc.onRequest('boom', () => {
      throw new Error('handler exploded');
    });
    rpc.onRequest('typed', () => {
      throw new JsonRpcRemoteError(4001, 'not allowed', { need: 'auth' });
    });
    rpc.onRequest('nothing', () => undefined);
    peer.send({ jsonrpc: '2.0', id: 'a', method: 'sum', params: [1, 2, 3] });
    peer.send({ jsonrpc: '2.0', id: 0, method: 'async' });
    peer.send({ jsonrpc: '2.0', id: 2, method: 'boom' });
    peer.send({ jsonrpc: '2.0', id: 3, method: 'typed' });
    peer.send({ jsonrpc: '2.0', id: 4, method: 'missing' });
    peer.send({ jsonrpc: '2.0', id: 5, method: 'nothing' });
    const byId = async (id: unknown) => peer.next((m) => m.id === id);
    expect(await byId('a')).toEqual({ jsonrpc: '2.0', id: 'a', result: 6 });
    expect(await byId(0)).toEqual({ jsonrpc: '2.0', id: 0, result: { later: true } });
    expect(await byId(2)).toEqual({
      jsonrpc: '2.0',
      id: 2,
      error: { code: -32603, message: 'handler exploded' },
    });
    expect(await byId(3)).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: 4001, message: 'not allowed', data: { need: 'auth' } },
    });
    expect(((await byId(4)).error as { code: number }).code).toBe(JsonRpcRemoteError.codes.METHOD_NOT_FOUND);
    expect(await byId(5)).toEqual({ jsonrpc: '2.0', id: 5, result: null });
    await rpc.close();
  });

  it("'*' handles every method without its own handler; unsubscribe removes a handler", async () => {
    const { rpc, peer } = pair();
    rpc.onRequest('*', (_params, context) => `fallback:${context.method}`);
    const off = rpc.onRequest('own', () => 'own');
    peer.send({ jsonrpc: '2.0', id: 1, method: 'own' });
    expect((await peer.next((m) => m.id === 1)).result).toBe('own');
    off();
    peer.send({ jsonrpc: '2.0', id: 2, method: 'own' });
    expect((await peer.next((m) => m.id === 2)).result).toBe('fallback:own');
    await rpc.close();
  });

  it('routes notifications to handlers; unhandled ones become events; handler errors become diagnostics', async () => {
    const { rpc, peer } = pair();
    const seen: unknown[] = [];
    rpc.onNotification('log', (params) => void seen.push(params));
    rpc.onNotification('bad', () => {
      throw new Error('notification handler broke');
    });
    peer.send({ jsonrpc: '2.0', method: 'log', params: { line: 1 } });
    peer.send({ jsonrpc: '2.0', method: 'bad' });
    peer.send({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'x' } });
    peer.send({ jsonrpc: '2.0', id: 9, method: 'sync' });
    await peer.next((m) => m.id === 9);
    await rpc.close();
    const events = [];
    for await (const event of rpc) events.push(event);
    expect(seen).toEqual([{ line: 1 }]);
    expect(events.filter((e) => e.event_type === 'jsonrpc.notification').map((e) => e.payload)).toEqual([
      { method: 'textDocument/publishDiagnostics', params: { uri: 'x' } },
    ]);
    expect(events.filter((e) => e.event_type === 'jsonrpc.diagnostic').map((e) => e.payload)).toEqual([
      { kind: 'handler_failed', text: 'notification handler broke', length: 26, method: 'bad' },
    ]);
  });

  it('more than maxInboundRequests running peer requests get a server-busy error', async () => {
    const { rpc, peer } = pair({ maxInboundRequests: 2 });
    const gate = Promise.withResolvers<void>();
    rpc.onRequest('wait', () => gate.promise.then(() => 'done'));
    for (const id of [1, 2, 3]) peer.send({ jsonrpc: '2.0', id, method: 'wait' });
    expect((await peer.next((m) => m.id === 3)).error).toMatchObject({
      code: JsonRpcRemoteError.codes.SERVER_BUSY,
    });
    gate.resolve();
    expect((await peer.next((m) => m.id === 1)).result).toBe('done');
    await rpc.close();
  });

  it('a handler learns about cancellation and the connection end through its signal', async () => {
    const { rpc, peer } = pair();
    const signals: AbortSignal[] = [];
    rpc.onRequest('long', (_params, { signal }) => {
      signals.push(signal);
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    peer.send({ jsonrpc: '2.0', id: 1, method: 'long' });
    peer.send({ jsonrpc: '2.0', id: 2, method: 'long' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    peer.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 1 } });
    // LSP answers a cancelled request, with RequestCancelled.
    expect((await peer.next((m) => m.id === 1)).error).toMatchObject({
      code: JsonRpcRemoteError.codes.REQUEST_CANCELLED,
    });
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    await rpc.close();
    expect(signals[1]?.aborted).toBe(true);
  });
});

describe('batches', () => {
  it('batch() sends one array and returns results in call order', async () => {
    const { client, server } = connected();
    server.onRequest('double', (n) => (n as number) * 2);
    server.onRequest('fail', () => {
      throw new JsonRpcRemoteError(7, 'nope');
    });
    const seen: unknown[] = [];
    server.onNotification('note', (p) => void seen.push(p));
    const results = await client.batch([
      { method: 'double', params: 2 },
      { method: 'note', params: 'n', notification: true },
      { method: 'fail' },
      { method: 'double', params: 5 },
    ]);
    expect(results[0]).toEqual({ ok: true, result: 4 });
    expect(results[1]).toEqual({ ok: true, result: undefined });
    expect(results[2]).toMatchObject({ ok: false, error: { code: 7, message: 'nope' } });
    expect(results[3]).toEqual({ ok: true, result: 10 });
    expect(seen).toEqual(['n']);
    await client.close();
  });

  it('answers a peer batch with one array, and rejects empty or oversize batches', async () => {
    const { rpc, peer } = pair({ maxBatchSize: 3 });
    rpc.onRequest('id', (p) => p);
    peer.send([
      { jsonrpc: '2.0', id: 1, method: 'id', params: 'a' },
      { jsonrpc: '2.0', method: 'note' },
      { jsonrpc: '2.0', id: 2, method: 'id', params: 'b' },
    ]);
    const reply = await peer.next(Array.isArray as never);
    expect(reply).toEqual([
      { jsonrpc: '2.0', id: 1, result: 'a' },
      { jsonrpc: '2.0', id: 2, result: 'b' },
    ]);
    peer.send([]);
    expect(await peer.next((m) => m.id === null)).toMatchObject({
      error: { code: -32600, message: 'empty batch' },
    });
    peer.send([1, 2, 3, 4]);
    expect(await peer.next((m) => m.id === null)).toMatchObject({ error: { code: -32600 } });
    await rpc.close();
  });
});

describe('robustness', () => {
  it('invalid JSON and non-JSON-RPC messages are diagnostics; the connection keeps working', async () => {
    const { rpc, peer } = pair();
    peer.sendText('{oops');
    peer.send({ hello: 'world' });
    peer.send({ jsonrpc: '2.0', id: 77, params: [] });
    peer.send({ jsonrpc: '2.0', id: 12345, result: 'for nobody' });
    expect(await peer.next((m) => m.id === 77)).toMatchObject({ error: { code: -32600 } });
    const call = rpc.request('still');
    await peer.next((m) => m.method === 'still');
    peer.send({ jsonrpc: '2.0', id: 0, result: 'alive' });
    expect(await call).toBe('alive');
    await rpc.close();
    const kinds = [];
    for await (const event of rpc)
      if (event.event_type === 'jsonrpc.diagnostic') kinds.push(event.payload.kind);
    expect(kinds).toEqual(['invalid_json', 'invalid_message', 'invalid_message', 'unknown_response']);
  });

  it('more than maxInFlight requests are refused with LIMIT_EXCEEDED', async () => {
    const { rpc } = pair({ maxInFlight: 2 });
    const a = rpc.request('a');
    const b = rpc.request('b');
    const error = await rpc.request('c').catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('LIMIT_EXCEEDED');
    expect(rpc.pendingRequests).toBe(2);
    await rpc.close();
    await expect(Promise.all([a, b])).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  });
});

describe('typed results', () => {
  it('a schema (zod, zod/mini or any Standard Schema) validates and types the result', async () => {
    const { client, server } = connected();
    server.onRequest('user', (params) => params);
    const user = await client.request(
      'user',
      { id: 7, name: 'Ada' },
      { schema: z.object({ id: z.number(), name: z.string() }) },
    );
    expectTypeOf(user).toEqualTypeOf<{ id: number; name: string }>();
    expect(user).toEqual({ id: 7, name: 'Ada' });
    // The schema's output, not the raw result: a transform applies.
    const upper = await client.request('user', 'ada', {
      schema: zm.pipe(
        zm.string(),
        zm.transform((s) => s.toUpperCase()),
      ),
    });
    expect(upper).toBe('ADA');
    const standard = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) =>
          typeof value === 'number' ? { value: value * 2 } : { issues: [{ message: 'not a number' }] },
      },
    };
    expect(await client.request('user', 21, { schema: standard })).toBe(42);
    const error = await client
      .request('user', { id: '7' }, { schema: z.object({ id: z.number() }) })
      .catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('INVALID_RESULT');
    expect(error).toMatchObject({ details: { method: 'user', path: 'id' } });
    expect(String((error as Error).message)).toMatch(/user.*`id`/);
    const root = await client.request('user', 'x', { schema: standard }).catch((e: unknown) => e);
    expect(root).toMatchObject({ code: 'INVALID_RESULT', details: { path: '(root)' } });
    await client.close();
    await server.close();
  });
});
