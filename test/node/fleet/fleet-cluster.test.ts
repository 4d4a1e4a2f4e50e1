/**
 * A loopback fleet: three clustered nats-servers (JetStream, R3 bucket and evidence stream) and
 * three nodes in processes of their own. 1 000 executions spread over the nodes; a node killed
 * mid-stream; a NATS server killed and restarted under load; the evidence stream checked against
 * what the nodes emitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/contracts/boundary/evidence.js';
import { isExecutionError } from '../../../src/core/errors.js';
import { FleetClient } from '../../../src/node/index.js';
import { bundleFleetNode, type ChildNode, startChildNode } from '../../fixtures/fleet/child-nodes.js';
import { fleetRequest } from '../../fixtures/fleet/fleet-node.js';
import { type NatsCluster, natsServerMissing, startNatsCluster } from '../../fixtures/fleet/nats-cluster.js';

const missing = natsServerMissing();
if (missing) console.log(`fleet cluster tests skipped: ${missing}`);

const HEARTBEAT_MS = 250;
const MISSED = 4;
// What a caller may wait for a dead node: the silence bound plus one check interval, plus slack.
const DEAD_NODE_BOUND_MS = HEARTBEAT_MS * MISSED + HEARTBEAT_MS + 500;

describe.skipIf(missing)('fleet on a loopback cluster of three NATS servers', () => {
  let cluster: NatsCluster;
  let bundle: string;
  const nodes: ChildNode[] = [];
  let client: FleetClient;
  const fabric = () => ({
    servers: cluster.urls,
    heartbeatMs: HEARTBEAT_MS,
    missedHeartbeats: MISSED,
    replicas: 3,
    subjectPrefix: 'cl',
    bucket: 'cl_nodes',
    evidenceStream: 'CL_EVIDENCE',
  });

  beforeAll(async () => {
    [cluster, bundle] = await Promise.all([startNatsCluster(3), bundleFleetNode()]);
    for (let i = 0; i < 3; i++) {
      const spec = { nodeId: `host-${i}`, classes: ['local-erlexec-weak', `only-host-${i}`] };
      nodes.push(await startChildNode(bundle, spec, { ...fabric(), evidence: true }));
    }
    client = new FleetClient(fabric());
    await client.ready();
    for (let i = 0; i < 50 && client.nodes().length < 3; i++) await new Promise((r) => setTimeout(r, 100));
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await Promise.all(nodes.map((n) => n.stop()));
    await cluster?.stop();
  });

  it('spreads 1 000 executions over the three nodes (least in flight first)', async () => {
    expect(
      client
        .nodes()
        .map((n) => n.node_id)
        .sort(),
    ).toEqual(['host-0', 'host-1', 'host-2']);
    const started = Date.now();
    const statuses = new Map<string, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < 1_000) {
          next++;
          const result = await client.execute(fleetRequest({ output: { n: next } }));
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = Date.now() - started;
    const counts = Object.fromEntries(client.nodes().map((n) => [n.node_id, n.routed]));
    console.log(`1 000 executions in ${elapsed} ms over the fleet; per node: ${JSON.stringify(counts)}`);
    expect(Object.fromEntries(statuses)).toEqual({ succeeded: 1_000 });
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(200);
    expect(elapsed).toBeLessThan(20_000);
  }, 30_000);

  it('survives a NATS server killed and restarted under load; every outcome is reported honestly', async () => {
    const outcomes = new Map<string, number>();
    const runs = Array.from({ length: 120 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 10));
      const result = await client.execute(
        fleetRequest({ events: [{ type: 'fake.tick', payload: i, delayMs: 300 }], output: i }),
      );
      const error = result.error as { code?: string; reason?: string; message?: string } | null;
      const key =
        result.status === 'succeeded' ? result.status : `${result.status}:${error?.code ?? error?.reason}`;
      if (result.status === 'rejected') console.log(error?.message);
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    });
    await new Promise((r) => setTimeout(r, 400));
    await cluster.kill(0);
    await new Promise((r) => setTimeout(r, 1_000));
    await cluster.restart(0);
    await Promise.all(runs);
    console.log(`through a server restart: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    const known = ['succeeded', 'failed:REMOTE_DISCONNECT'];
    for (const key of outcomes.keys()) expect(known).toContain(key);
    expect(outcomes.get('succeeded') ?? 0).toBeGreaterThan(60);
    // The fleet works again afterwards on every node.
    for (let i = 0; i < 3; i++) {
      const result = await client.execute(fleetRequest({ output: 'after' }, [`only-host-${i}`]));
      expect(result.status).toBe('succeeded');
    }
  }, 30_000);

  it('stores every evidence record the nodes emitted, across the restart too, once, in order per execution', async () => {
    const emitted = await Promise.all(nodes.map((n) => n.stats()));
    const ids = emitted.flatMap((s) => s.ids);
    let groups = new Map<string, Evidence[]>();
    for (let i = 0; i < 50; i++) {
      // Right after a server restart the stream may still be electing a leader: try again.
      groups = await client.readEvidence().catch(() => groups);
      if ([...groups.values()].flat().length >= ids.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const stored = [...groups.values()].flat();
    // Evidence ids are unique per node process; with the execution ref (unguessable) they are fleet-unique.
    const storedIds = stored.map((r) => `${r.execution_ref}|${r.evidence_id}`);
    expect(new Set(storedIds).size).toBe(storedIds.length); // no duplicates
    expect(new Set(storedIds)).toEqual(new Set(ids)); // no gaps, nothing extra
    expect(storedIds.length).toBe(emitted.reduce((sum, s) => sum + s.emitted, 0));
    for (const [ref, records] of groups) {
      if (ref === '') continue;
      expect(records.map((r) => r.evidence_type)).toEqual([
        'admission.accepted',
        'target.selected',
        'execution.started',
        'execution.completed',
      ]);
    }
    console.log(`evidence: ${storedIds.length} records emitted = stored, ${groups.size} executions`);
  }, 30_000);

  it('a node killed mid-stream fails the stream with REMOTE_DISCONNECT within the bound, and leaves the fleet', async () => {
    const victim = nodes[2] as ChildNode;
    const verdict = await client.stream(
      fleetRequest({ events: [{ type: 'fake.tick', payload: 1, repeat: 3 }], hang: true }, ['only-host-2']),
    );
    if (!verdict.ok) throw new Error(String(verdict.rejection.message));
    const stream = verdict.events;
    const seen: string[] = [];
    let thrown: unknown;
    let killedAt = 0;
    try {
      for await (const event of stream) {
        seen.push(event.event_type);
        if (seen.length === 3) {
          // The node's evidence sink publishes to JetStream on its own time, behind the stream's
          // events: kill the node once its three records are stored (what the trail below checks
          // is what a node leaves when it dies mid-stream, not a race with its publisher).
          const storedBy = Date.now() + 10_000;
          while (
            (await client.readEvidence({ executionRef: stream.executionRef })).get(stream.executionRef)
              ?.length !== 3
          ) {
            if (Date.now() > storedBy)
              throw new Error("the stream's first three records were not stored within 10 s");
            await new Promise((r) => setTimeout(r, 50));
          }
          killedAt = Date.now();
          await victim.kill();
        }
      }
    } catch (error) {
      thrown = error;
    }
    const waited = Date.now() - killedAt;
    console.log(
      `node killed mid-stream: REMOTE_DISCONNECT after ${waited} ms (bound ${DEAD_NODE_BOUND_MS} ms)`,
    );
    expect(isExecutionError(thrown) && thrown.code).toBe('REMOTE_DISCONNECT');
    expect(waited).toBeLessThan(DEAD_NODE_BOUND_MS);
    const result = await stream.result;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ failure_class: 'remote_disconnect', code: 'REMOTE_DISCONNECT' });
    // Its evidence shows the execution started on host-2 and never completed.
    const evidence = (await client.readEvidence({ executionRef: stream.executionRef })).get(
      stream.executionRef,
    );
    expect(evidence?.map((r) => r.evidence_type)).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
    ]);
    // The dead node disappears from discovery within the bound; its class is then refused.
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS * MISSED));
    expect(client.nodes().map((n) => n.node_id)).not.toContain('host-2');
    const refused = await client.execute(fleetRequest({ output: 1 }, ['only-host-2']));
    expect(refused.status).toBe('rejected');
  }, 30_000);
});
