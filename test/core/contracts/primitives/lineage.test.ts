import { afterEach, describe, expect, it } from 'vitest';
import { decodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { fixtureLineage } from '../../../../src/core/contracts/fixtures/fixture-lineage.js';
import { LINEAGE_KEYS } from '../../../../src/core/contracts/primitives/lineage.js';
import {
  onTraceIdBackfill,
  type TraceIdBackfill,
} from '../../../../src/core/contracts/primitives/trace-backfill.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function route(lineage: unknown, routeId = 'route-1') {
  return { ...contractFixtures.executionRoute, route_id: routeId, lineage };
}

describe('lineage', () => {
  it('has the nine canonical keys in the reference order', () => {
    expect(LINEAGE_KEYS).toEqual([
      'tenant_id',
      'trace_id',
      'request_id',
      'decision_id',
      'boundary_session_id',
      'attempt_ref',
      'route_id',
      'event_id',
      'idempotency_key',
    ]);
  });

  it('stays continuous across the route, event and outcome fixtures', () => {
    const route = contractFixtures.executionRoute;
    const event = contractFixtures.executionEvent;
    const outcome = contractFixtures.executionOutcome;
    for (const key of ['tenant_id', 'trace_id', 'request_id'] as const)
      expect(event.lineage[key]).toBe(route.lineage[key]);
    for (const key of ['trace_id', 'request_id', 'decision_id', 'boundary_session_id'] as const) {
      expect(outcome.lineage[key]).toBe(route.lineage[key]);
    }
    expect(event.route_id).toBe(route.route_id);
    expect(outcome.route_id).toBe(route.route_id);
    expect(event.lineage.event_id).toBe(event.event_id);
  });

  it('back-fills a missing trace_id from request_id and reports it once', () => {
    const seen: TraceIdBackfill[] = [];
    stops.push(onTraceIdBackfill((event) => seen.push(event)));
    const lineage = fixtureLineage({ trace_id: null, route_id: 'route-backfill-1' });
    const decoded = decodeContract(route(lineage, 'route-backfill-1'), 'execution_route.v1');
    expect(decoded.lineage.trace_id).toBe(decoded.lineage.request_id);
    expect(seen).toEqual([
      {
        consumer: 'execution_plane_contracts',
        source: 'request_id',
        trace_id: 'request-1',
        tenant_id: 'tenant-1',
        request_id: 'request-1',
        decision_id: 'decision-1',
        boundary_session_id: 'boundary-session-1',
        route_id: 'route-backfill-1',
      },
    ]);
  });

  it('does not report when the trace id is present, and survives a throwing listener', () => {
    const seen: TraceIdBackfill[] = [];
    stops.push(
      onTraceIdBackfill(() => {
        throw new Error('listener bug');
      }),
    );
    stops.push(onTraceIdBackfill((event) => seen.push(event)));
    decodeContract(contractFixtures.executionRoute);
    expect(seen).toEqual([]);
    const decoded = decodeContract(route(fixtureLineage({ trace_id: null })), 'execution_route.v1');
    expect(decoded.lineage.trace_id).toBe('request-1');
    expect(seen).toHaveLength(1);
  });

  it('rejects unknown keys, explicit nulls and missing required keys with the reference texts', () => {
    expectInvalid(
      () => decodeContract(route({ ...fixtureLineage(), span_id: 's' })),
      'unknown lineage key: "span_id"',
    );
    expectInvalid(
      () => decodeContract(route({ ...fixtureLineage(), attempt_ref: null })),
      'lineage.attempt_ref must be a non-empty string, got: null',
    );
    expectInvalid(
      () => decodeContract(route(fixtureLineage({ decision_id: null }))),
      'lineage.decision_id is required',
    );
    expectInvalid(
      () => decodeContract(route({ ...fixtureLineage(), extensions: [] })),
      'lineage.extensions must be a map, got: []',
    );
    expectInvalid(() => decodeContract(route(null)), 'lineage must be a map, got: null');
  });

  it('does not back-fill when request_id is missing too', () => {
    expectInvalid(
      () => decodeContract(route(fixtureLineage({ trace_id: null, request_id: null }))),
      'lineage.trace_id is required',
    );
  });

  it('keeps lineage extensions', () => {
    const decoded = decodeContract(
      route({ ...fixtureLineage(), extensions: { shard: 3 } }),
      'execution_route.v1',
    );
    expect(decoded.lineage.extensions).toEqual({ shard: 3 });
  });
});
