import { describe, expect, it } from 'vitest';
import { decodeBoundary } from '../../src/core/contracts/boundary/boundary-codec.js';
import { TargetAttestationSchema } from '../../src/core/contracts/boundary/target-attestation.js';
import { createNode, LocalWeakVerifier, mintLocalAttestation } from '../../src/node/index.js';
import { LOCAL_WEAK_ATTESTATION_CLASS, LOCAL_WEAK_VERIFIER_ID } from '../../src/node/local-weak-verifier.js';
import { fakeLane, governedRequest, TestAuthority } from './fakes.js';

describe('LocalWeakVerifier', () => {
  const verifier = new LocalWeakVerifier();

  it('keeps the reference class name and verifier id on the wire', () => {
    expect(LOCAL_WEAK_ATTESTATION_CLASS).toBe('local-erlexec-weak');
    expect(verifier.verifierId).toBe(LOCAL_WEAK_VERIFIER_ID);
    expect(LOCAL_WEAK_VERIFIER_ID).toBe('execution-plane:local-weak-verifier:v1');
    expect(verifier.attestationTypes).toEqual(['local-erlexec-weak']);
    expect(verifier.capabilityClasses).toEqual(['local-erlexec-weak']);
  });

  it('mints an attestation that it handles and verifies into a local descriptor', () => {
    const attestation = mintLocalAttestation({ targetId: 'local-1', laneId: 'http', signature: 'sig' });
    expect(attestation.attestation_id).toMatch(/^att-local-\d+-\d+$/);
    expect(verifier.handles(attestation)).toBe(true);
    const verdict = verifier.verify(attestation);
    expect(verdict.ok && verdict.descriptor).toMatchObject({
      target_id: 'local-1',
      lane_id: 'http',
      attested_capability_classes: ['local-erlexec-weak'],
      verifier_id: LOCAL_WEAK_VERIFIER_ID,
      attested_at: attestation.presented_at,
      metadata: { local: true },
      signature: 'sig',
    });
    // Defaults of the reference.
    const plain = verifier.verify(mintLocalAttestation());
    expect(plain.ok && [plain.descriptor.target_id, plain.descriptor.lane_id]).toEqual([
      'local-erlexec',
      'process',
    ]);
  });

  it('requires a non-empty signature string and checks nothing more (weak, as documented)', () => {
    for (const signature of [undefined, '', null, 42]) {
      const attestation = decodeBoundary(TargetAttestationSchema, {
        attestation_type: 'local-erlexec-weak',
        evidence: { signature },
      });
      const verdict = verifier.verify(attestation);
      expect(!verdict.ok && verdict.rejection).toMatchObject({
        reason: 'target_attestation_unverifiable',
        message: 'local weak target attestation requires a verifier signature',
      });
    }
    // Any non-empty string passes: there is no cryptographic check.
    expect(verifier.verify(mintLocalAttestation({ signature: 'x' })).ok).toBe(true);
    expect(verifier.handles(decodeBoundary(TargetAttestationSchema, { attestation_type: 'spiffe' }))).toBe(
      false,
    );
  });

  it('routes governed traffic to a local target through a node', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    node.registerTargetVerifier(verifier);
    node.registerAuthorityVerifier(new TestAuthority());
    const connected = await node.connectTarget(mintLocalAttestation());
    expect(connected.ok).toBe(true);
    node.completeRegistration();
    const result = await node.execute(governedRequest());
    expect(result.status).toBe('succeeded');
  });
});
