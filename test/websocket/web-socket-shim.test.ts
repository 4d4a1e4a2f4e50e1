import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { connect, type WebSocketMessagePayload } from '../../src/websocket/index.js';
import { waitFor } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

// The portable build's swap (tsup.config.ts), done here the same way: open-socket.ts → .web.ts,
// so sessions run on Node 24's own WHATWG WebSocket through the shim, against the real ws server.
vi.mock('../../src/websocket/open-socket.js', () => import('../../src/websocket/open-socket.web.js'));

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

async function causeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  const cause = (error as { cause?: unknown })?.cause;
  return isExecutionError(cause) ? cause.code : undefined;
}

describe('connect() on a WHATWG WebSocket (the portable build)', () => {
  it('round-trips text and binary, and closes with a real handshake', async () => {
    const session = connect(`${server.url}/echo`);
    await session.send('hello');
    await session.send(new Uint8Array([1, 2, 3]));
    const messages: WebSocketMessagePayload[] = [];
    for await (const event of session) {
      if (event.event_type !== 'websocket.message') continue;
      messages.push(event.payload);
      if (messages.length === 2) break;
    }
    expect(messages[0]).toEqual({ kind: 'text', text: 'hello', bytes: 5 });
    expect(messages[1]).toMatchObject({ kind: 'binary', bytes: 3 });
    expect([...(messages[1] as { data: Uint8Array }).data]).toEqual([1, 2, 3]);
    const outcome = await session.close(1000, 'done');
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({ close_code: 1000, was_clean: true, initiated_by: 'local' });
  });

  it('refuses handshake headers with UNSUPPORTED_RUNTIME before connecting', async () => {
    const before = server.upgrades.length;
    const session = connect(`${server.url}/echo`, { headers: { authorization: 'Bearer x' } });
    expect(await causeOf(session.ready())).toBe('UNSUPPORTED_RUNTIME');
    expect((await session.result).failure).toMatchObject({ code: 'UNSUPPORTED_RUNTIME' });
    expect(server.upgrades.length).toBe(before);
  });

  it('reports an unreachable peer as CONNECT_FAILED', async () => {
    const closed = await startWsServer();
    const url = closed.url;
    await closed.close();
    const session = connect(`${url}/echo`);
    expect(await causeOf(session.ready())).toBe('CONNECT_FAILED');
  });

  it('enforces maxPayloadBytes itself: a bigger message fails MESSAGE_TOO_LARGE', async () => {
    const session = connect(`${server.url}/big/4096`, { maxPayloadBytes: 1024 });
    for await (const _ of session) {
      // drain until the session ends
    }
    expect((await session.result).failure).toMatchObject({
      code: 'MESSAGE_TOO_LARGE',
      details: { limit: 'maxPayloadBytes', value: 1024 },
    });
  });

  it('has no ping: session.ping() rejects NOT_SUPPORTED, and no keepalive runs', async () => {
    const session = connect(`${server.url}/echo`, { pingIntervalMs: 50, pongTimeoutMs: 50 });
    await session.ready();
    await expect(session.ping()).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    // Three keepalive periods: a keepalive with no pong would have ended the session by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await session.close()).status).toBe('succeeded');
  });

  it('holds at most maxPayloadBytes while paused, then terminates: ABNORMAL_CLOSURE naming the limit', async () => {
    const before = new Set(server.clients);
    const session = connect(`${server.url}/big-flood/64/16384`, {
      maxUnreadBytes: 32 * 1024,
      maxPayloadBytes: 32 * 1024,
    });
    await session.ready();
    const peer = [...server.clients].find((client) => !before.has(client));
    // Nobody iterates yet: past maxUnreadBytes the session pauses, the shim holds what keeps
    // arriving up to maxPayloadBytes, then closes the socket while 64 × 16 KiB were still coming.
    expect(await waitFor(() => peer !== undefined && !server.clients.has(peer))).toBe(true);
    let received = 0;
    for await (const event of session) if (event.event_type === 'websocket.message') received++;
    expect(received).toBeLessThan(64);
    const outcome = await session.result;
    expect(outcome.failure).toMatchObject({
      code: 'ABNORMAL_CLOSURE',
      details: { socket_error: expect.stringContaining('maxPayloadBytes (32768)') },
    });
  });

  it("sends the caller's close code to the peer", async () => {
    const before = server.closes.length;
    const session = connect(`${server.url}/echo`);
    await session.ready();
    const outcome = await session.close(4000, 'bye');
    expect(outcome.output).toMatchObject({ close_code: 4000, initiated_by: 'local' });
    expect(await waitFor(() => server.closes.length > before)).toBe(true);
    expect(server.closes.at(-1)).toBe(4000);
  });
});
