import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/websocket/index.js';
import { collect, delay } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

describe('keepalive', () => {
  it('a peer that never answers pings ends the session as remote_disconnect', async () => {
    const session = connect(`${server.url}/never-pong`, { pingIntervalMs: 30, pongTimeoutMs: 60 });
    const events = await collect(session);
    const outcome = await session.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({
      failure_class: 'remote_disconnect',
      code: 'KEEPALIVE_TIMEOUT',
    });
    expect(events.find((e) => e.event_type === 'websocket.close')?.payload).toMatchObject({
      initiated_by: 'keepalive',
      was_clean: false,
    });
  });

  it('a peer that answers pings keeps the session alive', async () => {
    const session = connect(`${server.url}/hang`, {
      pingIntervalMs: 20,
      pongTimeoutMs: 40,
      pingEvents: true,
    });
    await delay(300);
    expect(session.status).toBe('running');
    const outcome = await session.close();
    expect(outcome.status).toBe('succeeded');
    const pongs = (await collect(session)).filter((e) => e.event_type === 'websocket.pong');
    expect(pongs.length).toBeGreaterThanOrEqual(3);
  });

  it('a slow consumer (reading paused) is not mistaken for a dead peer', async () => {
    const session = connect(`${server.url}/stream`, {
      pingIntervalMs: 20,
      pongTimeoutMs: 150,
      eventQueueCapacity: 2,
    });
    const iterator = session[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    // Four times the pong timeout, with reading paused by backpressure.
    await delay(600);
    expect(session.status).toBe('running');
    void session.close();
    let next = await iterator.next();
    while (!next.done) next = await iterator.next();
    const outcome = await session.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.metrics.events_dropped).toBe(0);
  });

  it('pingIntervalMs: null turns keepalive off', async () => {
    const session = connect(`${server.url}/never-pong`, { pingIntervalMs: null, pongTimeoutMs: 10 });
    await delay(100);
    expect(session.status).toBe('running');
    await session.close(1000);
    expect((await session.result).status).toBe('succeeded');
  });
});
