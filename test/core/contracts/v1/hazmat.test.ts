import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../../src/core/contracts/codec.js';
import { expectInvalid, invalidContractError } from '../helpers/expect-invalid.js';

const scope = {
  tenant_ref: 'tenant://expense',
  installation_ref: 'installation://expense/prod',
  workspace_ref: 'workspace://expense/runtime',
  project_ref: 'project://expense/ops',
  environment_ref: 'environment://prod',
  principal_ref: 'principal://operator/alice',
  resource_ref: 'execution-resource://container/expense-runner',
  authority_packet_ref: 'authority-packet://phase4/packet-1',
  permission_decision_ref: 'permission-decision://phase4/decision-1',
  idempotency_key: 'idem-execution-plane-phase4',
  trace_id: 'trace-execution-plane-phase4',
  correlation_id: 'correlation-execution-plane-phase4',
  release_manifest_ref: 'phase4-v6-milestone6',
};

const grant = {
  ...scope,
  attach_grant_ref: 'attach-grant://expense/stream/1',
  lease_ref: 'lease://expense/stream/1',
  hazmat_resource_ref: 'hazmat://runtime/expense/stdio',
  grant_scope: { tenant_ref: scope.tenant_ref, capabilities: ['stream.attach', 'stdio.read'] },
  expires_at: '2026-04-18T22:00:00Z',
  revocation_ref: 'revocation://not-revoked',
};

describe('Phase-4 hazmat contracts', () => {
  it('AttachGrant.v1 requires tenant, authority, trace, lease, resource and revocation scope', () => {
    const decoded = decodeContract(grant, 'ExecutionPlane.AttachGrant.v1');
    expect(decoded).toMatchObject({
      contract_version: 'ExecutionPlane.AttachGrant.v1',
      tenant_ref: 'tenant://expense',
      system_actor_ref: null,
      grant_scope: { capabilities: ['stream.attach', 'stdio.read'] },
    });
    expect(JSON.parse(encodeContract(decoded)).lease_ref).toBe('lease://expense/stream/1');
    expectInvalid(
      () => decodeContract({ ...grant, revocation_ref: undefined }, 'ExecutionPlane.AttachGrant.v1'),
      'revocation_ref must be a non-empty string, got: null',
    );
    expectInvalid(
      () => decodeContract({ ...grant, expires_at: 'soon' }, 'ExecutionPlane.AttachGrant.v1'),
      'expires_at must be ISO8601, got: "soon"',
    );
  });

  it('AttachGrant.v1 rejects the legacy narrow shape on the actor check first', () => {
    expectInvalid(
      () =>
        decodeContract(
          {
            boundary_session_id: 'boundary-session-1',
            attach_mode: 'read_write',
            attach_surface: { surface_kind: 'stdio' },
            expires_at: '2026-04-18T22:00:00Z',
          },
          'ExecutionPlane.AttachGrant.v1',
        ),
      'principal_ref or system_actor_ref is required',
    );
    const systemActor = { ...grant, principal_ref: null, system_actor_ref: 'system://scheduler' };
    expect(decodeContract(systemActor, 'ExecutionPlane.AttachGrant.v1').system_actor_ref).toBe(
      'system://scheduler',
    );
  });

  it('StreamBackpressure.v1 requires deterministic termination evidence', () => {
    const event = {
      ...scope,
      stream_ref: 'stream://expense/runtime/1',
      budget_ref: 'budget://tenant/expense/stream',
      pressure_class: 'hard_pressure',
      termination_reason: 'budget_exhausted',
      last_heartbeat_at: '2026-04-18T21:55:00Z',
      diagnostics_ref: 'diagnostics://stream/1',
    };
    const decoded = decodeContract(event, 'ExecutionPlane.StreamBackpressure.v1');
    expect(decoded).toMatchObject({
      pressure_class: 'hard_pressure',
      termination_reason: 'budget_exhausted',
    });
    // The pressure class is checked before contract_version.
    expectInvalid(
      () =>
        decodeContract(
          { ...event, pressure_class: 'mild', contract_version: 'x' },
          'ExecutionPlane.StreamBackpressure.v1',
        ),
      'pressure_class is not supported: "mild"',
    );
  });

  it('WorkerBudget.v1 rejects a negative load and records the shed reason', () => {
    const budget = {
      ...scope,
      worker_pool_ref: 'worker-pool://expense/default',
      budget_ref: 'budget://tenant/expense/workers',
      queue_ref: 'queue://expense/runtime',
      current_load: -1,
      admission_decision_ref: 'admission://decision/1',
      shed_reason: 'tenant_budget_exhausted',
    };
    expectInvalid(
      () => decodeContract(budget, 'ExecutionPlane.WorkerBudget.v1'),
      'current_load must be a non-negative integer, got: -1',
    );
    expectInvalid(
      () => decodeContract({ ...budget, current_load: 1.5 }, 'ExecutionPlane.WorkerBudget.v1'),
      'current_load',
    );
    const accepted = decodeContract({ ...budget, current_load: 42 }, 'ExecutionPlane.WorkerBudget.v1');
    expect(JSON.parse(encodeContract(accepted)).current_load).toBe(42);
  });

  it('StreamAttachRevocation.v1 terminates stale grants at a known position', () => {
    const revocation = {
      ...scope,
      stream_ref: 'stream://expense/runtime/1',
      attach_grant_ref: 'attach-grant://expense/stream/1',
      lease_ref: 'lease://expense/stream/1',
      revocation_ref: 'revocation://lease/1',
      termination_ref: 'termination://stream/1',
      last_event_position: 17,
    };
    expect(decodeContract(revocation, 'ExecutionPlane.StreamAttachRevocation.v1').last_event_position).toBe(
      17,
    );
    expectInvalid(
      () =>
        decodeContract(
          { ...revocation, last_event_position: -1 },
          'ExecutionPlane.StreamAttachRevocation.v1',
        ),
      'last_event_position',
    );
  });

  it('NoBypassScan.v1 fails closed on forbidden hazmat imports', () => {
    const clear = {
      ...scope,
      scan_ref: 'scan://execution-plane/no-bypass/clear',
      caller_repo: 'app_kit',
      forbidden_module: 'ExecutionPlane',
      required_facade: 'AppKit boundary or Mezzanine activity facade',
      violation_ref: 'violation://none',
      scan_status: 'clear',
      checked_paths: ['lib/app_kit'],
      violations: [],
    };
    expect(decodeContract(clear, 'ExecutionPlane.NoBypassScan.v1').scan_status).toBe('clear');
    const violation = {
      path: 'lib/product.ex',
      line: 12,
      forbidden_module: 'ExecutionPlane',
      required_facade: 'AppKit boundary',
    };
    expectInvalid(
      () => decodeContract({ ...clear, violations: [violation] }, 'ExecutionPlane.NoBypassScan.v1'),
      'clear no-bypass scan must not carry violations',
    );
    expectInvalid(
      () => decodeContract({ ...clear, scan_status: 'blocked' }, 'ExecutionPlane.NoBypassScan.v1'),
      'blocked no-bypass scan must carry at least one violation',
    );
    const blocked = decodeContract(
      { ...clear, scan_status: 'blocked', violations: [violation] },
      'ExecutionPlane.NoBypassScan.v1',
    );
    expect(blocked.violations).toEqual([violation]);
    expectInvalid(
      () =>
        decodeContract(
          { ...clear, scan_status: 'blocked', violations: [{ ...violation, line: 0 }] },
          'ExecutionPlane.NoBypassScan.v1',
        ),
      'violation.line is required',
    );
    expectInvalid(
      () => decodeContract({ ...clear, scan_status: 'unknown' }, 'ExecutionPlane.NoBypassScan.v1'),
      'scan_status is not supported: "unknown"',
    );
    const error = invalidContractError(() =>
      decodeContract({ ...clear, checked_paths: 'lib' }, 'ExecutionPlane.NoBypassScan.v1'),
    );
    expect(error.message).toContain('checked_paths must be a list, got: "lib"');
  });
});
