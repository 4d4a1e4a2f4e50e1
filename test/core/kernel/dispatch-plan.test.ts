import { describe, expect, it } from 'vitest';
import { contractFixtures as f } from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { isExecutionError } from '../../../src/core/index.js';
import { buildDispatchPlan } from '../../../src/core/kernel/dispatch-plan.js';
import { expectInvalid } from '../contracts/helpers/expect-invalid.js';

const NOW = Date.parse('2026-04-10T11:00:00Z');
const jsonrpcRoute = () => ({ ...f.executionRoute, family: 'process', protocol: 'jsonrpc' });

describe('buildDispatchPlan', () => {
  it('resolves the http protocol from the route', () => {
    const plan = buildDispatchPlan(f.httpExecutionIntent, f.executionRoute, { now: NOW });
    expect(plan).toMatchObject({
      protocol: 'http',
      routeId: 'route-1',
      family: 'http',
      placementSurface: null,
    });
    expect(plan.intent.contract_version).toBe('http_execution_intent.v1');
  });

  it('resolves the jsonrpc protocol from the route, with a local subprocess surface by default', () => {
    const plan = buildDispatchPlan(f.jsonrpcExecutionIntent, jsonrpcRoute(), { now: NOW });
    expect(plan).toMatchObject({ protocol: 'jsonrpc', family: 'process' });
    expect(plan.placementSurface?.surface_kind).toBe('local_subprocess');
  });

  it('derives a process placement surface from the intent', () => {
    const plan = buildDispatchPlan(f.processExecutionIntent, f.processExecutionRoute, { now: NOW });
    expect(plan.protocol === 'process' && plan.placementSurface?.surface_kind).toBe('local_subprocess');
  });

  it('refuses protocols it cannot dispatch', () => {
    let caught: unknown;
    try {
      buildDispatchPlan(f.httpExecutionIntent, { ...f.executionRoute, protocol: 'sse' });
    } catch (error) {
      caught = error;
    }
    expect(isExecutionError(caught) && caught.code).toBe('NOT_SUPPORTED');
    expect((caught as Error).message).toBe('unsupported lower protocol: "sse"');
  });

  it('checks the envelope against the route in the reference order', () => {
    const envelope = f.executionIntentEnvelope;
    const intent = (over: object) => ({ ...f.httpExecutionIntent, envelope: { ...envelope, ...over } });
    expectInvalid(
      () => buildDispatchPlan(intent({ family: 'grpc', protocol: 'grpc' }), f.executionRoute, { now: NOW }),
      'intent envelope family "grpc" does not match route family "http"',
    );
    expectInvalid(
      () => buildDispatchPlan(intent({ protocol: 'grpc' }), f.executionRoute, { now: NOW }),
      'intent envelope protocol "grpc" does not match route protocol "http"',
    );
    expectInvalid(
      () => buildDispatchPlan(intent({ idempotency_key: 'other' }), f.executionRoute, { now: NOW }),
      'intent idempotency_key does not match route lineage',
    );
    expectInvalid(
      () => buildDispatchPlan(intent({ trace_id: 'other-trace' }), f.executionRoute, { now: NOW }),
      'intent trace_id must match route lineage.trace_id, got: "other-trace"',
    );
    // A missing trace id is fine.
    expect(buildDispatchPlan(intent({ trace_id: null }), f.executionRoute, { now: NOW }).routeId).toBe(
      'route-1',
    );
  });

  it('checks the placement surface against the route placement family', () => {
    const sshIntent = { ...f.processExecutionIntent, execution_surface: { surface_kind: 'ssh_exec' } };
    expectInvalid(
      () => buildDispatchPlan(sshIntent, f.processExecutionRoute, { now: NOW }),
      'route placement "local" does not match surface "ssh_exec"',
    );
    expect(
      buildDispatchPlan(sshIntent, { ...f.processExecutionRoute, placement_family: 'ssh' }, { now: NOW })
        .placementSurface?.surface_kind,
    ).toBe('ssh_exec');
  });

  it('rejects an invalid intent or route as INVALID_CONTRACT before anything else', () => {
    expectInvalid(() => buildDispatchPlan({}, f.executionRoute), 'expected a map of attrs', 'envelope');
    expectInvalid(
      () => buildDispatchPlan(f.httpExecutionIntent, { ...f.executionRoute, route_id: '' }),
      'route_id',
    );
  });
});

describe('effective timeout', () => {
  const http = (timeouts: object, deadline: string | null = null) => ({
    ...f.httpExecutionIntent,
    timeouts,
    envelope: { ...f.executionIntentEnvelope, deadline_at: deadline },
  });
  const route = (budget: object) => ({ ...f.executionRoute, resolved_budget: budget });

  it('takes the smallest positive candidate', () => {
    expect(buildDispatchPlan(http({ request_timeout_ms: 750 }), route({ timeout_ms: 1500 })).timeoutMs).toBe(
      750,
    );
    expect(
      buildDispatchPlan(http({ request_timeout_ms: 750 }), route({ timeout_ms: 1500 }), { timeoutMs: 100 })
        .timeoutMs,
    ).toBe(100);
    const deadline = new Date(NOW + 2000).toISOString();
    expect(buildDispatchPlan(http({}, deadline), route({ timeout_ms: 5000 }), { now: NOW }).timeoutMs).toBe(
      2000,
    );
  });

  it('defaults to 30 000 ms and ignores non-integer and non-positive budgets', () => {
    expect(buildDispatchPlan(http({}), route({})).timeoutMs).toBe(30_000);
    expect(buildDispatchPlan(http({ request_timeout_ms: 'fast' }), route({ timeout_ms: -5 })).timeoutMs).toBe(
      30_000,
    );
    expect(buildDispatchPlan(http({ request_timeout_ms: 2.5 }), route({ timeout_ms: 0 })).timeoutMs).toBe(
      30_000,
    );
  });

  it('reads the HTTP request timeout for HTTP intents only', () => {
    const plan = buildDispatchPlan(f.processExecutionIntent, f.processExecutionRoute, { now: NOW });
    expect(plan.timeoutMs).toBe(5000);
  });

  it('fails a deadline already in the past instead of ignoring it', () => {
    const plan = buildDispatchPlan(http({}, '2026-04-10T10:59:59Z'), route({ timeout_ms: 5000 }), {
      now: NOW,
    });
    expect(plan).toMatchObject({ deadlineExpired: true, timeoutMs: 0 });
  });

  it('caps a budget beyond the largest timer delay', () => {
    expect(buildDispatchPlan(http({}), route({ timeout_ms: 2 ** 40 })).timeoutMs).toBe(2_147_483_647);
  });

  it('validates its options before anything else', () => {
    let caught: unknown;
    try {
      buildDispatchPlan(f.httpExecutionIntent, f.executionRoute, { timeoutMs: -1 });
    } catch (error) {
      caught = error;
    }
    expect(isExecutionError(caught) && caught.code).toBe('INVALID_OPTIONS');
    expect((caught as Error).message).toContain('timeoutMs');
  });
});
