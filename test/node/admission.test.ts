import { describe, expect, it } from 'vitest';
import {
  type AdmissionRejection,
  createRejection,
} from '../../src/core/contracts/boundary/admission-rejection.js';
import type {
  AuthorityVerifier,
  TargetVerifier,
} from '../../src/core/contracts/boundary/boundary-interfaces.js';
import { directLowerLaneOwnerProvenance } from '../../src/core/contracts/boundary/provenance.js';
import { createNode, type RuntimeNode } from '../../src/node/index.js';
import { REJECTION_MESSAGES, type RejectionReason } from '../../src/node/rejections.js';
import {
  fakeHttpLane,
  fakeLane,
  governedRequest,
  RecordingSink,
  registeredNode,
  stubAttestation,
  TestAuthority,
  TestTargetVerifier,
} from './fakes.js';

const PAST = '2000-01-01T00:00:00Z';
const FUTURE = '2999-01-01T00:00:00Z';

async function refusal(node: RuntimeNode, request: unknown): Promise<AdmissionRejection> {
  const verdict = await node.admit(request as never);
  if (verdict.ok) throw new Error('expected a rejection');
  return verdict.rejection;
}

describe('admission: the reference order', () => {
  it('reports the first failing check, in order, as each earlier one is fixed', async () => {
    const node = createNode();
    const sink = new RecordingSink();
    node.registerEvidenceSink(sink);
    const request: Record<string, unknown> = {
      request_id: 'adm-order',
      lane_id: 'process',
      contract_version: 2,
      acceptable_attestation: { classes: ['local-erlexec-weak'] },
    };
    const seen: string[] = [];
    const step = async (fix: () => unknown) => {
      seen.push((await refusal(node, request)).reason as string);
      await fix();
    };
    await step(() => {
      request.contract_version = 1;
    });
    await step(() => node.completeRegistration());
    await step(() => node.registerAuthorityVerifier(new TestAuthority()));
    await step(() => node.registerLane(fakeLane()));
    await step(() => {
      request.authority_ref = { ref: 'deny', expires_at: PAST };
    });
    await step(() => {
      request.authority_ref = { ref: 'deny', expires_at: FUTURE };
    });
    await step(() => {
      request.authority_ref = { ref: 'allow' };
    });
    node.registerTargetVerifier(new TestTargetVerifier());
    await step(() => node.connectTarget(stubAttestation()));
    expect(seen).toEqual([
      'contract_version_mismatch',
      'registration_incomplete',
      'authority_verifier_missing',
      'lane_not_registered',
      'authority_ref_missing',
      'authority_ref_expired',
      'authority_rejected',
      'no_satisfying_attested_target',
    ]);
    const accepted = await node.admit(request as never);
    expect(accepted.ok && accepted.decision).toMatchObject({
      request_id: 'adm-order',
      status: 'accepted',
      target_id: 'target-1',
      lane_id: 'process',
      attestation_class: 'local-erlexec-weak',
    });
    // Every refusal named its request and left evidence; the acceptance left two records.
    expect(sink.types()).toEqual([
      ...seen.map(() => 'admission.rejected'),
      'admission.accepted',
      'target.selected',
    ]);
    expect(sink.records.every((r) => r.request_id === 'adm-order')).toBe(true);
  });

  it('checks direct provenance before registration, authority and targets', async () => {
    const node = createNode();
    const direct = { lane_id: 'process', provenance: directLowerLaneOwnerProvenance('owner') };
    const missing = await refusal(node, direct);
    expect(missing.reason).toBe('lane_not_registered');
    expect(missing.message).toBe('requested direct lane is not registered');
    node.registerLane(fakeLane());
    expect((await node.admit(direct)).ok).toBe(true);
  });
});

describe('admission: every rejection reason', () => {
  const reached = new Set<string>();
  const expectReason = (value: AdmissionRejection, reason: RejectionReason) => {
    expect(value.reason).toBe(reason);
    reached.add(reason);
  };

  it.each([
    ['not an object', 'just a string'],
    ['null', null],
    ['lane_id missing', { payload: {} }],
    ['lane_id empty', { lane_id: '' }],
    ['lane_id a boolean', { lane_id: true }],
    ['payload a list', { lane_id: 'process', payload: [] }],
    ['authority_ref a string', { lane_id: 'process', authority_ref: 'allow' }],
  ])('invalid_request: %s', async (_name, input) => {
    const { node } = await registeredNode();
    const value = await refusal(node, input);
    expectReason(value, 'invalid_request');
    expect(value.message).not.toBe('');
  });

  it('invalid_request keeps the request id of undecodable input when it has one', async () => {
    const { node, sink } = await registeredNode();
    const value = await refusal(node, { request_id: 'adm-bad', lane_id: 7 });
    expect(value.request_id).toBe('adm-bad');
    expect(sink.records.at(-1)).toMatchObject({ evidence_type: 'admission.rejected', request_id: 'adm-bad' });
  });

  it('invalid_request for bad call options, as a result (never a throw)', async () => {
    const { node } = await registeredNode();
    const result = await node.execute(governedRequest(), { timeoutMs: -5 });
    expect(result.status).toBe('rejected');
    expectReason(result.error as AdmissionRejection, 'invalid_request');
    expect((result.error as AdmissionRejection).message).toContain('timeoutMs');
    const streamed = await node.stream(governedRequest(), { unknown: 1 } as never);
    expect(!streamed.ok && streamed.rejection.message).toContain('unknown');
  });

  it('node_closed', async () => {
    const { node } = await registeredNode();
    await node.close();
    expectReason(await refusal(node, governedRequest()), 'node_closed');
  });

  it('capacity_exceeded, and capacity returns when an execution ends', async () => {
    const { node } = await registeredNode({ maxInFlight: 1 });
    const running = node.execute(governedRequest({ payload: { hang: true } }));
    const busy = await node.execute(governedRequest());
    expectReason(busy.error as AdmissionRejection, 'capacity_exceeded');
    // admit reserves nothing, so it is not refused for capacity.
    expect((await node.admit(governedRequest())).ok).toBe(true);
    await node.close();
    expect((await running).status).toBe('cancelled');
  });

  it('a verifier that starts another execution from inside verify leaves the capacity count right', async () => {
    const node = createNode({ nodeId: 'reentrant', maxInFlight: 1 });
    const inner: Array<Promise<unknown>> = [];
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier({
      verifierId: 'reentrant-authority',
      verify: (ref) => {
        // Inside the outer admission, after its gate reserved the one slot: a call refused by
        // its own options, then the outer request is refused too.
        if (ref.ref === 'outer') {
          inner.push(node.execute(governedRequest(), { timeoutMs: -1 }));
          return { ok: false as const, rejection: createRejection('authority_rejected', 'no') };
        }
        return { ok: true, claims: {} };
      },
    });
    const connected = await node.connectTarget(stubAttestation());
    expect(connected.ok).toBe(true);
    node.completeRegistration();
    const outer = await node.execute(governedRequest({ authority_ref: { ref: 'outer' } }));
    expectReason(outer.error as AdmissionRejection, 'authority_rejected');
    expect(await Promise.allSettled(inner)).toHaveLength(1);
    // Both refusals gave their reservation back: the one slot is free.
    const running = node.execute(governedRequest({ payload: { hang: true } }));
    expectReason((await node.execute(governedRequest())).error as AdmissionRejection, 'capacity_exceeded');
    await node.close();
    expect((await running).status).toBe('cancelled');
  });

  it('contract_version_mismatch (non-integer versions too)', async () => {
    const { node } = await registeredNode();
    for (const version of [0, 2, '1.0', ' 1']) {
      expectReason(
        await refusal(node, governedRequest({ contract_version: version })),
        'contract_version_mismatch',
      );
    }
    expect((await node.admit(governedRequest({ contract_version: '1' }))).ok).toBe(true);
  });

  it('direct_provenance_refused with allowDirect: false, even for a registered lane', async () => {
    const { node } = await registeredNode({ allowDirect: false });
    const value = await refusal(node, {
      lane_id: 'process',
      provenance: directLowerLaneOwnerProvenance('owner'),
    });
    expectReason(value, 'direct_provenance_refused');
    expect((await node.describe()).metadata).toMatchObject({ allow_direct: false });
  });

  it('registration_incomplete and authority_verifier_missing', async () => {
    const node = createNode();
    expectReason(await refusal(node, governedRequest()), 'registration_incomplete');
    node.completeRegistration();
    expectReason(await refusal(node, governedRequest()), 'authority_verifier_missing');
  });

  it('lane_not_registered', async () => {
    const { node } = await registeredNode();
    expectReason(await refusal(node, governedRequest({ lane_id: 'sse' })), 'lane_not_registered');
  });

  it('authority_ref_missing and authority_ref_expired (an unreadable expiry counts as expired)', async () => {
    const { node, authority } = await registeredNode();
    expectReason(await refusal(node, governedRequest({ authority_ref: null })), 'authority_ref_missing');
    for (const expires_at of [PAST, 'tomorrow', '2999-01-01T00:00:00']) {
      const value = await refusal(node, governedRequest({ authority_ref: { ref: 'allow', expires_at } }));
      expectReason(value, 'authority_ref_expired');
    }
    // An expired ref never reaches the verifier.
    expect(authority.seen).toEqual([]);
    expect(
      (await node.admit(governedRequest({ authority_ref: { ref: 'allow', expires_at: FUTURE } }))).ok,
    ).toBe(true);
  });

  it.each<[string, AuthorityVerifier['verify'], string]>([
    ['refuses', () => ({ ok: false, rejection: createRejection('authority_rejected', 'no') }), 'no'],
    [
      'throws',
      () => {
        throw new Error('verifier crashed');
      },
      'authority verifier failed: verifier crashed',
    ],
    ['rejects', () => Promise.reject(new Error('offline')), 'authority verifier failed: offline'],
    ['hangs', () => new Promise(() => {}), 'authority verifier did not answer within 50 ms'],
    ['answers garbage', () => 'yes' as never, 'authority verifier returned no verdict'],
    [
      'refuses without a rejection',
      () => ({ ok: false }) as never,
      'authority verifier refused without a readable rejection',
    ],
  ])('authority_rejected when the verifier %s', async (_name, verify, message) => {
    const { node } = await registeredNode({ verifierTimeoutMs: 50 });
    node.registerAuthorityVerifier({ verifierId: 'host-authority', verify });
    const value = await refusal(node, governedRequest());
    expectReason(value, 'authority_rejected');
    expect(value.message).toBe(message);
    expect(value.request_id).not.toBeNull();
  });

  it('a verifier rejection of another reason passes through, with the request id filled in', async () => {
    const { node } = await registeredNode();
    node.registerAuthorityVerifier({
      verifierId: 'host-authority',
      verify: async () => ({ ok: false, rejection: createRejection('policy_denied', 'tenant is frozen') }),
    });
    const value = await refusal(node, governedRequest({ request_id: 'adm-7' }));
    expect(value).toMatchObject({
      reason: 'policy_denied',
      message: 'tenant is frozen',
      request_id: 'adm-7',
    });
  });

  it('no_satisfying_attested_target: wrong lane, no accepted class, empty acceptable set, expired target', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    node.registerLane(fakeHttpLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    node.completeRegistration();
    await node.connectTarget(stubAttestation({ target_id: 'http-1', lane_id: 'http' }));
    const value = await refusal(node, governedRequest());
    expectReason(value, 'no_satisfying_attested_target');
    expect(value.request_id).not.toBeNull();
    await node.connectTarget(stubAttestation({ target_id: 'soon-gone', expires_at: FUTURE }));
    expect((await node.admit(governedRequest())).ok).toBe(true);
    expectReason(
      await refusal(node, governedRequest({ acceptable_attestation: { classes: [] } })),
      'no_satisfying_attested_target',
    );
  });

  it('target_attestation_unverifiable (connectTarget)', async () => {
    const node = createNode();
    node.registerTargetVerifier(new TestTargetVerifier());
    const verdict = await node.connectTarget(stubAttestation({ signature: 'nope' }));
    if (verdict.ok) throw new Error('expected a rejection');
    expectReason(verdict.rejection, 'target_attestation_unverifiable');
  });

  it('invalid_lane_request: the target refuses a payload the lane does not accept', async () => {
    const { node, sink } = await registeredNode();
    const result = await node.execute(governedRequest({ payload: { hang: 'yes please' } }));
    expect(result.status).toBe('rejected');
    const error = result.error as AdmissionRejection;
    expectReason(error, 'invalid_lane_request');
    expect(error.message).toContain('hang');
    expect(error.request_id).not.toBeNull();
    expect(sink.types().slice(-2)).toEqual(['execution.started', 'execution.completed']);
    expect(sink.records.at(-1)?.payload).toMatchObject({ reply: 'error', status: 'rejected' });
  });

  it('stream_not_supported: a lane without streaming refuses stream()', async () => {
    const node = createNode();
    node.registerLane(fakeHttpLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    await node.connectTarget(stubAttestation({ lane_id: 'http', classes: ['http-stub'] }));
    node.completeRegistration();
    const verdict = await node.stream(
      governedRequest({
        request_id: 'adm-s',
        lane_id: 'http',
        payload: { method: 'GET', url: 'https://example.test' },
        acceptable_attestation: { classes: ['http-stub'] },
      }),
    );
    if (verdict.ok) throw new Error('expected a rejection');
    expectReason(verdict.rejection, 'stream_not_supported');
    expect(verdict.rejection.request_id).toBe('adm-s');
    expect(node.stats().in_flight).toBe(0);
  });

  it('unknown_execution_ref (cancel), for strings, refs and garbage', async () => {
    const { node } = await registeredNode();
    for (const ref of ['exec-nope', { contract_version: 1 as const, ref: 'exec-nope' }, 42 as never]) {
      const verdict = await node.cancel(ref);
      if (verdict.ok) throw new Error('expected a rejection');
      expectReason(verdict.rejection, 'unknown_execution_ref');
    }
  });

  it('every reason in the catalogue was reached above', () => {
    expect([...reached].sort()).toEqual(Object.keys(REJECTION_MESSAGES).sort());
  });
});

describe('admission: determinism and registration order', () => {
  it('selects the first connected target that satisfies the request, and the priority-order class', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    node.completeRegistration();
    for (const id of ['z-target', 'a-target', 'm-target']) {
      await node.connectTarget(stubAttestation({ target_id: id, classes: ['class-a', 'class-b'] }));
    }
    const request = governedRequest({
      acceptable_attestation: { classes: ['class-a', 'class-b'], priority_order: ['class-b', 'class-a'] },
    });
    for (let i = 0; i < 5; i++) {
      const verdict = await node.admit(request);
      expect(verdict.ok && [verdict.decision.target_id, verdict.decision.attestation_class]).toEqual([
        'z-target',
        'class-b',
      ]);
    }
    // Reconnecting a target replaces it in place: the order stays connection order.
    await node.connectTarget(stubAttestation({ target_id: 'z-target', classes: ['other'] }));
    const verdict = await node.admit(request);
    expect(verdict.ok && verdict.decision.target_id).toBe('a-target');
    expect((await node.describe()).verified_targets.map((t) => t.target_id)).toEqual([
      'z-target',
      'a-target',
      'm-target',
    ]);
  });

  it('asks target verifiers in registration order; the first that handles the attestation decides', async () => {
    const node = createNode();
    const calls: string[] = [];
    const verifier = (id: string, handles: boolean) => ({
      verifierId: id,
      attestationTypes: ['stub'],
      capabilityClasses: ['c'],
      handles: () => {
        calls.push(`handles:${id}`);
        return handles;
      },
      verify: () => {
        calls.push(`verify:${id}`);
        return new TestTargetVerifier().verify({
          evidence: { signature: 'valid' },
        } as never);
      },
    });
    node.registerTargetVerifier(verifier('b-declines', false));
    node.registerTargetVerifier(verifier('a-accepts', true));
    node.registerTargetVerifier(verifier('c-never-asked', true));
    const verdict = await node.connectTarget(stubAttestation());
    // The descriptor names another verifier than the one that verified it: refused.
    expect(!verdict.ok && verdict.rejection.message).toBe('descriptor names another verifier');
    expect(calls).toEqual(['handles:b-declines', 'handles:a-accepts', 'verify:a-accepts']);
  });

  it('refuses a connectTarget whose verifier throws, hangs, or returns an expired or malformed descriptor', async () => {
    const node = createNode({ verifierTimeoutMs: 30 });
    const base = new TestTargetVerifier();
    const cases: Array<[string, TargetVerifier['verify'], string]> = [
      [
        'throws',
        () => {
          throw new Error('boom');
        },
        'target verifier failed: boom',
      ],
      ['hangs', () => new Promise<never>(() => {}), 'target verifier did not answer within 30 ms'],
      [
        'expired',
        (a) => base.verify({ ...a, evidence: { signature: 'valid', expires_at: PAST } }),
        'target descriptor has expired',
      ],
      ['malformed', () => ({ ok: true, descriptor: { lane_id: 'process' } }) as never, 'target_id'],
    ];
    for (const [name, verify, message] of cases) {
      const registry = createNode({ verifierTimeoutMs: 30 });
      registry.registerTargetVerifier({
        ...base,
        verifierId: 'test-target-verifier',
        handles: () => true,
        verify,
      });
      const verdict = await registry.connectTarget(stubAttestation());
      expect(verdict.ok, name).toBe(false);
      if (!verdict.ok) {
        expect(verdict.rejection.reason).toBe('target_attestation_unverifiable');
        expect(verdict.rejection.message).toContain(message);
      }
      expect((await registry.describe()).verified_targets).toEqual([]);
    }
    await node.close();
  });

  it('registration methods throw INVALID_OPTIONS for objects that are not what they claim', () => {
    const node = createNode();
    expect(() => node.registerLane({ id: 'x' } as never)).toThrow(/lane\.plan/);
    expect(() => node.registerEvidenceSink({ emit() {} } as never)).toThrow(/sink\.sinkId/);
    expect(() => node.registerAuthorityVerifier({ verifierId: 'a' } as never)).toThrow(/verifier\.verify/);
    expect(() => node.registerTargetVerifier({ verifierId: '' } as never)).toThrow(/verifier\.verifierId/);
    expect(() => createNode({ maxInFlight: 0 })).toThrow(/maxInFlight/);
    expect(() => createNode({ bogus: true } as never)).toThrow(/bogus/);
  });

  it('admits and dispatches before execute() returns when the authority answers synchronously', async () => {
    const { node, sink } = await registeredNode();
    const running = node.execute(governedRequest());
    // Nothing awaited yet: the decision, the target and the start are already recorded.
    expect(sink.types()).toEqual(['admission.accepted', 'target.selected', 'execution.started']);
    expect(node.stats()).toMatchObject({ in_flight: 1, admitted: 1 });
    expect((await running).status).toBe('succeeded');
    // An asynchronous answer is awaited: nothing is recorded before it arrives.
    node.registerAuthorityVerifier({ verifierId: 'later', verify: async () => ({ ok: true, claims: {} }) });
    sink.records.length = 0;
    const later = node.execute(governedRequest());
    expect(sink.types()).toEqual([]);
    expect((await later).status).toBe('succeeded');
    expect(sink.types()).toHaveLength(4);
  });
});
