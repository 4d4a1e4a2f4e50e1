import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../../src/core/errors.js';
import { createNode, FleetClient, serveNodeOnNats } from '../../../src/node/index.js';
import { fleetRequest, startFleetNode } from '../../fixtures/fleet/fleet-node.js';
import { type NatsCluster, natsServerMissing, startNatsCluster } from '../../fixtures/fleet/nats-cluster.js';
import { makeTlsFiles, type TlsFiles } from '../../fixtures/fleet/tls-certs.js';

const missing = natsServerMissing();

describe('fleet options', () => {
  it('are checked before any I/O, naming the option', async () => {
    expect(() => new FleetClient({ servers: 'nats://127.0.0.1:1', heartbeatMs: 5 })).toThrow(/heartbeatMs/);
    // @ts-expect-error an unknown key
    expect(() => new FleetClient({ servers: 'nats://127.0.0.1:1', hearbeatMs: 5 })).toThrow(/hearbeatMs/);
    const node = createNode({ nodeId: 'n' });
    await expect(serveNodeOnNats(node, { servers: [], nodeId: 'x' })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await expect(
      serveNodeOnNats(node, { servers: 'nats://127.0.0.1:1', nodeId: 'a.b' }),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
  });

  it('a fabric that cannot be reached is CONNECT_FAILED, not a hang', async () => {
    const client = new FleetClient({ servers: 'nats://127.0.0.1:1' });
    await expect(client.ready()).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    await client.close();
    await expect(client.describe()).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  });
});

describe.skipIf(missing)('fleet edges on one NATS server with token auth', () => {
  let cluster: NatsCluster;
  const fabric = () => ({
    servers: cluster.urls,
    token: 'fleet-secret',
    heartbeatMs: 250,
    missedHeartbeats: 4,
    subjectPrefix: 'edges',
    bucket: 'edges_nodes',
  });

  beforeAll(async () => {
    cluster = await startNatsCluster(1, { extraConfig: 'authorization { token: "fleet-secret" }' });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('the fabric checks credentials (a wrong token is AUTHENTICATION_FAILED)', async () => {
    const client = new FleetClient({ ...fabric(), token: 'wrong' });
    const error = await client.ready().catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('AUTHENTICATION_FAILED');
    await client.close();
  });

  it('a slow consumer pauses the execution on its node (credit across the fabric)', async () => {
    const served = await startFleetNode({ nodeId: 'slow-node' }, fabric());
    const client = new FleetClient({ ...fabric(), streamWindow: 8 });
    try {
      await client.ready();
      await waitFor(() => client.nodes().length === 1);
      const verdict = await client.stream(
        fleetRequest({ events: [{ type: 'fake.chunk', payload: 1, repeat: 2_000 }], output: 'x' }),
      );
      if (!verdict.ok) throw new Error(String(verdict.rejection.message));
      const iterator = verdict.events[Symbol.asyncIterator]();
      await iterator.next();
      const pausedAt = Date.now();
      await new Promise((r) => setTimeout(r, 500));
      // Unread, the execution is still running on its node: the lane waits for credit.
      expect(served.node.stats().in_flight).toBe(1);
      let count = 1;
      while (!(await iterator.next()).done) count++;
      const result = await verdict.events.result;
      expect(count).toBe(2_002);
      const completed = (result.events.at(-1) as unknown as { payload: unknown }).payload as {
        outcome: { metrics: { finished_at: string } };
      };
      expect(Date.parse(completed.outcome.metrics.finished_at)).toBeGreaterThanOrEqual(pausedAt + 500);
    } finally {
      await client.close();
      await served.close();
    }
  });

  it('a node that stops refreshing disappears from discovery within heartbeat × missed', async () => {
    const served = await startFleetNode({ nodeId: 'leaving' }, fabric());
    const client = new FleetClient(fabric());
    try {
      await client.ready();
      await waitFor(() => client.nodes().length === 1);
      await served.server.close(); // deletes its entry: gone at once
      await waitFor(() => client.nodes().length === 0, 300);
    } finally {
      await client.close();
      await served.node.close();
    }
  });

  it('a client that goes away has its executions cancelled on the node (no orphans)', async () => {
    const served = await startFleetNode({ nodeId: 'orphans' }, fabric());
    const client = new FleetClient(fabric());
    try {
      await client.ready();
      await waitFor(() => client.nodes().length === 1);
      const verdict = await client.stream(fleetRequest({ hang: true }));
      expect(verdict.ok).toBe(true);
      const pending = client.execute(fleetRequest({ hang: true }));
      await waitFor(() => served.node.stats().in_flight === 2);
      await client.close();
      expect((await pending).error).toMatchObject({ code: 'SESSION_ENDED' });
      await waitFor(() => served.node.stats().in_flight === 0, 3_000);
    } finally {
      await served.close();
    }
  });
});

async function waitFor(condition: () => boolean, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(missing)('fleet over mutual TLS with user and password', () => {
  let cluster: NatsCluster;
  let tls: TlsFiles;

  beforeAll(async () => {
    tls = makeTlsFiles();
    cluster = await startNatsCluster(1, {
      extraConfig: [
        `tls { cert_file: "${tls.serverCert}", key_file: "${tls.serverKey}", ca_file: "${tls.caFile}", verify: true }`,
        'authorization { user: fleet, password: "fleet-pass" }',
      ].join('\n'),
    });
  });
  afterAll(async () => {
    await cluster?.stop();
    rmSync(tls.dir, { recursive: true, force: true });
  });

  it('node and client connect with a client certificate and credentials; without the certificate the fabric refuses', async () => {
    const fabric = {
      servers: cluster.urls.map((u) => u.replace('nats://', 'tls://')),
      user: 'fleet',
      pass: 'fleet-pass',
      tls: { caFile: tls.caFile, certFile: tls.clientCert, keyFile: tls.clientKey },
      subjectPrefix: 'tls',
      bucket: 'tls_nodes',
      heartbeatMs: 250,
      missedHeartbeats: 4,
    };
    const served = await startFleetNode({ nodeId: 'tls-node' }, fabric);
    const client = new FleetClient(fabric);
    try {
      await client.ready();
      await waitFor(() => client.nodes().length === 1);
      expect((await client.execute(fleetRequest({ output: 'over tls' }))).output).toBe('over tls');
      const noCert = new FleetClient({ ...fabric, tls: { caFile: tls.caFile } });
      await expect(noCert.ready()).rejects.toMatchObject({
        code: expect.stringMatching(/CONNECT_FAILED|AUTHENTICATION_FAILED/),
      });
      await noCert.close();
      const badPass = new FleetClient({ ...fabric, pass: 'wrong' });
      await expect(badPass.ready()).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
      await badPass.close();
    } finally {
      await client.close();
      await served.close();
    }
  });
});
