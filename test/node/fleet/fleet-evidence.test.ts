import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/contracts/boundary/evidence.js';
import { readFleetEvidence } from '../../../src/node/fleet/fleet-evidence-reader.js';
import {
  ensureEvidenceStream,
  JetStreamEvidenceSink,
} from '../../../src/node/fleet/jetstream-evidence-sink.js';
import { loadNats, type NatsConnection, type NatsModules } from '../../../src/node/fleet/nats-modules.js';
import { type NatsCluster, natsServerMissing, startNatsCluster } from '../../fixtures/fleet/nats-cluster.js';

const missing = natsServerMissing();

const record = (id: string, ref: string, type: string): Evidence =>
  ({
    contract_version: 1,
    evidence_id: id,
    evidence_type: type,
    execution_ref: ref,
    request_id: null,
    policy_bundle_hash: null,
    target_id: null,
    target_verifier_id: null,
    attestation_class: null,
    lane_id: 'process',
    authority_verifier_id: null,
    payload: {},
    emitted_at: new Date().toISOString(),
  }) as Evidence;

describe.skipIf(missing)('the JetStream evidence sink and reader', () => {
  let cluster: NatsCluster;
  let nc: NatsConnection;
  let nats: NatsModules;

  beforeAll(async () => {
    cluster = await startNatsCluster(1);
    nats = await loadNats();
    nc = await nats.connect({ servers: cluster.urls[0] });
    await ensureEvidenceStream(await nats.jetstreamManager(nc), 'EV_TEST', 'evt', 1);
  });
  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
  });

  it('stores a re-sent record once (Nats-Msg-Id), keeps equal ids of different nodes apart, and reads each execution in emission order', async () => {
    const js = nats.jetstream(nc);
    const first = new JetStreamEvidenceSink(js, nats, 'evt', 'node-a', 1_000);
    for (const [i, type] of ['admission.accepted', 'target.selected', 'execution.started'].entries()) {
      first.emit(record(`ev-1-${i}`, 'exec-1', type));
    }
    await first.flush();
    // A restarted publisher of the same node sends the same records again, then the last one.
    const retry = new JetStreamEvidenceSink(js, nats, 'evt', 'node-a', 1_000);
    retry.emit(record('ev-1-1', 'exec-1', 'target.selected'));
    retry.emit(record('ev-1-3', 'exec-1', 'execution.completed'));
    await retry.flush();
    expect(retry.stats()).toMatchObject({ published: 2, duplicates: 1, backlog: 0 });
    // Another node whose process counter produced the same evidence id: a different record.
    const other = new JetStreamEvidenceSink(js, nats, 'evt', 'node-b', 1_000);
    other.emit(record('ev-1-0', 'exec-2', 'admission.accepted'));
    await other.flush();

    const groups = await readFleetEvidence(nc, nats, 'EV_TEST', 'evt', undefined);
    expect(groups.get('exec-1')?.map((r) => r.evidence_type)).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.completed',
    ]);
    expect(groups.get('exec-2')?.map((r) => r.evidence_id)).toEqual(['ev-1-0']);
    const only = await readFleetEvidence(nc, nats, 'EV_TEST', 'evt', 'exec-2');
    expect([...only.keys()]).toEqual(['exec-2']);
  });
});
