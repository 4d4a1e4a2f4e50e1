/**
 * Evidence payloads are redacted copies made at emission (`execution.completed`'s was redacted on
 * first read until round 6 of issue #13: one pass costs less than the accessor): a record read late
 * holds exactly what a record read at emission holds, whatever the caller did to its result
 * meanwhile, and is plain data to JSON, spreads, keys and deep equality.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/contracts/primitives/canonical-json.js';
import { createRedactor } from '../../src/internal/redact.js';
import { createJsonlEvidenceSink } from '../../src/node/jsonl-evidence-sink.js';
import { governedRequest, RecordingSink, registeredNode } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'ep-evidence-payload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const listed = 'listed-secret-value-1234';
const request = () =>
  governedRequest({
    request_id: 'req-lazy',
    payload: { output: { note: `carries ${listed}` } },
    provenance: {
      kind: 'node_admitted',
      owner: `owner ${listed}`,
      details: { api_token: 'withheld-by-name', note: `text with ${listed}` },
    },
  });

describe('evidence payloads', () => {
  it('a record read after the caller changed its result equals the line a JSONL sink wrote at once', async () => {
    const path = join(dir, 'eager.jsonl');
    const jsonl = createJsonlEvidenceSink(path);
    const { node, sink } = await registeredNode({ secrets: [listed] });
    node.registerEvidenceSink(jsonl);
    const result = await node.execute(request());
    expect(result.status).toBe('succeeded');
    // The caller owns its result: changing it must not reach evidence emitted before.
    const last = result.events[result.events.length - 1] as {
      payload: { outcome: { metrics: Record<string, unknown> } };
    };
    last.payload.outcome.metrics.duration_ms = -1;
    (result.provenance as { owner: unknown }).owner = 'changed';
    await node.flushEvidence();
    await jsonl.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(sink.records.map((record) => canonicalJson(record))).toEqual(lines);
    expect(lines.join('\n')).not.toContain(listed);
    expect(lines.join('\n')).not.toContain('withheld-by-name');
    const completed = sink.records.find((r) => r.evidence_type === 'execution.completed');
    expect(completed?.payload).toMatchObject({ metrics: { duration_ms: expect.any(Number) } });
    expect(completed?.payload?.metrics).not.toMatchObject({ duration_ms: -1 });
  });

  it('holds what the redaction policy makes of the decision, read as often as you like', async () => {
    const { node, sink } = await registeredNode({ secrets: [listed] });
    const verdict = await node.admit(request());
    if (!verdict.ok) throw new Error('refused');
    const accepted = sink.records.find((r) => r.evidence_type === 'admission.accepted');
    expect(accepted?.payload).toEqual(createRedactor({ secrets: [listed] }).record(verdict.decision));
    expect(accepted?.payload).toBe(accepted?.payload);
    // The decision is shared with the record, so it is frozen through and through.
    expect(Object.isFrozen(verdict.decision)).toBe(true);
    expect(() => (verdict.decision.evidence as unknown[]).push('x')).toThrow(TypeError);
  });

  it('without listed secrets, admission.accepted carries the frozen decision itself, equal to the policy copy', async () => {
    const { node, sink } = await registeredNode();
    const verdict = await node.admit(governedRequest());
    if (!verdict.ok) throw new Error('refused');
    const accepted = sink.records.find((r) => r.evidence_type === 'admission.accepted');
    expect(accepted?.payload).toBe(verdict.decision);
    expect(accepted?.payload).toEqual(createRedactor().record(verdict.decision));
    expect(Object.isFrozen(accepted?.payload)).toBe(true);
    // A request id that holds a pair is changed by the policy: then the payload is the policy's copy.
    const paired = await node.admit(governedRequest({ request_id: 'token=abc' }));
    if (!paired.ok) throw new Error('refused');
    const second = sink.records.filter((r) => r.evidence_type === 'admission.accepted')[1];
    expect(second?.payload).not.toBe(paired.decision);
    expect(second?.payload).toEqual(createRedactor().record(paired.decision));
    expect(second?.request_id).toBe('token=[redacted]');
  });

  it('ids the node minted go through the policy when a secret is listed', async () => {
    // Secrets that are parts of every minted ref and request id.
    const { node, sink } = await registeredNode({ secrets: ['exec-', 'adm-'] });
    const result = await node.execute(governedRequest({ request_id: undefined }));
    expect(result.status).toBe('succeeded');
    expect(sink.records.length).toBe(4);
    for (const record of sink.records) {
      expect(record.execution_ref).toMatch(/^\[redacted\]\d+-[0-9a-f]{32}$/);
      expect(record.request_id).toMatch(/^\[redacted\]\d+-\d+$/);
    }
    const accepted = sink.records.find((r) => r.evidence_type === 'admission.accepted');
    if (!accepted) throw new Error('no admission.accepted');
    expect(accepted.payload).toEqual(createRedactor({ secrets: ['exec-', 'adm-'] }).record(accepted.payload));
    expect((accepted.payload as { execution_ref: string }).execution_ref).toBe(accepted.execution_ref);
  });

  it('looks like plain data: keys in schema order, JSON, spreads and deep equality see the payload', async () => {
    const { node, sink } = await registeredNode();
    await node.execute(governedRequest());
    const [record] = sink.records;
    if (!record) throw new Error('no record');
    expect(Object.keys(record)).toEqual([
      'contract_version',
      'evidence_id',
      'evidence_type',
      'execution_ref',
      'request_id',
      'policy_bundle_hash',
      'target_id',
      'target_verifier_id',
      'attestation_class',
      'lane_id',
      'authority_verifier_id',
      'payload',
      'emitted_at',
    ]);
    const plain = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    expect({ ...record }).toEqual(plain);
    expect(record).toEqual(plain);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.isFrozen(record)).toBe(true);
    expect(structuredClone(record)).toEqual(plain);
  });

  it('target.selected records share one frozen copy of the frozen target descriptor', async () => {
    const { node, sink } = await registeredNode();
    const second = new RecordingSink('second');
    node.registerEvidenceSink(second);
    await node.execute(governedRequest());
    await node.execute(governedRequest());
    const selected = sink.records.filter((r) => r.evidence_type === 'target.selected');
    expect(selected).toHaveLength(2);
    expect(selected[0]?.payload).toBe(selected[1]?.payload);
    expect(Object.isFrozen(selected[0]?.payload)).toBe(true);
    const described = (await node.describe()).verified_targets[0];
    expect(Object.isFrozen(described)).toBe(true);
    expect(selected[0]?.payload).toEqual(createRedactor().record(described));
  });

  it('every payload is a data property from the start, none an accessor', async () => {
    const { node, sink } = await registeredNode();
    await node.execute(governedRequest());
    await node.execute(
      governedRequest({ payload: { failure: { failure_class: 'transport_failed', reason: 'x' } } }),
    );
    await node.cancel('exec-never-seen');
    await node.admit(governedRequest({ lane_id: 'missing' }));
    expect(sink.records.length).toBeGreaterThanOrEqual(9);
    for (const record of sink.records) {
      expect(Object.getOwnPropertyDescriptor(record, 'payload')).toHaveProperty('value');
    }
  });
});
