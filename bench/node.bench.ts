/**
 * The governed path: admissions per second, and what a node adds to an execution compared with
 * calling the lane directly (startExecution on the same lane): throughput for a no-op lane (100
 * in flight), and latency for a lane that waits 1 ms (a stand-in for real I/O).
 */
import { defineLane, startExecution } from 'execution-plane/core';
import {
  type AuthorityVerifier,
  createNode,
  LocalWeakVerifier,
  mintLocalAttestation,
  RemoteRuntimeClient,
  type RuntimeNode,
  serveNode,
  sharedTokenAuthenticator,
} from 'execution-plane/node';
import * as z from 'zod/mini';
import { interleaved, writeChart } from './harness.ts';
import { type BenchReport, measure } from './report.ts';

const noopLane = defineLane({
  id: 'noop',
  input: z.unknown(),
  start: async () => ({ output: null }),
});
const ioLane = defineLane({
  id: 'io',
  input: z.unknown(),
  start: () => new Promise<{ output: null }>((resolve) => setTimeout(() => resolve({ output: null }), 1)),
});
const allow: AuthorityVerifier = { verifierId: 'bench-authority', verify: () => ({ ok: true, claims: {} }) };

async function governedNode(sinks: number): Promise<RuntimeNode> {
  const node = createNode({ nodeId: 'bench' });
  node.registerLane(noopLane);
  node.registerLane(ioLane);
  node.registerTargetVerifier(new LocalWeakVerifier());
  node.registerAuthorityVerifier(allow);
  for (let i = 0; i < sinks; i++) node.registerEvidenceSink({ sinkId: `sink-${i}`, emit: () => {} });
  for (const laneId of ['noop', 'io']) {
    await node.connectTarget(mintLocalAttestation({ targetId: `local-${laneId}`, laneId }));
  }
  node.completeRegistration();
  return node;
}

const request = (laneId: string) => ({
  lane_id: laneId,
  payload: {},
  authority_ref: { ref: 'allow' },
  sandbox_profile: { profile_ref: 'sandbox://bench', bundle_hash: 'sha256:bench' },
  acceptable_attestation: { classes: ['local-erlexec-weak'] },
});
const direct = (laneId: string) => ({
  lane_id: laneId,
  payload: {},
  provenance: { kind: 'direct_lower_lane_owner', owner: 'bench' },
});

// Executions in flight at once in the throughput rows: overhead shows per execution, not latency.
const BATCH = 100;
const LANE_NOOP = 'no-op lane: startExecution directly';
const batch = (fn: () => Promise<unknown>) => () => Promise.all(Array.from({ length: BATCH }, fn));

export async function run(): Promise<BenchReport> {
  const node = await governedNode(1);
  const bare = await governedNode(0);
  const admit = await measure(() => node.admit(request('noop')));
  const admitNoSinks = await measure(() => bare.admit(request('noop')));
  // The no-op rows run interleaved round by round, so the CPU ratio (baseline CPU ÷ ours) holds
  // on a shared machine where wall-clock rates swing between rounds.
  const noop = await interleaved(
    [
      {
        name: LANE_NOOP,
        run: batch(() => startExecution(noopLane, {}).result),
        ops: BATCH,
        unit: 'executions/s',
      },
      {
        name: 'no-op lane: node.execute, governed',
        run: batch(() => node.execute(request('noop'))),
        ops: BATCH,
        unit: 'executions/s',
        baseline: LANE_NOOP,
        // Issue #13: at most direct + 5 µs of CPU, about 1.2 ÷ 6.2 of the direct cost.
        goal: 0.2,
      },
      {
        name: 'no-op lane: node.execute, direct provenance',
        run: batch(() => node.execute(direct('noop'))),
        ops: BATCH,
        unit: 'executions/s',
        baseline: LANE_NOOP,
      },
    ],
    9,
    400,
  );
  // One at a time: the latency a caller sees for an execution with a little real waiting in it.
  const laneIo = await measure(() => startExecution(ioLane, {}).result);
  const nodeIo = await measure(() => node.execute(request('io')));
  // Over a WebSocket on loopback: RemoteRuntimeClient → serveNode → the same node.
  const server = await serveNode(node, { port: 0, authenticate: sharedTokenAuthenticator('bench-token') });
  const client = new RemoteRuntimeClient(server.url, { token: 'bench-token' });
  const remoteNoop = await measure(
    batch(() => client.execute(request('noop'))),
    2_000,
    BATCH,
  );
  const remoteIo = await measure(() => client.execute(request('io')));
  await client.close();
  await server.close();
  await Promise.all([node.close(), bare.close()]);
  const us = (rate: number) => `${(1e6 / rate).toFixed(1)} µs each`;
  const report: BenchReport = {
    title: 'node: governed path',
    rows: [
      { name: 'admit, governed (1 sink)', value: admit, unit: 'admissions/s', note: us(admit) },
      {
        name: 'admit, governed (no sinks)',
        value: admitNoSinks,
        unit: 'admissions/s',
        note: us(admitNoSinks),
      },
      ...noop,
      {
        name: 'no-op lane: RemoteRuntimeClient.execute over loopback WebSocket',
        value: remoteNoop,
        unit: 'executions/s',
        baseline: 'no-op lane: node.execute, governed',
        note: us(remoteNoop),
      },
      {
        name: '1 ms lane, one at a time: startExecution directly',
        value: laneIo,
        unit: 'executions/s',
        note: `${(1e3 / laneIo).toFixed(3)} ms latency`,
      },
      {
        name: '1 ms lane, one at a time: node.execute, governed',
        value: nodeIo,
        unit: 'executions/s',
        baseline: '1 ms lane, one at a time: startExecution directly',
        note: `${(1e3 / nodeIo).toFixed(3)} ms latency`,
      },
      {
        name: '1 ms lane, one at a time: RemoteRuntimeClient.execute',
        value: remoteIo,
        unit: 'executions/s',
        baseline: '1 ms lane, one at a time: startExecution directly',
        note: `${(1e3 / remoteIo).toFixed(3)} ms latency`,
      },
    ],
  };
  writeChart('node', report, 0.2);
  return report;
}
