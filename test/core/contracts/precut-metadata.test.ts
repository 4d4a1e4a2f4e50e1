import { describe, expect, it } from 'vitest';
import {
  createPrecutMetadata,
  sameRetryScope,
  sideEffectKey,
} from '../../../src/core/contracts/precut-metadata.js';

const sideEffect = (overrides: Record<string, unknown> = {}) => ({
  tenant_ref: 'tenant-acme',
  actor_ref: 'principal-operator',
  resource_ref: 'resource-work-1',
  workflow_ref: 'wf-100',
  activity_call_ref: 'act-100',
  lower_run_ref: 'lower-100',
  intent_id: 'intent-100',
  idempotency_key: 'idem-exec-100',
  authority_packet_ref: 'authpkt-100',
  permission_decision_ref: 'decision-100',
  trace_id: 'trace-100',
  lease_ref: 'lease-100',
  lease_evidence_ref: 'evidence-100',
  heartbeat_policy: 'lease_bound',
  timeout_policy: 'bounded',
  retry_policy: 'safe_idempotent',
  runtime_family: 'beam',
  side_effect_ref: 'side-effect-100',
  release_manifest_ref: 'phase4-v6-milestone29',
  ...overrides,
});

describe('enterprise precut metadata', () => {
  it.each([
    ['ExecutionActivityMetadata', 'tenant_ref'],
    ['CancellationMetadata', 'cancellation_id'],
    ['HeartbeatMetadata', 'heartbeat_id'],
    ['AttachGrantContract', 'attach_grant_id'],
    ['StreamLeaseContract', 'stream_ref'],
    ['RuntimeEvidenceRef', 'runtime_evidence_ref'],
    ['ActivitySideEffectIdempotency', 'tenant_ref'],
  ] as const)('knows %s and lists its missing fields in declaration order', (name, first) => {
    const result = createPrecutMetadata(name, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error === 'missing_required_fields' && result.missing[0]).toBe(first);
  });

  it('builds execution activity metadata with its contract name', () => {
    const result = createPrecutMetadata('ExecutionActivityMetadata', {
      tenant_ref: 'tenant-acme',
      actor_ref: 'principal-operator',
      resource_ref: 'resource-work-1',
      workflow_ref: 'wf-110',
      activity_call_ref: 'act-112',
      lower_run_ref: 'lower-112',
      target_ref: 'target-1',
      authority_packet_ref: 'authpkt-112',
      permission_decision_ref: 'decision-112',
      trace_id: 'trace-112',
      idempotency_key: 'idem-exec-112',
      runtime_family: 'beam',
      timeout_policy: 'bounded',
      heartbeat_policy: 'lease_bound',
      unknown_key: 'dropped',
      contract_name: 'overwritten',
    });
    expect(result.ok && result.value.contract_name).toBe('ExecutionPlane.ExecutionActivityMetadata.v1');
    expect(result.ok && result.value).not.toHaveProperty('unknown_key');
  });

  it('dedupes side-effect activities by intent id and idempotency key', () => {
    const first = createPrecutMetadata('ActivitySideEffectIdempotency', sideEffect());
    const retry = createPrecutMetadata(
      'ActivitySideEffectIdempotency',
      sideEffect({ activity_call_ref: 'act-100-retry' }),
    );
    if (!first.ok || !retry.ok) throw new Error('expected both to build');
    expect(first.value.lease_ref).toBe('lease-100');
    expect(sideEffectKey(first.value)).toEqual(['intent-100', 'idem-exec-100']);
    expect(sameRetryScope(first.value, retry.value)).toBe(true);
    expect(sameRetryScope(first.value, { intent_id: 'intent-100', idempotency_key: 'other' })).toBe(false);
    const missing = createPrecutMetadata(
      'ActivitySideEffectIdempotency',
      sideEffect({ intent_id: undefined, idempotency_key: '  ', lease_ref: null }),
    );
    expect(missing).toEqual({
      ok: false,
      error: 'missing_required_fields',
      missing: ['intent_id', 'idempotency_key', 'lease_ref'],
    });
  });

  it('keeps attach grants and stream leases lease-bound and revocable', () => {
    const attach = createPrecutMetadata('AttachGrantContract', {
      attach_grant_id: 'attach-114',
      tenant_ref: 'tenant-acme',
      principal_ref: 'principal-operator',
      resource_ref: 'resource-work-1',
      stream_ref: 'stream-114',
      lease_ref: 'lease-114',
      expires_at: '2026-04-18T00:00:00Z',
      revocation_state: 'active',
      authority_packet_ref: 'authpkt-114',
      permission_decision_ref: 'decision-114',
      trace_id: 'trace-114',
    });
    expect(attach.ok && attach.value.revocation_state).toBe('active');
    const lease = createPrecutMetadata('StreamLeaseContract', {
      stream_ref: 'stream-114',
      tenant_ref: 'tenant-acme',
      resource_ref: 'resource-work-1',
      lease_ref: 'lease-114',
      epoch_ref: 'epoch-1',
      trace_id: 'trace-114',
    });
    expect(lease.ok && lease.value.revocation_state).toBeNull();
  });

  it('keeps workflow and lower refs on cancellation, heartbeat and runtime evidence', () => {
    const base = {
      tenant_ref: 't',
      resource_ref: 'r',
      workflow_ref: 'wf',
      lower_run_ref: 'l',
      trace_id: 'tr',
    };
    expect(
      createPrecutMetadata('CancellationMetadata', {
        ...base,
        cancellation_id: 'c',
        actor_ref: 'a',
        authority_packet_ref: 'p',
        permission_decision_ref: 'd',
        idempotency_key: 'i',
      }).ok,
    ).toBe(true);
    expect(
      createPrecutMetadata('HeartbeatMetadata', {
        ...base,
        heartbeat_id: 'h',
        activity_call_ref: 'a',
        lease_ref: 'l',
      }).ok,
    ).toBe(true);
    expect(
      createPrecutMetadata('RuntimeEvidenceRef', {
        ...base,
        runtime_evidence_ref: 'e',
        payload_hash: 'a'.repeat(64),
        redaction_posture: 'operator_summary',
      }).ok,
    ).toBe(true);
    expect(createPrecutMetadata('HeartbeatMetadata', 'nope')).toEqual({ ok: false, error: 'invalid_attrs' });
  });
});
