import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../../src/core/event.js';
import { FleetClient } from '../../../src/node/index.js';
import { fleetRequest, startFleetNode } from '../../fixtures/fleet/fleet-node.js';
import { type NatsCluster, natsServerMissing, startNatsCluster } from '../../fixtures/fleet/nats-cluster.js';

const missing = natsServerMissing();
if (missing) console.log(`fleet tests skipped: ${missing}`);

describe.skipIf(missing)('fleet on one NATS server', () => {
  let cluster: NatsCluster;
  const nodes: Array<Awaited<ReturnType<typeof startFleetNode>>> = [];
  let client: FleetClient;
  const fabric = () => ({
    servers: cluster.urls,
    heartbeatMs: 250,
    missedHeartbeats: 4,
    subjectPrefix: 'basics',
    bucket: 'basics_nodes',
  });

  beforeAll(async () => {
    cluster = await startNatsCluster(1);
    nodes.push(await startFleetNode({ nodeId: 'weak-a' }, fabric()));
    nodes.push(
      await startFleetNode(
        { nodeId: 'strong-b', classes: ['local-erlexec-weak', 'microvm-strong'] },
        fabric(),
      ),
    );
    client = new FleetClient(fabric());
    await client.ready();
  });

  afterAll(async () => {
    await client?.close();
    for (const n of nodes) await n.close();
    await cluster?.stop();
  });

  it('discovers both nodes and describes the fleet as one node', async () => {
    expect(
      client
        .nodes()
        .map((n) => n.node_id)
        .sort(),
    ).toEqual(['strong-b', 'weak-a']);
    const descriptor = await client.describe();
    expect(descriptor.verified_targets?.map((t) => t.target_id).sort()).toEqual([
      'strong-b-target',
      'weak-a-target',
    ]);
  });

  it('executes on a satisfying node and routes by attestation class', async () => {
    const result = await client.execute(fleetRequest({ output: { ok: 1 } }, ['microvm-strong']));
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ ok: 1 });
    expect(nodes[1]?.sink.types()).toContain('execution.completed');
    expect(client.nodes().find((n) => n.node_id === 'strong-b')?.routed).toBe(1);
  });

  it("refuses with every node's reason when no node satisfies", async () => {
    const result = await client.execute(fleetRequest({ output: 1 }, ['sev-snp']));
    expect(result.status).toBe('rejected');
    expect(result.error).toMatchObject({ reason: 'no_satisfying_attested_target' });
    expect((result.error as { details: { nodes: unknown[] } }).details.nodes).toHaveLength(2);
    const verdict = await client.admit(fleetRequest({}, ['sev-snp']));
    expect(verdict.ok).toBe(false);
  });

  it("the node's own admission still decides (authority rejected is final)", async () => {
    const result = await client.execute({ ...fleetRequest({ output: 1 }), authority_ref: { ref: 'deny' } });
    expect(result.status).toBe('rejected');
    expect(result.error).toMatchObject({ reason: 'authority_rejected' });
  });

  it('streams events in order and cancels across the fabric', async () => {
    const verdict = await client.stream(
      fleetRequest({ events: [{ type: 'fake.chunk', payload: 1, repeat: 1_000 }], output: 'done' }),
    );
    if (!verdict.ok) throw new Error(String(verdict.rejection.message));
    const seqs: number[] = [];
    for await (const event of verdict.events) seqs.push(event.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i));
    expect(seqs.length).toBe(1_002);
    expect((await verdict.events.result).status).toBe('succeeded');

    const hanging = await client.stream(
      fleetRequest({ events: [{ type: 'fake.tick', payload: 1 }], hang: true }),
    );
    if (!hanging.ok) throw new Error(String(hanging.rejection.message));
    const iterator = hanging.events[Symbol.asyncIterator]();
    const first: ExecutionEvent = (await iterator.next()).value;
    expect(first.event_type).toBe('execution.started');
    const cancelled = await client.cancel(hanging.events.executionRef);
    expect(cancelled).toEqual({ ok: true, cancelled: true });
    expect((await hanging.events.result).status).toBe('cancelled');
  });

  it('a deadline travels with the request', async () => {
    const started = Date.now();
    const result = await client.execute(fleetRequest({ hang: true }), { timeoutMs: 300 });
    expect(result.status).toBe('timed_out');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a signal cancels an execute on its node', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await client.execute(fleetRequest({ hang: true }), { signal: controller.signal });
    expect(result.status).toBe('cancelled');
  });
});
