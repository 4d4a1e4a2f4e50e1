import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLane } from 'execution-plane/core';
import {
  type AuthorityVerifier,
  createNode,
  FleetClient,
  LocalWeakVerifier,
  mintLocalAttestation,
  serveNodeOnNats,
} from 'execution-plane/node';

export const title = 'node: a local two-node fleet on NATS (discovery, routing, streams, durable evidence)';

const allow: AuthorityVerifier = { verifierId: 'demo-authority', verify: () => ({ ok: true, claims: {} }) };

const request = (classes: string[], payload: Record<string, unknown>) => ({
  lane_id: 'memory',
  payload,
  authority_ref: { ref: 'grant://demo' },
  sandbox_profile: { profile_ref: 'sandbox://demo', bundle_hash: 'sha256:demo-policy' },
  acceptable_attestation: { classes },
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function run(): Promise<void> {
  if (spawnSync('nats-server', ['--version']).status !== 0) {
    console.log('nats-server is not installed: `apt-get install nats-server` (Debian/Ubuntu) or see');
    console.log(
      'https://docs.nats.io/running-a-nats-service/introduction/installation — then run the demo again.',
    );
    return;
  }
  const store = mkdtempSync(join(tmpdir(), 'ep-demo-nats-'));
  const port = await freePort();
  const server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], {
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 500));
  const fabric = {
    servers: `nats://127.0.0.1:${port}`,
    subjectPrefix: 'demo',
    bucket: 'demo_nodes',
    evidenceStream: 'DEMO_EVIDENCE',
  };
  try {
    // Two nodes in this process, each with an in-memory lane behind a local weak attestation.
    const nodes = [];
    for (const nodeId of ['node-a', 'node-b']) {
      const node = createNode({ nodeId });
      node.registerLane(createMemoryLane({ id: 'memory' }));
      node.registerTargetVerifier(new LocalWeakVerifier());
      node.registerAuthorityVerifier(allow);
      await node.connectTarget(mintLocalAttestation({ targetId: `${nodeId}-memory`, laneId: 'memory' }));
      node.completeRegistration();
      nodes.push({ node, served: await serveNodeOnNats(node, { ...fabric, nodeId, evidence: true }) });
    }
    await using fleet = new FleetClient(fabric);
    await fleet.ready();
    while (fleet.nodes().length < 2) await new Promise((r) => setTimeout(r, 20));
    console.log(
      `discovered: ${fleet
        .nodes()
        .map((n) => `${n.node_id} (${n.targets} target)`)
        .join(', ')}`,
    );

    for (let i = 0; i < 6; i++) await fleet.execute(request(['local-erlexec-weak'], { output: i }));
    console.log(
      `6 executions, least in flight first: ${JSON.stringify(Object.fromEntries(fleet.nodes().map((n) => [n.node_id, n.routed])))}`,
    );

    const refused = await fleet.execute(request(['sev-snp'], { output: 1 }));
    console.log(
      `a class no node attests → ${refused.status}: ${(refused.error as { message: string }).message}`,
    );

    const verdict = await fleet.stream(
      request(['local-erlexec-weak'], {
        events: [{ type: 'demo.tick', payload: 1, repeat: 3 }],
        output: 'streamed',
      }),
    );
    if (verdict.ok) {
      const types = [];
      for await (const event of verdict.events) types.push(event.event_type);
      console.log(`a stream across the fabric: ${types.join(' → ')}`);
      for (const n of nodes) await n.node.flushEvidence();
      const evidence = await fleet.readEvidence({ executionRef: verdict.events.executionRef });
      const records = evidence.get(verdict.events.executionRef) ?? [];
      console.log(
        `its evidence, from the JetStream stream: ${records.map((r) => r.evidence_type).join(', ')}`,
      );
    }
    for (const n of nodes) {
      await n.served.close();
      await n.node.close();
    }
  } finally {
    server.kill('SIGKILL');
    rmSync(store, { recursive: true, force: true });
  }
}
