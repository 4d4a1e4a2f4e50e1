import type * as contracts from 'execution-plane/core/contracts';
import {
  type AuthorityVerifier,
  createMemoryEvidenceSink,
  createNode,
  LocalWeakVerifier,
  mintLocalAttestation,
  RemoteRuntimeClient,
  serveNode,
  sharedTokenAuthenticator,
} from 'execution-plane/node';
import { processLane } from 'execution-plane/process';
import { printEvent } from '../print.ts';

export const title = 'node: governed admission, a real process behind it, evidence';

// A host's authority verifier: here, any ref starting with `grant://` is vouched for.
const authority: AuthorityVerifier = {
  verifierId: 'demo-authority',
  verify: (ref) =>
    ref.ref?.startsWith('grant://')
      ? { ok: true, claims: { sub: 'demo' } }
      : {
          ok: false,
          rejection: {
            contract_version: 1,
            request_id: null,
            reason: 'authority_rejected',
            message: 'not a grant',
            details: {},
          },
        },
};

const request = (authorityRef: string, args: string[]) => ({
  lane_id: 'process',
  payload: { command: process.execPath, args },
  authority_ref: { ref: authorityRef },
  sandbox_profile: { profile_ref: 'sandbox://demo', bundle_hash: 'sha256:demo-policy' },
  acceptable_attestation: { classes: ['local-erlexec-weak'] },
});

function printEvidence(records: readonly contracts.Evidence[]): void {
  for (const r of records) {
    const status = (r.payload as { status?: string }).status;
    const where = [
      r.target_id && `target=${r.target_id}`,
      r.attestation_class && `class=${r.attestation_class}`,
      r.policy_bundle_hash && `policy=${r.policy_bundle_hash}`,
      status && `status=${status}`,
    ]
      .filter(Boolean)
      .join(' ');
    console.log(`  ${r.emitted_at}  ${String(r.evidence_type).padEnd(20)} ${r.request_id} ${where}`);
  }
}

export async function run(): Promise<void> {
  await using node = createNode({ nodeId: 'demo-node', allowDirect: false });
  const evidence = createMemoryEvidenceSink();
  node.registerLane(processLane);
  node.registerTargetVerifier(new LocalWeakVerifier());
  node.registerAuthorityVerifier(authority);
  node.registerEvidenceSink(evidence);
  const target = await node.connectTarget(
    mintLocalAttestation({ targetId: 'local-process', laneId: 'process' }),
  );
  console.log(`target connected: ${target.ok ? target.descriptor.target_id : 'refused'}`);
  node.completeRegistration();

  console.log('a request without a grant is refused before any I/O:');
  const refused = await node.execute(request('forged', ['-e', 'console.log(1)']));
  console.log(`  → ${refused.status}: ${(refused.error as { reason: string }).reason}`);

  console.log('a governed stream, cancelled in flight:');
  const stream = await node.stream(
    request('grant://demo', ['-e', 'setInterval(() => console.log("tick"), 20)']),
  );
  if (stream.ok) {
    let ticks = 0;
    for await (const event of stream.events) {
      printEvent(event);
      if (event.event_type === 'process.output' && ++ticks === 2)
        await node.cancel(stream.events.executionRef);
    }
    console.log(`  → ${(await stream.events.result).status}`);
  }

  console.log('the same node served over a WebSocket on 127.0.0.1, driven by a remote runtime client:');
  const token = 'demo-shared-token';
  await using server = await serveNode(node, { port: 0, authenticate: sharedTokenAuthenticator(token) });
  await using remote = new RemoteRuntimeClient(server.url, { token });
  const viaWire = await remote.execute(request('grant://demo', ['-e', 'console.log("over the wire")']));
  console.log(
    `  → ${viaWire.status} via ${server.url}: ${JSON.stringify((viaWire.output as { stdout: string }).stdout)}`,
  );
  const intruder = new RemoteRuntimeClient(server.url, { token: 'wrong' });
  await intruder
    .describe()
    .catch((error: Error) => console.log(`  a client with the wrong token: ${error.message}`));
  await intruder.close();

  console.log('a governed execution through the node:');
  evidence.clear();
  const result = await node.execute(
    request('grant://demo', ['-e', 'console.log("hello from a governed process")']),
  );
  for (const event of result.events as never[]) printEvent(event);
  console.log(`  → ${result.status}: ${JSON.stringify((result.output as { stdout: string }).stdout)}`);
  await node.flushEvidence();
  console.log('its evidence:');
  printEvidence(evidence.records);
}
