import fc from 'fast-check';
import { contractFixtures as f } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { fixtureLineage } from '../../../../src/core/contracts/fixtures/fixture-lineage.js';
import type { JsonMap } from '../../../../src/core/contracts/primitives/json-value.js';
import { findRawDurableEvidence } from '../../../../src/core/contracts/v1/raw-evidence-scan.js';
import { FAILURE_CLASSES } from '../../../../src/core/index.js';

/** Generators of valid contract attrs, built from the testkit fixtures with fields varied. */

export const text = fc.string({ minLength: 1, maxLength: 16 });
export const json = fc.jsonValue({ maxDepth: 3 });
export const map = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 }) as fc.Arbitrary<JsonMap>;
export const ref = text.map((s) => `ref://${s}`);
export const iso = fc
  .date({ min: new Date(0), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
// Maps the evidence-boundary scan accepts: shape facts only.
const boundedMap = fc
  .dictionary(
    fc.constantFrom('family', 'status_code', 'exit_code', 'count', 'kind'),
    fc.oneof(fc.integer(), fc.boolean()),
    {
      maxKeys: 4,
    },
  )
  .filter((m) => findRawDurableEvidence(m) === undefined);

const vary = <T extends object>(fixture: T, fields: { [K in keyof T]?: fc.Arbitrary<unknown> }) =>
  fc.record(fields as Record<string, fc.Arbitrary<unknown>>).map((o) => ({ ...fixture, ...o }));

const lineage = (routeId: string, eventId?: string) =>
  fc
    .record({ tenant_id: text, trace_id: text, request_id: text, decision_id: text, idempotency_key: text })
    .map((l) => ({
      ...fixtureLineage({ route_id: routeId, ...(eventId ? { event_id: eventId } : {}) }),
      ...l,
    }));

const envelope = vary(f.executionIntentEnvelope, {
  intent_id: text,
  family: text,
  protocol: text,
  trace_id: optional(text),
  idempotency_key: text,
  lease_ref: optional(text),
  credential_handle_refs: fc.array(ref, { maxLength: 3 }),
  deadline_at: optional(iso),
  requested_capabilities: fc.array(text, { maxLength: 3 }),
  extensions: map,
});

const scope = fc
  .record({
    tenant_ref: text,
    workspace_ref: text,
    trace_id: text,
    actors: fc.constantFrom<[string | null, string | null]>(
      ['principal://a', null],
      [null, 'system://b'],
      ['p://c', 's://d'],
    ),
  })
  .map(({ actors, ...rest }) => ({ ...rest, principal_ref: actors[0], system_actor_ref: actors[1] }));

const violation = fc.record({
  path: text,
  line: fc.integer({ min: 1, max: 9999 }),
  forbidden_module: text,
  required_facade: text,
});

/** One generator per contract; each yields attrs that decode. */
export const VALID_CONTRACTS: Readonly<Record<string, fc.Arbitrary<object>>> = {
  authorityDecision: vary(f.authorityDecision, {
    decision_id: text,
    policy_version: text,
    decision_hash: text,
    extensions: map,
  }),
  boundarySessionDescriptor: vary(f.boundarySessionDescriptor, {
    session_status: text,
    artifact_refs: fc.array(text, { maxLength: 3 }),
    policy_echo: map,
  }),
  executionIntentEnvelope: envelope,
  httpExecutionIntent: fc
    .tuple(
      envelope,
      vary(f.httpExecutionIntent, {
        stream_mode: text,
        headers: map,
        body: json,
        timeouts: map,
        retry_class: optional(text),
      }),
    )
    .map(([env, intent]) => ({ ...intent, envelope: env })),
  processExecutionIntent: fc
    .tuple(
      envelope,
      vary(f.processExecutionIntent, {
        command: text,
        argv: fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
        env_projection: map,
        cwd: optional(text),
        stdin: json,
        clear_env: fc.boolean(),
        stderr_mode: fc.constantFrom('separate', 'stdout'),
        close_stdin: fc.boolean(),
      }),
    )
    .map(([env, intent]) => ({ ...intent, envelope: env })),
  jsonrpcExecutionIntent: vary(f.jsonrpcExecutionIntent, { request: map, session_policy: map }),
  executionRoute: fc
    .tuple(
      text,
      vary(f.executionRoute, { family: text, protocol: text, resolved_target: map, resolved_budget: map }),
    )
    .chain(([id, route]) => lineage(id).map((l) => ({ ...route, route_id: id, lineage: l }))),
  credentialHandleRef: vary(f.credentialHandleRef, {
    handle_ref: ref,
    kind: text,
    expires_at: optional(iso),
    rotation_policy: optional(text),
  }),
  executionEvent: fc
    .tuple(text, text, vary(f.executionEvent, { event_type: text, timestamp: iso, payload: map }))
    .chain(([routeId, eventId, event]) =>
      lineage(routeId, eventId).map((l) => ({ ...event, route_id: routeId, event_id: eventId, lineage: l })),
    ),
  executionOutcome: fc
    .tuple(
      text,
      vary(f.executionOutcome, {
        status: text,
        raw_payload: map,
        artifacts: fc.array(json, { maxLength: 3 }),
        metrics: map,
        failure: optional(
          fc.record({
            failure_class: fc.constantFrom(...FAILURE_CLASSES),
            reason: optional(text),
            details: map,
          }),
        ),
      }),
    )
    .chain(([id, outcome]) => lineage(id).map((l) => ({ ...outcome, route_id: id, lineage: l }))),
  attachGrant: fc
    .tuple(scope, vary(f.attachGrant, { lease_ref: text, grant_scope: map, expires_at: iso }))
    .map(([s, g]) => ({ ...g, ...s })),
  streamBackpressure: fc
    .tuple(
      scope,
      vary(f.streamBackpressure, {
        pressure_class: fc.constantFrom('soft_pressure', 'hard_pressure', 'budget_exhausted'),
        last_heartbeat_at: iso,
      }),
    )
    .map(([s, b]) => ({ ...b, ...s })),
  workerBudget: fc
    .tuple(scope, vary(f.workerBudget, { current_load: fc.nat(), shed_reason: text }))
    .map(([s, b]) => ({ ...b, ...s })),
  noBypassScan: fc
    .tuple(
      scope,
      fc.oneof(
        fc.constant({ scan_status: 'clear', violations: [] }),
        fc
          .array(violation, { minLength: 1, maxLength: 3 })
          .map((v) => ({ scan_status: 'blocked', violations: v })),
      ),
      fc.array(text, { minLength: 1, maxLength: 3 }),
    )
    .map(([s, status, paths]) => ({ ...f.noBypassScan, ...s, ...status, checked_paths: paths })),
  streamAttachRevocation: fc
    .tuple(scope, vary(f.streamAttachRevocation, { last_event_position: fc.nat() }))
    .map(([s, r]) => ({ ...r, ...s })),
  lowerSimulationScenario: vary(f.lowerSimulationScenario, {
    scenario_id: text,
    version: fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((v) => v.join('.')),
    protocol_surface: fc.constantFrom('process', 'http', 'graphql', 'self_hosted'),
    matcher_class: fc.constantFrom('deterministic_over_input', 'artifact_ref', 'frozen_fixture'),
    status_or_exit_or_response_or_stream_or_chunk_or_fault_shape: map,
    input_fingerprint_ref: ref,
    cleanup_behavior: map,
  }),
  lowerSimulationEvidence: fc
    .tuple(
      text,
      text,
      vary(f.lowerSimulationEvidence, {
        scenario_ref: text,
        side_effect_policy: fc.constantFrom('deny_external_egress', 'deny_process_spawn'),
        side_effect_result: fc.constantFrom('not_attempted', 'blocked_before_dispatch'),
        input_fingerprint: fc.record({ sha256: hex64.map((h) => `sha256:${h}`), byte_size: fc.nat() }),
        raw_payload_shape: fc.uniqueArray(text, { maxLength: 4 }),
      }),
    )
    .chain(([id, family, e]) =>
      lineage(id).map((l) => ({ ...e, route_id: id, family, outcome_family: family, lineage: l })),
    ),
  executionEvidenceBoundary: vary(f.executionEvidenceBoundary, {
    outcome_ref: ref,
    bounded_status: text,
    bounded_exit_code_or_response_shape: boundedMap,
    claim_check_ref_or_null: optional(ref),
  }),
  noEgressPolicy: vary(f.noEgressPolicy, { policy_ref: ref, enforcement_boundary: text }),
  adapterSelectionPolicy: vary(f.adapterSelectionPolicy, {
    config_key: text.filter((k) => k !== 'simulation' && !k.includes('.simulation')),
    default_value_when_unset: text,
  }),
};
