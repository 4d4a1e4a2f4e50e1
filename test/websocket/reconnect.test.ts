import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/internal/backoff.js';
import { connect, websocketDefaults } from '../../src/websocket/index.js';
import { collect, laneTypes } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

const fast = { initialDelayMs: 5, maxDelayMs: 20, stableAfterMs: 60_000 };

describe('reconnect delays (the shared backoff with the default policy)', () => {
  it('grows exponentially, caps, and jitters within [d/2, d]', () => {
    const policy = websocketDefaults.reconnect;
    expect(backoffDelay(1, policy, () => 1)).toBe(500);
    expect(backoffDelay(1, policy, () => 0)).toBe(250);
    expect(backoffDelay(4, policy, () => 1)).toBe(4_000);
    expect(backoffDelay(40, policy, () => 1)).toBe(30_000);
    for (let attempt = 1; attempt < 20; attempt++) {
      const d = backoffDelay(attempt, policy);
      expect(d).toBeGreaterThanOrEqual(policy.initialDelayMs / 2);
      expect(d).toBeLessThanOrEqual(policy.maxDelayMs);
    }
  });
});

describe('reconnect', () => {
  it('is off by default: a drop ends the session', async () => {
    const outcome = await connect(`${server.url}/drop-after/20`).result;
    expect(outcome.failure?.failure_class).toBe('remote_disconnect');
    expect(outcome.output?.connections).toBe(1);
  });

  it('reconnects after drops and fails once the attempt budget is spent', async () => {
    const session = connect(`${server.url}/drop-after/20`, { reconnect: { ...fast, maxAttempts: 2 } });
    const events = await collect(session);
    expect(laneTypes(events)).toEqual([
      'websocket.open',
      'websocket.close',
      'websocket.reconnecting',
      'websocket.open',
      'websocket.close',
      'websocket.reconnecting',
      'websocket.open',
      'websocket.close',
    ]);
    const reconnecting = events
      .filter((e) => e.event_type === 'websocket.reconnecting')
      .map((e) => e.payload);
    expect(reconnecting).toMatchObject([{ attempt: 1 }, { attempt: 2 }]);
    const outcome = await session.result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'remote_disconnect',
      details: { reconnect_attempts: 2 },
    });
    expect(outcome.output?.connections).toBe(3);
    expect(
      events
        .filter((e) => e.event_type === 'websocket.open')
        .map((e) => (e.payload as { connection: number }).connection),
    ).toEqual([1, 2, 3]);
  });

  it('never reconnects after a normal close or a refusal', async () => {
    const normal = await connect(`${server.url}/close/1000`, { reconnect: true }).result;
    expect(normal.status).toBe('succeeded');
    expect(normal.output?.connections).toBe(1);
    const refused = await connect(`${server.url}/close/1008`, { reconnect: true }).result;
    expect(refused.failure?.failure_class).toBe('policy_denied');
    expect(refused.output?.connections).toBe(1);
    const handshake = await connect(`${server.url}/status/503`, { reconnect: true }).result;
    expect(handshake.output?.connections).toBe(0);
  });

  it('sends made while reconnecting wait and are delivered on the new connection', async () => {
    const session = connect(`${server.url}/flaky-echo`, { reconnect: { ...fast, maxAttempts: 3 } });
    const got: string[] = [];
    let sent: Promise<void> | undefined;
    for await (const event of session) {
      if (event.event_type === 'websocket.close' && !sent) {
        // The first connection just dropped: this send has to wait for the reconnect.
        sent = session.send('after-drop');
      }
      if (event.event_type === 'websocket.message' && event.payload.kind === 'text') {
        got.push(event.payload.text);
        await session.close();
      }
    }
    await sent;
    expect(got).toEqual(['after-drop']);
    const outcome = await session.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.connections).toBe(2);
  });

  it('close() while waiting to reconnect ends the session as succeeded', async () => {
    const session = connect(`${server.url}/drop-after/10`, {
      reconnect: { ...fast, initialDelayMs: 5_000, maxDelayMs: 5_000 },
    });
    for await (const event of session) {
      if (event.event_type === 'websocket.reconnecting') void session.close();
    }
    const outcome = await session.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.metrics.duration_ms).toBeLessThan(2_000);
  });
});
