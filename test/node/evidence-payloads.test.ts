/**
 * `execution.completed`'s one-pass payload (`redactedCompletedPayload`) is exactly what the
 * redaction policy makes of the plain payload, or `undefined` so that the policy makes it.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../src/core/contracts/boundary/execution-result.js';
import { createRedactor } from '../../src/internal/redact.js';
import { completedPayload, redactedCompletedPayload } from '../../src/node/evidence-payloads.js';

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

describe('redactedCompletedPayload', () => {
  const redactor = createRedactor();
  const fingerprint = (value: object) => redactor.record(value) as never;

  it.each([
    ['core metrics', { started_at: '2026-12-06T22:41:06.123Z', duration_ms: 1.5, events_dropped: 0 }],
    [
      'credential-named values',
      { api_token: 'tok', session: undefined, auth_count: 3, key_ok: true, secret: null },
    ],
    ['pairs and schemes in strings', { note: 'token=abc and Bearer abcdefgh', 'password=x': 'y' }],
    ['long strings', { text: 'x'.repeat(2_000) }],
    ['no metrics', null],
  ])('equals the policy applied to the plain payload: %s', (_name, metrics) => {
    for (const overrides of [{}, { status: 'failed' as const, output: { exit_code: 2 } }]) {
      const result = resultWith(metrics, overrides);
      const direct = redactedCompletedPayload(result, redactor, fingerprint);
      expect(direct).toBeDefined();
      expect(direct).toEqual(redactor.record(completedPayload(result)));
      expect(JSON.stringify(direct)).toBe(JSON.stringify(redactor.record(completedPayload(result))));
    }
  });

  it('leaves nested metrics, an error and a policy with listed secrets to the policy', () => {
    expect(redactedCompletedPayload(resultWith({ nested: { a: 1 } }), redactor, fingerprint)).toBeUndefined();
    expect(redactedCompletedPayload(resultWith([1]), redactor, fingerprint)).toBeUndefined();
    const failed = resultWith({}, { status: 'failed', error: { failure_class: 'timeout' } as never });
    expect(redactedCompletedPayload(failed, redactor, fingerprint)).toBeUndefined();
    const listing = createRedactor({ secrets: ['status-secret'] });
    expect(redactedCompletedPayload(resultWith({}), listing, fingerprint)).toBeUndefined();
  });
});
