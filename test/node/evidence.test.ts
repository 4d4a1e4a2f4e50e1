import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBoundary } from '../../src/core/contracts/boundary/boundary-codec.js';
import { type Evidence, EvidenceSchema } from '../../src/core/contracts/boundary/evidence.js';
import { EVIDENCE_TYPES } from '../../src/node/evidence-emitter.js';
import { createJsonlEvidenceSink, createMemoryEvidenceSink, createNode } from '../../src/node/index.js';
import { fakeLane, governedRequest, RecordingSink, registeredNode } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'ep-node-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence', () => {
  it('reaches every sink in registration order, with the decision context and emitted_at', async () => {
    const { node, sink } = await registeredNode();
    const order: string[] = [];
    const tagged = (id: string) => ({ sinkId: id, emit: () => void order.push(id) });
    node.registerEvidenceSink(tagged('z-second'));
    node.registerEvidenceSink(tagged('a-third'));
    const before = Date.now();
    await node.execute(governedRequest());
    expect(order.slice(0, 2)).toEqual(['z-second', 'a-third']);
    expect(node.stats().sinks.map((s) => s.sink_id)).toEqual(['test-sink', 'z-second', 'a-third']);
    expect(sink.types()).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.completed',
    ]);
    for (const record of sink.records) {
      expect(Date.parse(record.emitted_at as string)).toBeGreaterThanOrEqual(before - 1);
      expect(record.evidence_id).toMatch(/^ev-\d+-\d+$/);
      expect(Object.isFrozen(record)).toBe(true);
    }
  });

  it('never carries the raw payload or output: fingerprints instead', async () => {
    const { node, sink } = await registeredNode();
    const secret = 'Bearer sk-live-do-not-log';
    await node.execute(governedRequest({ payload: { output: { echoed: secret } } }));
    expect(JSON.stringify(sink.records)).not.toContain(secret);
    const started = sink.records.find((r) => r.evidence_type === 'execution.started');
    expect(started?.payload).toMatchObject({
      mode: 'execute',
      lane_id: 'process',
      target_id: 'target-1',
      payload_fingerprint: {
        sha256: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        byte_size: expect.any(Number),
      },
    });
    const completed = sink.records.find((r) => r.evidence_type === 'execution.completed');
    expect(completed?.payload).toMatchObject({
      reply: 'ok',
      status: 'succeeded',
      error: null,
      metrics: { duration_ms: expect.any(Number) },
      output_fingerprint: { sha256: expect.stringMatching(/^sha256:/) },
    });
  });

  it('a throwing sink is counted and breaks neither the node nor the execution', async () => {
    const { node, sink } = await registeredNode();
    node.registerEvidenceSink({
      sinkId: 'throws',
      emit: () => {
        throw new Error('disk full');
      },
    });
    node.registerEvidenceSink({ sinkId: 'rejects', emit: () => Promise.reject(new Error('offline')) });
    const after = new RecordingSink('after');
    node.registerEvidenceSink(after);
    const result = await node.execute(governedRequest());
    expect(result.status).toBe('succeeded');
    await node.flushEvidence();
    const stats = Object.fromEntries(node.stats().sinks.map((s) => [s.sink_id, s]));
    expect(stats.throws).toMatchObject({ delivered: 0, failed: 4 });
    expect(stats.rejects).toMatchObject({ delivered: 0, failed: 4 });
    expect(after.types()).toEqual(sink.types());
    expect(after.records).toHaveLength(4);
  });

  it('a hanging sink gets a bounded wait per record and never holds up the execution', async () => {
    const { node, sink } = await registeredNode({ sinkTimeoutMs: 40 });
    const hung: Evidence[] = [];
    node.registerEvidenceSink({
      sinkId: 'hangs',
      emit: (record) => {
        hung.push(record);
        return new Promise(() => {});
      },
    });
    const started = performance.now();
    const result = await node.execute(governedRequest());
    expect(result.status).toBe('succeeded');
    // The execution finished while the hung sink was still on its first record.
    expect(hung).toHaveLength(1);
    expect(sink.records).toHaveLength(4);
    await node.flushEvidence();
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * 40 - 5);
    // In order, one at a time, each timed out.
    expect(hung.map((r) => r.evidence_type)).toEqual(sink.types());
    expect(node.stats().sinks.find((s) => s.sink_id === 'hangs')).toMatchObject({ timed_out: 4, backlog: 0 });
  });

  it('a slow sink with a full backlog drops records and counts them', async () => {
    const { node } = await registeredNode({ sinkTimeoutMs: 20, sinkBacklog: 2 });
    node.registerEvidenceSink({ sinkId: 'slow', emit: () => new Promise(() => {}) });
    await node.execute(governedRequest());
    await node.execute(governedRequest());
    await node.flushEvidence();
    const slow = node.stats().sinks.find((s) => s.sink_id === 'slow');
    // 8 records: one in flight, two queued, five dropped.
    expect(slow).toMatchObject({ timed_out: 3, dropped: 5, backlog: 0 });
  });

  it('a JSONL file sink writes canonical lines that decode back with decodeBoundary', async () => {
    const path = join(dir, 'evidence.jsonl');
    const { node } = await registeredNode();
    const file = createJsonlEvidenceSink(path);
    node.registerEvidenceSink(file);
    const result = await node.execute(governedRequest());
    await node.cancel(result.execution_ref as string);
    await node.admit(governedRequest({ lane_id: 'missing' }));
    await node.close();
    await file.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const records = lines.map((line) => decodeBoundary(EvidenceSchema, line));
    expect(records.map((r) => r.evidence_type)).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.completed',
      'execution.cancelled',
      'admission.rejected',
    ]);
    const executionTypes = EVIDENCE_TYPES.filter((type) => !type.startsWith('terminal.'));
    expect(new Set(records.map((r) => r.evidence_type))).toEqual(new Set(executionTypes));
    expect(records[0]).toMatchObject({ contract_version: 1, policy_bundle_hash: 'sha256:test' });
    expect(records[5]?.payload).toMatchObject({ reason: 'lane_not_registered' });
    // Canonical: keys sorted, so the line starts with the alphabetically first key.
    expect(lines[0]).toMatch(/^\{"attestation_class":/);
  });

  it('a JSONL sink whose file cannot be written counts failures and the node carries on', async () => {
    const { node } = await registeredNode();
    const file = createJsonlEvidenceSink(join(dir, 'no-such-dir', 'evidence.jsonl'));
    node.registerEvidenceSink(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await node.execute(governedRequest())).status).toBe('succeeded');
    await node.flushEvidence();
    expect(node.stats().sinks.find((s) => s.sink_id === file.sinkId)?.failed).toBe(4);
    await file.close();
  });

  it('the memory sink keeps the newest records up to its capacity', async () => {
    const { node } = await registeredNode();
    const memory = createMemoryEvidenceSink({ capacity: 3 });
    node.registerEvidenceSink(memory);
    await node.execute(governedRequest());
    expect(memory.records.map((r) => r.evidence_type)).toEqual([
      'target.selected',
      'execution.started',
      'execution.completed',
    ]);
    expect(memory.dropped).toBe(1);
  });

  it('a node without sinks builds no records', async () => {
    const { node } = await registeredNode();
    const bare = createNode();
    bare.registerLane(fakeLane());
    await bare.execute({ lane_id: 'process', provenance: { kind: 'direct_lower_lane_owner' } });
    expect(bare.stats().evidence_emitted).toBe(0);
    await node.execute(governedRequest());
    expect(node.stats().evidence_emitted).toBe(4);
  });
});
