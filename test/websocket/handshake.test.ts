import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, websocketDefaults } from '../../src/websocket/index.js';
import { collect, laneTypes, tcpHandles, waitFor } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

describe('handshake failures', () => {
  it('a non-101 answer fails with the status and a bounded body preview', async () => {
    const session = connect(`${server.url}/status/401`);
    const events = await collect(session);
    const outcome = await session.result;
    expect(laneTypes(events)).toEqual([]);
    expect(outcome.failure).toMatchObject({
      failure_class: 'semantic_runtime_failed',
      retryable: false,
      code: 'HANDSHAKE_FAILED',
      details: {
        status: 401,
        content_type: 'application/json',
        body_truncated: true,
      },
    });
    const preview = String(outcome.failure?.details.body_preview);
    expect(preview.startsWith('{"error":"refused"')).toBe(true);
    expect(Buffer.byteLength(preview)).toBe(websocketDefaults.handshakeBodyPreviewBytes);
    expect(outcome.output?.connections).toBe(0);
  });

  it('overload statuses are retryable transport failures', async () => {
    for (const status of [429, 503]) {
      const outcome = await connect(`${server.url}/status/${status}`).result;
      expect(outcome.failure).toMatchObject({ failure_class: 'transport_failed', details: { status } });
    }
  });

  it('a server that never answers the upgrade times out as timed_out', async () => {
    const baseline = tcpHandles();
    const outcome = await connect(`${server.url}/stall`, { handshakeTimeoutMs: 100 }).result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure).toMatchObject({
      failure_class: 'timeout',
      code: 'HANDSHAKE_TIMEOUT',
      details: { timeout_ms: 100 },
    });
    // The server side of the stalled socket stays open until the server closes; ours is gone.
    expect(await waitFor(() => tcpHandles() <= baseline + 1)).toBe(true);
  });

  it('a refused connection is a transport failure naming the errno', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const outcome = await connect(`ws://127.0.0.1:${port}/`).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'transport_failed',
      code: 'CONNECT_FAILED',
      details: { errno: 'ECONNREFUSED' },
    });
  });

  it('a server ignoring the offered subprotocols fails the handshake check', async () => {
    const outcome = await connect(`${server.url}/no-protocol`, { subprotocols: ['chat.v1'] }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'HANDSHAKE_INVALID',
    });
  });

  it('cancel during the handshake ends cancelled and releases the socket', async () => {
    const baseline = tcpHandles();
    const session = connect(`${server.url}/stall`);
    await waitFor(() => tcpHandles() > baseline);
    const outcome = await session.cancel('user left');
    expect(outcome.status).toBe('cancelled');
    expect(await waitFor(() => tcpHandles() <= baseline + 1)).toBe(true);
  });

  it('close() during the handshake stops connecting and succeeds', async () => {
    const session = connect(`${server.url}/stall`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outcome = await session.close();
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.connections).toBe(0);
    const error = await session.ready().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_ENDED' });
    expect((error as Error).cause).toBeUndefined();
  });

  it('a session timeout applies to the whole session', async () => {
    const session = connect(`${server.url}/hang`, { timeoutMs: 150 });
    await session.ready();
    const outcome = await session.result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.output?.initiated_by).toBe('local');
  });
});
