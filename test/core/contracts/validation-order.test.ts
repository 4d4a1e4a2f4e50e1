import { describe, it } from 'vitest';
import { decodeContract } from '../../../src/core/contracts/codec.js';
import { contractFixtures as f } from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { expectInvalid } from './helpers/expect-invalid.js';

const BAD_TAG = { contract_version: 'other.v1' };

type Case = readonly [name: string, tag: string, input: Record<string, unknown>, message: string];

// A fixture with some fields broken, and the message of the check the reference runs first.
function c(
  name: string,
  fixture: { contract_version: string },
  broken: Record<string, unknown>,
  message: string,
): Case {
  return [name, fixture.contract_version, { ...fixture, ...broken }, message];
}

const CASES: readonly Case[] = [
  c(
    'route: route_id before lineage',
    f.executionRoute,
    { route_id: '', lineage: 1 },
    'route_id must be a non-empty string',
  ),
  c(
    'route: lineage before contract_version',
    f.executionRoute,
    { ...BAD_TAG, lineage: {} },
    'lineage.tenant_id is required',
  ),
  c(
    'route: the route_id match before contract_version',
    f.executionRoute,
    { ...BAD_TAG, route_id: 'route-2' },
    'route_id must match lineage.route_id, got: "route-1"',
  ),
  c(
    'route: contract_version before family',
    f.executionRoute,
    { ...BAD_TAG, family: '' },
    'expected contract_version "execution_route.v1", got: "other.v1"',
  ),
  c(
    'envelope: deadline_at read as a string first',
    f.executionIntentEnvelope,
    { ...BAD_TAG, deadline_at: 5 },
    'deadline_at must be a non-empty string, got: 5',
  ),
  c(
    'envelope: the ISO check at its own position',
    f.executionIntentEnvelope,
    { deadline_at: 'noon', cancellation_ref: '' },
    'deadline_at must be ISO8601, got: "noon"',
  ),
  c(
    'envelope: intent_id before the ISO check',
    f.executionIntentEnvelope,
    { deadline_at: 'noon', intent_id: null },
    'intent_id must be a non-empty string',
  ),
  c(
    'credential: expires_at read first',
    f.credentialHandleRef,
    { ...BAD_TAG, expires_at: false },
    'expires_at must be a non-empty string, got: false',
  ),
  c(
    'credential: audience before the ISO check',
    f.credentialHandleRef,
    { expires_at: 'x', audience: '' },
    'audience must be a non-empty string',
  ),
  c(
    'event: event_id match before route_id match',
    f.executionEvent,
    { event_id: 'event-2', route_id: 'route-2' },
    'event_id must match lineage.event_id',
  ),
  c(
    'event: event_type before timestamp',
    f.executionEvent,
    { event_type: '', timestamp: 'x' },
    'event_type must be',
  ),
  c(
    'outcome: artifacts before failure',
    f.executionOutcome,
    { artifacts: 'x', failure: { failure_class: 'x' } },
    'artifacts must be a list',
  ),
  c(
    'scenario: forbidden keys before everything',
    f.lowerSimulationScenario,
    { ...BAD_TAG, cost_policy: {}, protocol_surface: 'x' },
    'semantic provider policy must not be owned',
  ),
  c(
    'scenario: protocol_surface before contract_version',
    f.lowerSimulationScenario,
    { ...BAD_TAG, protocol_surface: 'x' },
    'protocol_surface unsupported value: "x"',
  ),
  c(
    'scenario: matcher_class before contract_version',
    f.lowerSimulationScenario,
    { ...BAD_TAG, matcher_class: 'x' },
    'matcher_class unsupported value',
  ),
  c(
    'scenario: version before owner_repo',
    f.lowerSimulationScenario,
    { version: 'v1', owner_repo: 'x' },
    'version must be semantic version',
  ),
  c(
    'evidence: outcome_family before family',
    f.lowerSimulationEvidence,
    { outcome_family: '', family: '' },
    'outcome_family must be a non-empty string',
  ),
  c(
    'evidence: family match before contract_version',
    f.lowerSimulationEvidence,
    { ...BAD_TAG, family: 'process' },
    'family must match outcome_family',
  ),
  c(
    'evidence: input before output fingerprint',
    f.lowerSimulationEvidence,
    { input_fingerprint: { stdin: 'x' }, output_fingerprint: { body: 'y' } },
    'input_fingerprint must not carry raw stdin',
  ),
  c(
    'boundary: the bounded shape scan before contract_version',
    f.executionEvidenceBoundary,
    { ...BAD_TAG, bounded_exit_code_or_response_shape: { body: 'x' } },
    'raw durable evidence is forbidden at body',
  ),
  c(
    'boundary: outcome_ref before schema_ref',
    f.executionEvidenceBoundary,
    { outcome_ref: 'x', schema_ref: 'y' },
    'outcome_ref must be an opaque handle ref',
  ),
  c(
    'no-egress: denied_surfaces before contract_version',
    f.noEgressPolicy,
    { ...BAD_TAG, denied_surfaces: {} },
    'denied_surfaces.external_egress must be deny',
  ),
  c(
    'no-egress: contract_version before policy_ref',
    f.noEgressPolicy,
    { ...BAD_TAG, policy_ref: 'x' },
    'expected contract_version',
  ),
  c(
    'adapter: the simulation key first',
    f.adapterSelectionPolicy,
    { simulation: true, selection_surface: 'x' },
    'public simulation selector is forbidden',
  ),
  c(
    'adapter: config_key before contract_version',
    f.adapterSelectionPolicy,
    { ...BAD_TAG, config_key: 'simulation' },
    'config_key must not be a public simulation selector',
  ),
  c(
    'hazmat: actor refs before contract_version',
    f.workerBudget,
    { ...BAD_TAG, principal_ref: null },
    'principal_ref or system_actor_ref is required',
  ),
  c(
    'no-bypass: checked_paths before the status vocabulary',
    f.noBypassScan,
    { scan_status: 'maybe', checked_paths: null },
    'checked_paths must be a list, got: null',
  ),
  c(
    'no-bypass: semantics before contract_version',
    f.noBypassScan,
    { ...BAD_TAG, scan_status: 'blocked' },
    'blocked no-bypass scan must carry',
  ),
];

describe("validation follows the reference's order (the first failing check decides the message)", () => {
  it.each(CASES)('%s', (_name, tag, input, message) => {
    expectInvalid(() => decodeContract(input, tag as 'execution_route.v1'), message);
  });
});
