import type { AdmissionRejection } from '../core/contracts/boundary/admission-rejection.js';
import { decodeBoundary } from '../core/contracts/boundary/boundary-codec.js';
import type {
  TargetClient,
  TargetVerifier,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import {
  type TargetAttestation,
  TargetAttestationSchema,
} from '../core/contracts/boundary/target-attestation.js';
import {
  type TargetDescriptor,
  TargetDescriptorSchema,
} from '../core/contracts/boundary/target-descriptor.js';
import { isExecutionError } from '../core/errors.js';
import { boundedCall } from './bounded-call.js';
import { deepFreeze } from './deep-freeze.js';
import { isExpired } from './expiry.js';
import type { NodeRegistry } from './node-registry.js';
import { rejection } from './rejections.js';
import { refusalOf } from './verdicts.js';

/**
 * Puts a target in the routing table once a registered verifier vouches for its attestation:
 * the first verifier (in registration order) that handles it verifies it; the descriptor it
 * returns must be well formed, name that verifier and not have expired. Reconnecting a target id
 * replaces its entry in place. Every refusal is `target_attestation_unverifiable`.
 */
export async function connectTarget(
  registry: NodeRegistry,
  input: unknown,
  client: TargetClient,
  timeoutMs: number,
): Promise<Verdict<'descriptor', TargetDescriptor>> {
  let attestation: TargetAttestation;
  try {
    attestation = decodeBoundary(TargetAttestationSchema, input);
  } catch (error) {
    return unverifiable(isExecutionError(error) ? error.message : 'attestation could not be read');
  }
  const verifier = registry.verifierFor((candidate) => handles(candidate, attestation));
  if (!verifier) {
    return unverifiable('no target verifier handles this attestation', {
      attestation_type: attestation.attestation_type,
    });
  }
  const answer = await boundedCall(() => verifier.verify(attestation), timeoutMs);
  const refused = refusalOf(answer, 'target verifier', timeoutMs, 'target_attestation_unverifiable');
  if (refused) return { ok: false, rejection: refused };
  let descriptor: TargetDescriptor;
  try {
    const value = answer.kind === 'value' ? (answer.value as { descriptor?: unknown }) : {};
    descriptor = decodeBoundary(TargetDescriptorSchema, value.descriptor);
  } catch (error) {
    return unverifiable(isExecutionError(error) ? error.message : 'descriptor could not be read');
  }
  // Evidence names the verifier from the descriptor, so it must be the one that verified it.
  if (descriptor.verifier_id !== verifier.verifierId) {
    return unverifiable('descriptor names another verifier', {
      verifier_id: verifier.verifierId,
      descriptor_verifier_id: descriptor.verifier_id,
    });
  }
  if (isExpired(descriptor.expires_at, Date.now())) {
    return unverifiable('target descriptor has expired', { expires_at: descriptor.expires_at });
  }
  // Frozen: evidence shares one redacted copy of it per target, taken on first use.
  deepFreeze(descriptor);
  registry.targets.set(descriptor.target_id, { descriptor, client });
  return { ok: true, descriptor };
}

function handles(verifier: TargetVerifier, attestation: TargetAttestation): boolean {
  try {
    return verifier.handles(attestation) === true;
  } catch {
    return false;
  }
}

function unverifiable(
  message: string,
  details: Record<string, unknown> = {},
): { ok: false; rejection: AdmissionRejection } {
  return { ok: false, rejection: rejection('target_attestation_unverifiable', null, details, message) };
}
