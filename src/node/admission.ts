import type { AdmissionDecision } from '../core/contracts/boundary/admission-decision.js';
import type { AdmissionRejection } from '../core/contracts/boundary/admission-rejection.js';
import type { AdmissionRequest } from '../core/contracts/boundary/admission-request.js';
import type { AnyLane } from '../core/contracts/boundary/boundary-interfaces.js';
import { isContractVersionCompatible } from '../core/contracts/boundary/contract-version.js';
import { isDirectProvenance } from '../core/contracts/boundary/provenance.js';
import { isExecutionError } from '../core/errors.js';
import { unguessableId } from '../internal/ids.js';
import type { Redactor } from '../internal/redact.js';
import { type BoundedResult, boundedMethod, isThenable } from './bounded-call.js';
import { decodeAdmissionRequest } from './decode-request.js';
import type { EvidenceContext } from './evidence-context.js';
import type { EvidenceEmitter } from './evidence-emitter.js';
import { isExpired } from './expiry.js';
import type { NodeRegistry, TargetEntry } from './node-registry.js';
import { redactRejection } from './redact-results.js';
import { DIRECT_LANE_NOT_REGISTERED, type RejectionReason, rejection, withRequestId } from './rejections.js';
import { refusalOf } from './verdicts.js';

/** An accepted request: the decision, the lane and the one target it goes to (`null`: direct). */
export interface Admitted {
  readonly ok: true;
  readonly request: AdmissionRequest;
  readonly decision: AdmissionDecision;
  readonly lane: AnyLane;
  readonly target: TargetEntry | null;
  readonly context: EvidenceContext;
}

/** A refused request (`request` is `null` when the input could not be decoded). */
export interface Refused {
  readonly ok: false;
  readonly rejection: AdmissionRejection;
  readonly request: AdmissionRequest | null;
}

/** What admission reads from its node. */
export interface AdmissionEnv {
  readonly registry: NodeRegistry;
  readonly evidence: EvidenceEmitter;
  readonly allowDirect: boolean;
  readonly verifierTimeoutMs: number;
  /** The redaction policy every refusal goes through before anyone sees it. */
  readonly redactor: Redactor;
  /** A refusal of the node itself (closed, at capacity, bad call options), checked right after decoding. */
  gate(): Gated | null;
}

/** A refusal of the node's own gate. */
export interface Gated {
  readonly reason: RejectionReason;
  readonly message?: string | undefined;
}

const DIRECT_REASON = 'direct lower-lane-owner execution';
const NO_EVIDENCE = Object.freeze([]) as unknown as AdmissionDecision['evidence'];

/**
 * The admission pipeline, in the reference's order: contract version → direct provenance →
 * registration complete → authority verifier → lane registered → authority_ref (present, not
 * expired) → authority verified → attested target. Input that does not decode is refused first
 * (`invalid_request`), then the node's own gate (`node_closed`, `capacity_exceeded`). Every
 * refusal and every acceptance is recorded as evidence; nothing here throws. An authority
 * verifier that answers synchronously gets a synchronous admission: no promise is made at all.
 */
export function admit(input: unknown, env: AdmissionEnv): Admitted | Refused | Promise<Admitted | Refused> {
  let request: AdmissionRequest;
  try {
    request = decodeAdmissionRequest(input);
  } catch (error) {
    const message = isExecutionError(error) ? error.message : 'request could not be read';
    return refuse(env, null, rejection('invalid_request', idOf(input, 'request_id'), {}, message), {
      lane_id: idOf(input, 'lane_id'),
    });
  }
  const id = request.request_id;
  const gated = env.gate();
  if (gated) return refuse(env, request, rejection(gated.reason, id, {}, gated.message));
  if (!isContractVersionCompatible(request.contract_version)) {
    return refuse(env, request, rejection('contract_version_mismatch', id));
  }
  const { registry } = env;
  if (isDirectProvenance(request.provenance)) {
    if (!env.allowDirect) return refuse(env, request, rejection('direct_provenance_refused', id));
    const lane = registry.lanes.get(request.lane_id);
    if (!lane) {
      return refuse(env, request, rejection('lane_not_registered', id, {}, DIRECT_LANE_NOT_REGISTERED));
    }
    return accept(env, request, lane, null, null);
  }
  if (!registry.registrationComplete) return refuse(env, request, rejection('registration_incomplete', id));
  const authority = registry.authorityVerifier;
  if (!authority) return refuse(env, request, rejection('authority_verifier_missing', id));
  const lane = registry.lanes.get(request.lane_id);
  if (!lane) return refuse(env, request, rejection('lane_not_registered', id));
  const ref = request.authority_ref;
  if (!ref) return refuse(env, request, rejection('authority_ref_missing', id));
  if (isExpired(ref.expires_at)) {
    return refuse(env, request, rejection('authority_ref_expired', id, { expires_at: ref.expires_at }));
  }
  const answer = boundedMethod(authority, 'verify', ref, env.verifierTimeoutMs);
  return isThenable(answer)
    ? answer.then((settled) => afterAuthority(env, request, lane, settled))
    : afterAuthority(env, request, lane, answer);
}

// The rest of the pipeline once the authority verifier has answered.
function afterAuthority(
  env: AdmissionEnv,
  request: AdmissionRequest,
  lane: AnyLane,
  answer: BoundedResult<unknown>,
): Admitted | Refused {
  const id = request.request_id;
  const refused = refusalOf(answer, 'authority verifier', env.verifierTimeoutMs, 'authority_rejected');
  if (refused) return refuse(env, request, withRequestId(refused, id));
  const { registry } = env;
  const selected = selectTarget(registry, request);
  if (!selected) return refuse(env, request, rejection('no_satisfying_attested_target', id));
  return accept(env, request, lane, selected.entry, selected.attestationClass);
}

/**
 * The first target, in connection order, that serves the lane, has not expired, and attests a
 * class the request accepts; the class is the first of the intersection (priority order first).
 */
function selectTarget(
  registry: NodeRegistry,
  request: AdmissionRequest,
): { entry: TargetEntry; attestationClass: string } | undefined {
  for (const entry of registry.targets.values()) {
    const descriptor = entry.descriptor;
    if (descriptor.lane_id !== request.lane_id || isExpired(descriptor.expires_at)) continue;
    const first = firstAttested(request.acceptable_attestation, descriptor.attested_capability_classes);
    if (first !== undefined) return { entry, attestationClass: first };
  }
  return undefined;
}

// The first element of `intersectAttestation(acceptable, attested)`, without building the lists:
// the first attested class in priority order, else in the order of `classes`.
function firstAttested(
  acceptable: AdmissionRequest['acceptable_attestation'],
  attested: readonly string[],
): string | undefined {
  for (const c of acceptable.priority_order) if (attested.includes(c)) return c;
  for (const c of acceptable.classes) if (attested.includes(c)) return c;
  return undefined;
}

function accept(
  env: AdmissionEnv,
  request: AdmissionRequest,
  lane: AnyLane,
  target: TargetEntry | null,
  attestationClass: string | null,
): Admitted {
  const decision: AdmissionDecision = {
    contract_version: 1,
    request_id: request.request_id,
    status: 'accepted',
    execution_ref: unguessableId('exec'),
    target_id: target?.descriptor.target_id ?? null,
    lane_id: request.lane_id,
    attestation_class: attestationClass,
    reason: target ? null : DIRECT_REASON,
    evidence: NO_EVIDENCE,
  };
  // Handed to the caller and read by evidence: nobody may change it.
  Object.freeze(decision);
  const context: EvidenceContext = {
    execution_ref: decision.execution_ref,
    request_id: request.request_id,
    lane_id: request.lane_id,
    policy_bundle_hash: request.sandbox_profile?.bundle_hash ?? null,
    target_id: decision.target_id,
    target_verifier_id: target?.descriptor.verifier_id ?? null,
    attestation_class: attestationClass,
    redacted: null,
  };
  const authorityId = env.registry.authorityVerifier?.verifierId ?? null;
  env.evidence.emitAccepted(context, decision, authorityId);
  // The descriptor is frozen when its target connects: one redacted copy serves every record.
  if (target) env.evidence.emitShared('target.selected', context, target.descriptor, authorityId);
  return { ok: true, request, decision, lane, target, context };
}

function refuse(
  env: AdmissionEnv,
  request: AdmissionRequest | null,
  refusal: AdmissionRejection,
  fallback: { lane_id: string | null } = { lane_id: null },
): Refused {
  // The caller, the wire and evidence all see the same refusal: ids, never payloads.
  refusal = redactRejection(env.redactor, refusal);
  const context: EvidenceContext = {
    execution_ref: null,
    request_id: refusal.request_id,
    lane_id: request?.lane_id ?? fallback.lane_id,
    policy_bundle_hash: request?.sandbox_profile?.bundle_hash ?? null,
    target_id: null,
    target_verifier_id: null,
    attestation_class: null,
    redacted: null,
  };
  const authorityId = env.registry.authorityVerifier?.verifierId ?? null;
  env.evidence.emit('admission.rejected', context, refusal, authorityId);
  return { ok: false, rejection: refusal, request };
}

// The id of undecodable input, when it has one, so even that rejection names its request.
function idOf(input: unknown, key: string): string | null {
  if (typeof input !== 'object' || input === null) return null;
  try {
    const value = (input as Record<string, unknown>)[key];
    return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : null;
  } catch {
    return null;
  }
}
