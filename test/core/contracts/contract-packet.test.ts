import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../src/core/contracts/codec.js';
import {
  HANDOFF_STATUSES,
  handoffReceiptId,
  LOCAL_SPOOL_MODES,
  laneChurnFactId,
  pressureFactId,
  reconnectFactId,
} from '../../../src/core/contracts/fact-ids.js';
import {
  type ContractFixtureName,
  contractFixtures,
} from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { CONTRACT_VERSIONS } from '../../../src/core/contracts/primitives/version-tags.js';
import { CONTRACT_SCHEMAS } from '../../../src/core/contracts/registry.js';
import { expectInvalid } from './helpers/expect-invalid.js';

const FIXTURES = Object.keys(Object.getOwnPropertyDescriptors(contractFixtures)) as ContractFixtureName[];

describe('the contract packet', () => {
  it('gives every V1 contract a stable tag ending in .v1, each with a schema', () => {
    const tags = Object.values(CONTRACT_VERSIONS);
    expect(tags).toHaveLength(20);
    for (const tag of tags) {
      expect(tag.endsWith('.v1')).toBe(true);
      expect(CONTRACT_SCHEMAS[tag]).toBeDefined();
    }
    expect(CONTRACT_VERSIONS.execution_route_v1).toBe('execution_route.v1');
    expect(CONTRACT_VERSIONS.attach_grant_v1).toBe('ExecutionPlane.AttachGrant.v1');
  });

  it('ships a fixture for every V1 contract', () => {
    const covered = new Set(FIXTURES.map((name) => contractFixtures[name].contract_version));
    for (const tag of Object.values(CONTRACT_VERSIONS)) expect(covered.has(tag), tag).toBe(true);
  });

  it.each(FIXTURES)('%s is already in full wire form and round-trips byte-identically', (name) => {
    const fixture = contractFixtures[name];
    expect(decodeContract(fixture)).toEqual(fixture);
    const encoded = encodeContract(fixture);
    expect(encodeContract(decodeContract(encoded))).toBe(encoded);
    expect(decodeContract(encoded)).toEqual(fixture);
  });

  it('hands out a fresh copy of a fixture on every access', () => {
    const route = contractFixtures.executionRoute;
    route.resolved_budget.timeout_ms = 1;
    expect(contractFixtures.executionRoute.resolved_budget.timeout_ms).toBe(5000);
  });

  it('keeps the handoff and raw fact helpers canonical', () => {
    expect(HANDOFF_STATUSES).toEqual(['accepted', 'rejected', 'unknown']);
    expect(LOCAL_SPOOL_MODES).toEqual(['disabled', 'emergency_only']);
    expect(handoffReceiptId('route-1', 'handoff-1')).toBe('receipt:route-1:handoff-1');
    expect(pressureFactId('route-1', 'lane-1', 0)).toBe('pressure:route-1:lane-1:0');
    expect(reconnectFactId('route-1', 'lane-1', 2)).toBe('reconnect:route-1:lane-1:2');
    expect(laneChurnFactId('route-1', 'lane-1', 3)).toBe('lane_churn:route-1:lane-1:3');
    expectInvalid(() => handoffReceiptId('', 'h'), 'handoff_receipt.route_id must be a non-empty string');
    expectInvalid(() => pressureFactId('r', 'l', -1), 'fact.seq must be a non-negative integer');
    expectInvalid(() => reconnectFactId('r', 'l', 1.5), 'fact.seq');
  });

  it('rejects a missing required string instead of stringifying it', () => {
    const envelope = { ...contractFixtures.executionIntentEnvelope, idempotency_key: null };
    const error = expectInvalid(
      () => decodeContract(envelope),
      'idempotency_key must be a non-empty string, got: null',
    );
    expect(error.details).toMatchObject({
      contract: 'execution_intent_envelope.v1',
      path: 'idempotency_key',
    });
  });

  it('rejects booleans and numbers where a string is required', () => {
    expectInvalid(
      () => decodeContract({ ...contractFixtures.authorityDecision, tenant_id: true }),
      'tenant_id must be a non-empty string, got: true',
    );
    expectInvalid(
      () => decodeContract({ ...contractFixtures.authorityDecision, decision_hash: 7 }),
      'decision_hash must be a non-empty string, got: 7',
    );
  });
});
