/**
 * The fleet on NATS (a local nats-server with JetStream, started here; skipped when it is not
 * installed): the round trip of a governed no-op execution through one FleetClient vs the
 * WebSocket transport (RemoteRuntimeClient → serveNode) vs the node in process; executions per
 * second through one fleet client at 64 in flight (one node, then three); evidence records per
 * second stored in JetStream (acknowledged, deduplicated by id).
 */
import { defineLane } from 'execution-plane/core';
import {
  type AuthorityVerifier,
  createNode,
  FleetClient,
  LocalWeakVerifier,
  mintLocalAttestation,
  RemoteRuntimeClient,
  type RuntimeNode,
  serveNode,
  serveNodeOnNats,
  sharedTokenAuthenticator,
} from 'execution-plane/node';
import * as z from 'zod/mini';
import { natsServerMissing, startNatsCluster } from '../test/fixtures/fleet/nats-cluster.ts';
import { type BenchReport, measure } from './report.ts';

const noopLane = defineLane({ id: 'noop', input: z.unknown(), start: async () => ({ output: null }) });
const allow: AuthorityVerifier = { verifierId: 'bench-authority', verify: () => ({ ok: true, claims: {} }) };

async function benchNode(nodeId: string): Promise<RuntimeNode> {
  const node = createNode({ nodeId });
  node.registerLane(noopLane);
  node.registerTargetVerifier(new LocalWeakVerifier());
  node.registerAuthorityVerifier(allow);
  await node.connectTarget(mintLocalAttestation({ targetId: `${nodeId}-noop`, laneId: 'noop' }));
  node.completeRegistration();
  return node;
}

const request = {
  lane_id: 'noop',
  payload: {},
  authority_ref: { ref: 'allow' },
  sandbox_profile: { profile_ref: 'sandbox://bench', bundle_hash: 'sha256:bench' },
  acceptable_attestation: { classes: ['local-erlexec-weak'] },
};

const IN_FLIGHT = 64;
const batch = (fn: () => Promise<unknown>) => () => Promise.all(Array.from({ length: IN_FLIGHT }, fn));
const latency = (rate: number) => `${((1e3 / rate) * 1e3).toFixed(0)} µs round trip`;

export async function run(): Promise<BenchReport> {
  const missing = natsServerMissing();
  if (missing) return { title: `fleet on NATS — skipped: ${missing}`, rows: [] };
  const cluster = await startNatsCluster(1);
  const fabric = {
    servers: cluster.urls,
    subjectPrefix: 'bench',
    bucket: 'bench_nodes',
    evidenceStream: 'BENCH_EVIDENCE',
  };
  try {
    const node = await benchNode('bench-0');
    const local = await measure(() => node.execute(request));
    const server = await serveNode(node, { port: 0, authenticate: sharedTokenAuthenticator('bench-token') });
    const ws = new RemoteRuntimeClient(server.url, { token: 'bench-token' });
    const wsOne = await measure(() => ws.execute(request));
    const wsMany = await measure(
      batch(() => ws.execute(request)),
      2_000,
      IN_FLIGHT,
    );
    await ws.close();
    await server.close();

    const served = await serveNodeOnNats(node, fabric);
    const fleet = new FleetClient(fabric);
    await fleet.ready();
    while (fleet.nodes().length < 1) await new Promise((r) => setTimeout(r, 20));
    const fleetOne = await measure(() => fleet.execute(request));
    const fleetMany = await measure(
      batch(() => fleet.execute(request)),
      2_000,
      IN_FLIGHT,
    );

    const others = await Promise.all(['bench-1', 'bench-2'].map(benchNode));
    const servedOthers = await Promise.all(others.map((n) => serveNodeOnNats(n, fabric)));
    while (fleet.nodes().length < 3) await new Promise((r) => setTimeout(r, 20));
    const fleetThree = await measure(
      batch(() => fleet.execute(request)),
      2_000,
      IN_FLIGHT,
    );
    await fleet.close();
    await Promise.all([served, ...servedOthers].map((s) => s.close()));
    await Promise.all([node, ...others].map((n) => n.close()));

    // Evidence: 2 000 governed executions (4 records each) on a node whose sink is the stream;
    // the clock stops once every record is acknowledged by JetStream.
    const evNode = await benchNode('bench-ev');
    const evServed = await serveNodeOnNats(evNode, { ...fabric, evidence: true });
    const started = performance.now();
    for (let i = 0; i < 2_000; i += IN_FLIGHT) {
      await Promise.all(Array.from({ length: IN_FLIGHT }, () => evNode.execute(request)));
    }
    await evNode.flushEvidence();
    const records = evNode.stats().evidence_emitted;
    const evidenceRate = (records * 1000) / (performance.now() - started);
    await evServed.close();
    await evNode.close();

    return {
      title: 'node: fleet on NATS (one local nats-server, JetStream on)',
      rows: [
        {
          name: 'no-op, one at a time: node.execute in process',
          value: local,
          unit: 'executions/s',
          note: latency(local),
        },
        {
          name: 'no-op, one at a time: RemoteRuntimeClient (WebSocket)',
          value: wsOne,
          unit: 'executions/s',
          baseline: 'no-op, one at a time: node.execute in process',
          note: latency(wsOne),
        },
        {
          name: 'no-op, one at a time: FleetClient (NATS)',
          value: fleetOne,
          unit: 'executions/s',
          baseline: 'no-op, one at a time: RemoteRuntimeClient (WebSocket)',
          note: latency(fleetOne),
        },
        {
          name: `no-op, ${IN_FLIGHT} in flight: RemoteRuntimeClient (WebSocket)`,
          value: wsMany,
          unit: 'executions/s',
        },
        {
          name: `no-op, ${IN_FLIGHT} in flight: FleetClient, one node`,
          value: fleetMany,
          unit: 'executions/s',
          baseline: `no-op, ${IN_FLIGHT} in flight: RemoteRuntimeClient (WebSocket)`,
        },
        {
          name: `no-op, ${IN_FLIGHT} in flight: FleetClient, three nodes (one process)`,
          value: fleetThree,
          unit: 'executions/s',
          baseline: `no-op, ${IN_FLIGHT} in flight: FleetClient, one node`,
        },
        {
          name: 'evidence records stored in JetStream (acknowledged)',
          value: evidenceRate,
          unit: 'records/s',
          note: `${records} records`,
        },
      ],
    };
  } finally {
    await cluster.stop();
  }
}
