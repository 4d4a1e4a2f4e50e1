import type { TargetVerifier, Verdict } from '../core/contracts/boundary/boundary-interfaces.js';
import type { TargetAttestation } from '../core/contracts/boundary/target-attestation.js';
import type { TargetDescriptor } from '../core/contracts/boundary/target-descriptor.js';
import { isoNow } from '../internal/clock.js';
import { stableId } from '../internal/ids.js';
import { rejection } from './rejections.js';

/**
 * The attestation class of a local target with weak attestation. The name is the reference's,
 * kept on the wire so values interoperate. It means: a local process target whose attestation
 * carries a non-empty signature string. It is **not** a container, microVM or cryptographic
 * isolation claim.
 */
export const LOCAL_WEAK_ATTESTATION_CLASS = 'local-erlexec-weak';

/** The id of {@link LocalWeakVerifier}. */
export const LOCAL_WEAK_VERIFIER_ID = 'execution-plane:local-weak-verifier:v1';

/**
 * Verifies local weak attestations (`attestation_type: "local-erlexec-weak"`).
 *
 * What it proves: the attestation is of the local weak type and its evidence holds a non-empty
 * `signature` string. What it does not: the signature is not checked cryptographically (any
 * non-empty string passes), and nothing about isolation — no container, no VM, no sandbox. Use it
 * to route to in-process or local targets; stronger classes need a verifier of your own.
 *
 * @example
 * node.registerTargetVerifier(new LocalWeakVerifier());
 * await node.connectTarget(mintLocalAttestation({ targetId: 'local-1', laneId: 'process' }), new LocalTargetClient());
 */
export class LocalWeakVerifier implements TargetVerifier {
  readonly verifierId = LOCAL_WEAK_VERIFIER_ID;
  readonly attestationTypes = [LOCAL_WEAK_ATTESTATION_CLASS] as const;
  readonly capabilityClasses = [LOCAL_WEAK_ATTESTATION_CLASS] as const;

  handles(attestation: TargetAttestation): boolean {
    return attestation.attestation_type === LOCAL_WEAK_ATTESTATION_CLASS;
  }

  verify(attestation: TargetAttestation): Verdict<'descriptor', TargetDescriptor> {
    const evidence = attestation.evidence;
    const signature = evidence.signature;
    if (typeof signature !== 'string' || signature.length === 0) {
      return {
        ok: false,
        rejection: rejection(
          'target_attestation_unverifiable',
          null,
          {},
          'local weak target attestation requires a verifier signature',
        ),
      };
    }
    return {
      ok: true,
      descriptor: {
        contract_version: 1,
        target_id: stringOr(evidence.target_id, 'local-erlexec'),
        lane_id: stringOr(evidence.lane_id, 'process'),
        attested_capability_classes: [LOCAL_WEAK_ATTESTATION_CLASS],
        verifier_id: LOCAL_WEAK_VERIFIER_ID,
        attestation_id: attestation.attestation_id,
        attested_at: attestation.presented_at,
        expires_at: null,
        metadata: { local: true },
        signature,
      },
    };
  }
}

/** What {@link mintLocalAttestation} puts in the attestation; every field is optional. */
export interface LocalAttestationOptions {
  /**
   * The target's id in the routing table (connecting the same id again replaces it).
   * @defaultValue `'local-erlexec'`
   */
  readonly targetId?: string | undefined;
  /**
   * The lane the target serves; requests for that lane may be routed to it.
   * @defaultValue `'process'`
   */
  readonly laneId?: string | undefined;
  /**
   * Any non-empty string; it is not checked cryptographically.
   * @defaultValue `'local-weak-stub-signature'`
   */
  readonly signature?: string | undefined;
}

/**
 * A local weak attestation for {@link LocalWeakVerifier}, presented now.
 *
 * @example
 * mintLocalAttestation({ targetId: 'local-1', laneId: 'http' }).attestation_type; // 'local-erlexec-weak'
 */
export function mintLocalAttestation(options: LocalAttestationOptions = {}): TargetAttestation {
  return {
    contract_version: 1,
    attestation_id: stableId('att-local'),
    attestation_type: LOCAL_WEAK_ATTESTATION_CLASS,
    evidence: {
      class: LOCAL_WEAK_ATTESTATION_CLASS,
      target_id: options.targetId ?? 'local-erlexec',
      lane_id: options.laneId ?? 'process',
      signature: options.signature ?? 'local-weak-stub-signature',
    },
    presented_at: isoNow(),
    claimed_capability_classes: [LOCAL_WEAK_ATTESTATION_CLASS],
    metadata: {},
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}
