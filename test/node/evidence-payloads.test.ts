/**
 * `execution.completed`'s one-pass payload (`CompletedPayloads`, which remembers keys and strings
 * from one end to the next) is exactly what the redaction policy makes of the plain payload, or
 * `undefined` so that the policy makes it.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../src/core/contracts/boundary/execution-result.js';
import { createRedactor } from '../../src/internal/redact.js';
import { CompletedPayloads, completedPayload } from '../../src/node/evidence-payloads.js';

function resultWith(metrics: unknown, overrides: Partial<ExecutionResult> = {}): ExecutionResult {
  return {
    contract_version: 1,
    execution_ref: 'exec-1',
    status: 'succeeded',
    output: null,
    events: [{ event_type: 'execution.completed', payload: { outcome: { metrics } } }],
    evidence: [],
    error: null,
    provenance: { contract_version: 1, kind: 'node_admitted', owner: null, admission_ref: null, details: {} },
    ...overrides,
  } as unknown as ExecutionResult;
}

describe('CompletedPayloads', () => {
  const redactor = createRedactor();
  const fingerprint = (value: object) => redactor.record(value) as never;
  // One builder for every case: what it remembers from one end must not leak into the next.
  const payloads = new CompletedPayloads(redactor, fingerprint);

  it.each([
    ['core metrics', { started_at: '2026-12-06T22:41:06.123Z', duration_ms: 1.5, events_dropped: 0 }],
    [
      'credential-named values',
      { api_token: 'tok', session: undefined, auth_count: 3, key_ok: true, secret: null },
    ],
    ['pairs and schemes in strings', { note: 'token=abc and Bearer abcdefgh', 'password=x': 'y' }],
    ['long strings', { text: 'x'.repeat(2_000) }],
    ['no metrics', null],
    ['keys that moved', { api_token: 'tok', started_at: '2026-12-06T22:41:06.123Z', note: 'token=abc' }],
    ['the same strings under other keys', { password: '2026-12-06T22:41:06.123Z', x: 'tok' }],
  ])('equals the policy applied to the plain payload: %s', (_name, metrics) => {
    for (const overrides of [{}, { status: 'failed' as const, output: { exit_code: 2 } }]) {
      const result = resultWith(metrics, overrides);
      const direct = payloads.redacted(result);
      expect(direct).toBeDefined();
      expect(direct).toEqual(redactor.record(completedPayload(result)));
      expect(JSON.stringify(direct)).toBe(JSON.stringify(redactor.record(completedPayload(result))));
    }
  });

  it('keeps equal to the policy when keys come and go, and when a sink changed an earlier copy', () => {
    const own = new CompletedPayloads(redactor, fingerprint);
    const sequence = [
      { started_at: 'a', duration_ms: 1, events_emitted: 2 },
      { started_at: 'a', duration_ms: 1, events_emitted: 2 },
      { started_at: 'a', duration_ms: 1 },
      { started_at: 'a', duration_ms: 1, events_emitted: 2 },
      { duration_ms: 1, started_at: 'a', events_emitted: 2 },
      { started_at: 'a', duration_ms: 1, events_emitted: 2, api_key: 'k' },
      { started_at: 'a', duration_ms: 1, events_emitted: 2 },
    ];
    for (const metrics of sequence) {
      const result = resultWith(metrics);
      const copy = own.redacted(result) as { metrics: Record<string, unknown> };
      expect(copy).toEqual(redactor.record(completedPayload(result)));
      expect(Object.keys(copy.metrics)).toEqual(Object.keys(metrics));
      // A sink may change the payload it was given: the next copies do not see it.
      copy.metrics.added = 'by a sink';
      delete copy.metrics.started_at;
    }
  });

  it('leaves nested metrics, an error and a policy with listed secrets to the policy', () => {
    expect(payloads.redacted(resultWith({ nested: { a: 1 } }))).toBeUndefined();
    expect(payloads.redacted(resultWith([1]))).toBeUndefined();
    const failed = resultWith({}, { status: 'failed', error: { failure_class: 'timeout' } as never });
    expect(payloads.redacted(failed)).toBeUndefined();
    const listing = createRedactor({ secrets: ['status-secret'] });
    expect(new CompletedPayloads(listing, fingerprint).redacted(resultWith({}))).toBeUndefined();
  });
});
