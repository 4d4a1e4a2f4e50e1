import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { connect, type WebSocketMessagePayload } from '../../src/websocket/index.js';
import { collect, laneTypes, tcpHandles, waitFor } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

describe('connect()', () => {
  it('round-trips text and binary through a real echo server with ordered events', async () => {
    const session = connect(`${server.url}/echo`);
    await session.send('hello');
    await session.send(new Uint8Array([1, 2, 3]));
    const messages: WebSocketMessagePayload[] = [];
    const events = [];
    for await (const event of session) {
      events.push(event);
      if (event.event_type === 'websocket.message') {
        messages.push(event.payload);
        if (messages.length === 2) void session.close();
      }
    }
    expect(laneTypes(events)).toEqual([
      'websocket.open',
      'websocket.message',
      'websocket.message',
      'websocket.close',
    ]);
    expect(messages[0]).toEqual({ kind: 'text', text: 'hello', bytes: 5 });
    expect(messages[1]).toMatchObject({ kind: 'binary', bytes: 3 });
    expect([...(messages[1] as { data: Uint8Array }).data]).toEqual([1, 2, 3]);
    const outcome = await session.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({
      close_code: 1000,
      initiated_by: 'local',
      was_clean: true,
      connections: 1,
      messages_received: 2,
      messages_sent: 2,
      bytes_sent: 8,
      bytes_received: 8,
    });
    expect(events.find((e) => e.event_type === 'websocket.open')?.payload).toEqual({
      url: `${server.url}/echo`,
      protocol: '',
      extensions: '',
      connection: 1,
    });
  });

  it('sends before the handshake completes are delivered once it does', async () => {
    const session = connect(`${server.url}/echo`);
    expect(session.state === 'idle' || session.state === 'connecting').toBe(true);
    const sent = session.send('early');
    await sent;
    expect(session.state).toBe('open');
    for await (const event of session) {
      if (event.event_type === 'websocket.message') {
        expect(event.payload).toMatchObject({ text: 'early' });
        await session.close();
      }
    }
  });

  it('offers subprotocols and headers, and reports the selected protocol', async () => {
    const session = connect(`${server.url}/echo`, {
      subprotocols: ['chat.v2', 'chat.v1'],
      headers: { 'x-client': 'tests' },
    });
    await session.ready();
    expect(session.protocol).toBe('chat.v2');
    expect(server.upgrades.at(-1)?.['x-client']).toBe('tests');
    expect(server.upgrades.at(-1)?.['sec-websocket-protocol']).toBe('chat.v2,chat.v1');
    const outcome = await session.close();
    expect(outcome.output?.protocol).toBe('chat.v2');
  });

  it('negotiates permessage-deflate only when asked', async () => {
    const plain = connect(`${server.url}/echo`);
    await plain.ready();
    expect(plain.extensions).toBe('');
    await plain.close();
    const deflate = connect(`${server.url}/echo`, { perMessageDeflate: true });
    await deflate.ready();
    expect(deflate.extensions).toContain('permessage-deflate');
    await deflate.send('x'.repeat(10_000));
    for await (const event of deflate) {
      if (event.event_type === 'websocket.message') {
        expect(event.payload).toMatchObject({ kind: 'text', bytes: 10_000 });
        await deflate.close();
      }
    }
  });

  it('delivers binary frames as base64 when asked (JSON-safe events)', async () => {
    const session = connect(`${server.url}/echo`, { binaryEncoding: 'base64' });
    await session.send(Buffer.from('bytes'));
    for await (const event of session) {
      if (event.event_type === 'websocket.message') {
        expect(event.payload).toEqual({
          kind: 'binary',
          data: Buffer.from('bytes').toString('base64'),
          bytes: 5,
        });
        await session.close();
      }
    }
  });

  it('ping() resolves with a round trip; pingEvents reports pongs', async () => {
    const session = connect(`${server.url}/echo`, { pingEvents: true });
    await session.ready();
    const rtt = await session.ping();
    expect(rtt).toBeGreaterThanOrEqual(0);
    await session.close();
    const types = laneTypes(await collect(session));
    expect(types).toContain('websocket.pong');
  });

  it('keeps credentials out of events and outcomes', async () => {
    const session = connect(`${server.url}/echo?room=1&access_token=s3cr3t-token`, {
      headers: { authorization: 'Bearer sup3r-secret' },
    });
    await session.ready();
    await session.close();
    const text = JSON.stringify(await collect(session));
    expect(server.upgrades.at(-1)?.authorization).toBe('Bearer sup3r-secret');
    expect(text).not.toContain('s3cr3t-token');
    expect(text).not.toContain('sup3r-secret');
    expect(text).toContain('room=1&access_token=[redacted]');
  });

  it('after our close, send and ping reject with SESSION_ENDED (no cause) and close is idempotent', async () => {
    const session = connect(`${server.url}/echo`);
    await session.ready();
    const [first, second] = await Promise.all([session.close(), session.close(4000, 'again')]);
    expect(first).toBe(second);
    expect(await session.close()).toBe(first);
    const sendError = await session.send('late').catch((e: unknown) => e);
    expect(sendError).toMatchObject({ code: 'SESSION_ENDED' });
    expect((sendError as Error).cause).toBeUndefined();
    const pingError = await session.ping().catch((e: unknown) => e);
    expect(pingError).toMatchObject({ code: 'SESSION_ENDED' });
    await expect(session.ready()).resolves.toBeUndefined();
    expect(session.state).toBe('closed');
  });

  it('a refused connection: ready() and send() reject with SESSION_ENDED whose cause is CONNECT_FAILED', async () => {
    const session = connect('ws://127.0.0.1:9/');
    const early = session.send('queued before the refusal');
    const ready = await session.ready().catch((e: unknown) => e);
    expect(ready).toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'CONNECT_FAILED' } });
    await expect(early).rejects.toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'CONNECT_FAILED' } });
    const late = await session.send('late').catch((e: unknown) => e);
    expect(isExecutionError(late) && late.code).toBe('SESSION_ENDED');
    expect(isExecutionError(late) && isExecutionError(late.cause) && late.cause.code).toBe('CONNECT_FAILED');
    expect((await session.close()).failure?.code).toBe('CONNECT_FAILED');
  });

  it('after the peer closed: send() rejects with SESSION_ENDED, its cause the peer close code', async () => {
    const normal = connect(`${server.url}/close/1000`);
    await normal.result;
    const normalError = await normal.send('late').catch((e: unknown) => e);
    expect(normalError).toMatchObject({ code: 'SESSION_ENDED' });
    expect((normalError as Error).cause).toBeUndefined();
    const failed = connect(`${server.url}/close/1011`);
    await failed.result;
    const error = await failed.send('late').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'remote_disconnect' });
    expect(error).toMatchObject({ cause: { code: 'PEER_CLOSED', failureClass: 'remote_disconnect' } });
    expect((await failed.result).failure).toMatchObject({
      code: 'PEER_CLOSED',
      details: { close_code: 1011 },
    });
  });

  it('a session cancelled before it starts rejects its waiting sends with SESSION_ENDED (cause CANCELLED)', async () => {
    const session = connect(`${server.url}/echo`);
    const send = session.send('never sent');
    const ready = session.ready();
    await session.cancel();
    await expect(send).rejects.toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'CANCELLED' } });
    await expect(ready).rejects.toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'CANCELLED' } });
  });

  it('close() validates its code and reason', async () => {
    const session = connect(`${server.url}/echo`);
    await session.ready();
    for (const [code, reason] of [
      [1006, ''],
      [2000, ''],
      [3000.5, ''],
      [1000, 'é'.repeat(62)],
    ] as const) {
      const error = await session.close(code, reason).catch((e: unknown) => e);
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
    }
    expect((await session.close(4001, 'done')).output).toMatchObject({
      close_code: 4001,
      close_reason: 'done',
    });
  });

  it('rejects bad options before any I/O, naming the option', () => {
    const before = server.upgrades.length;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['http://127.0.0.1/', {}, 'url'],
      ['ws://user:pw@127.0.0.1/', {}, 'url'],
      ['not a url', {}, 'url'],
      [server.url, { pingIntervalMs: -1 }, 'pingIntervalMs'],
      [server.url, { maxPayloadBytes: 1.5 }, 'maxPayloadBytes'],
      [server.url, { subprotocols: ['has space'] }, 'subprotocols.0'],
      [server.url, { reconnect: { maxAttempts: 0 } }, 'reconnect'],
      [server.url, { headers: { authorization: 42 } }, 'headers.authorization'],
      [server.url, { bogus: true }, 'bogus'],
      [server.url, { timeoutMs: 0 }, 'timeoutMs'],
    ];
    for (const [url, options, option] of cases) {
      let error: unknown;
      try {
        connect(url, options);
      } catch (e) {
        error = e;
      }
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
      expect(isExecutionError(error) && String(error.details.option)).toContain(option.split('.')[0]);
      expect(String((error as Error).message)).not.toContain('42 (number)');
    }
    expect(server.upgrades.length).toBe(before);
  });

  it('leaves no socket or listener behind after many sessions', async () => {
    const baseline = tcpHandles();
    const controller = new AbortController();
    for (let i = 0; i < 50; i++) {
      const session = connect(`${server.url}/echo`, { signal: controller.signal });
      await session.send(String(i));
      for await (const event of session) if (event.event_type === 'websocket.message') await session.close();
    }
    const settled = await waitFor(() => server.clients.size === 0 && tcpHandles() <= baseline);
    expect({ settled, clients: server.clients.size, handles: tcpHandles(), baseline }).toMatchObject({
      settled: true,
    });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('await using closes the session gracefully with a close frame', async () => {
    let captured: ReturnType<typeof connect> | undefined;
    {
      await using session = connect(`${server.url}/echo`);
      captured = session;
      await session.ready();
    }
    expect(captured.status).toBe('succeeded');
    const outcome = await captured.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({ initiated_by: 'local', close_code: 1000, was_clean: true });
    expect(await waitFor(() => server.closes.at(-1) === 1000)).toBe(true);
  });
});
